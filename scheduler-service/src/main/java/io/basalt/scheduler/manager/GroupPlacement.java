package io.basalt.scheduler.manager;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.state.GroupStatus;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.RequestContext;
import io.basalt.scheduler.scheduling.FilterScheduler;
import io.basalt.scheduler.scheduling.ScheduleResult;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code create_group} (Cinder's {@code schedule_create_group}): run the filters (the group's own
 * {@code GroupVolumeTypesFilter} keeps the pools that satisfy every volume type and the group specs) → record the
 * chosen backend ({@code host@backend}) on the group row, guarded by {@code creating} and no host yet → cast
 * {@code create_group} to that backend; no valid backend → the group becomes {@code error}. A group takes no
 * capacity of its own, so the pool consumed by the decision is given back at once.
 * <p>
 * Idempotent: a redelivered message finds the group placed (or no longer {@code creating}) and does nothing.
 * Thread-safe.
 */
public class GroupPlacement {

	private static final Logger log = LoggerFactory.getLogger(GroupPlacement.class);

	private final FilterScheduler scheduler;

	private final JdbcTemplate jdbc;

	private final VolumeRpcApi volumeRpc;

	private final Clock clock;

	public GroupPlacement(FilterScheduler scheduler, JdbcTemplate jdbc, VolumeRpcApi volumeRpc, Clock clock) {
		this.scheduler = scheduler;
		this.jdbc = jdbc;
		this.volumeRpc = volumeRpc;
		this.clock = clock;
	}

	/** Places a group and casts its creation to the chosen backend. */
	public void create(RequestContext context, RequestSpec request, FilterProperties properties) {
		String groupId = request.group().groupId();
		ScheduleResult result = this.scheduler.schedule(request, properties);
		switch (result) {
			case ScheduleResult.NoValidBackend none -> fail(groupId, none.reason());
			case ScheduleResult.Chosen chosen -> {
				this.scheduler.release(chosen, request.size());
				String backend = VolumeRpcApi.backendOf(chosen.host());
				if (!claimHost(groupId, backend)) {
					log.info("Group {} is no longer waiting for a backend; nothing to do", groupId);
					return;
				}
				try {
					this.volumeRpc.createGroup(context, backend, groupId);
				}
				catch (RuntimeException ex) {
					fail(groupId, "Could not send create_group to " + backend + ": " + ex.getMessage());
				}
			}
		}
	}

	boolean claimHost(String groupId, String backend) {
		Timestamp now = Timestamp.from(this.clock.instant());
		return this.jdbc.update("""
				UPDATE groups SET host = ?, updated_at = ?
				WHERE id = ? AND status = ? AND host IS NULL AND NOT deleted""", backend, now,
				UUID.fromString(groupId), GroupStatus.CREATING.wire()) == 1;
	}

	private void fail(String groupId, String reason) {
		log.warn("Failed to schedule group {}: {}", groupId, reason);
		this.jdbc.update("UPDATE groups SET status = ?, updated_at = ? WHERE id = ? AND status = ? AND NOT deleted",
				GroupStatus.ERROR.wire(), Timestamp.from(this.clock.instant()), UUID.fromString(groupId),
				GroupStatus.CREATING.wire());
	}

}
