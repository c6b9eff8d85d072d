package io.basalt.api.volume;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.basalt.api.web.Uuids;
import io.basalt.api.web.ApiException;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Finds volumes (and snapshot sources) visible to a project, failing with Cinder's 404s. Thread-safe. */
@Component
public class VolumeLookup {

	private final VolumeStore volumes;

	private final JdbcTemplate jdbc;

	public VolumeLookup(VolumeStore volumes, JdbcTemplate jdbc) {
		this.volumes = volumes;
		this.jdbc = jdbc;
	}

	/** A live volume of {@code projectScope} (any project when null); 404 otherwise. */
	public VolumeRecord get(String id, String projectScope) {
		return this.volumes.find(id, projectScope).orElseThrow(() -> notFound(id));
	}

	/** The backends of volumes of a project, by id ({@code null} value: not scheduled yet). */
	public Map<String, String> hostsOf(List<String> ids, String projectId) {
		return this.volumes.hostsOf(ids, projectId);
	}

	/** What a create needs of a source snapshot; 404 if not visible. */
	public SnapshotSource snapshotSource(String snapshotId, String projectId) {
		UUID uuid = Uuids.parse(snapshotId);
		List<SnapshotSource> rows = (uuid == null) ? List.of() : this.jdbc.query("""
				SELECT s.status, s.volume_size, v.availability_zone, v.host FROM snapshots s JOIN volumes v ON v.id = s.volume_id
				WHERE s.id = ? AND NOT s.deleted AND s.project_id = ?""",
				(rs, i) -> new SnapshotSource(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)), uuid, projectId);
		if (rows.isEmpty()) {
			throw ApiException.notFound("Snapshot " + snapshotId + " could not be found.");
		}
		return rows.get(0);
	}

	/** Cinder's {@code VolumeNotFound}. */
	public static ApiException notFound(String id) {
		return ApiException.notFound("Volume " + id + " could not be found.");
	}

	/**
	 * What a create needs of a source snapshot.
	 * @param status the snapshot status
	 * @param size the snapshot's volume size
	 * @param availabilityZone the zone of its volume
	 * @param host its volume's {@code host@backend#pool}, or null
	 */
	public record SnapshotSource(String status, int size, String availabilityZone, String host) {
	}

}
