package io.basalt.api.metadata;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the key/value metadata of several rows at once from a metadata table ({@code volume_metadata},
 * {@code snapshot_metadata}): one query for a whole page of volumes or snapshots, never one per row.
 */
public final class MetadataRows {

	/** The metadata tables and the column naming their owner. */
	public enum Table {

		/** {@code volume_metadata}, by {@code volume_id}. */
		VOLUME("volume_metadata", "volume_id", "volumes"),

		/** {@code snapshot_metadata}, by {@code snapshot_id}. */
		SNAPSHOT("snapshot_metadata", "snapshot_id", "snapshots");

		private final String query;

		final String table;

		final String ownerColumn;

		final String ownerTable;

		Table(String table, String ownerColumn, String ownerTable) {
			this.table = table;
			this.ownerColumn = ownerColumn;
			this.ownerTable = ownerTable;
			this.query = "SELECT " + ownerColumn + ", key, value FROM " + table + " WHERE " + ownerColumn
					+ " = ANY(?) ORDER BY key";
		}

	}

	private MetadataRows() {
	}

	/** Owner id → its metadata in key order; owners without metadata are absent. */
	public static Map<String, Map<String, String>> of(JdbcTemplate jdbc, Table table, List<String> ownerIds) {
		Map<String, Map<String, String>> metadata = new HashMap<>();
		if (ownerIds.isEmpty()) {
			return metadata;
		}
		UUID[] ids = ownerIds.stream().map(UUID::fromString).toArray(UUID[]::new);
		jdbc.query(table.query, rs -> {
			metadata.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2),
					rs.getString(3));
		}, (Object) ids);
		return metadata;
	}

}
