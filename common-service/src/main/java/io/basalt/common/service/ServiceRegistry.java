package io.basalt.common.service;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps this process's rows in {@code services} alive: {@link #register} inserts (or revives) a row for a
 * {@code (host, binary)} pair and {@link #heartbeat()} — run every {@code report_interval} by
 * {@link ServiceHeartbeatScheduler} — bumps {@code updated_at} and {@code report_count} of every registered
 * row. A volume process registers one row per backend ({@code host@backend}).
 * <p>
 * Thread-safe. Plain JDBC: one statement per row and beat, no entity loading on a timer.
 */
public class ServiceRegistry {

	private static final Logger log = LoggerFactory.getLogger(ServiceRegistry.class);

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final String availabilityZone;

	private final List<ServiceRegistration> registrations = new CopyOnWriteArrayList<>();

	public ServiceRegistry(JdbcTemplate jdbc, Clock clock, BasaltServiceProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.availabilityZone = properties.availabilityZone();
	}

	/**
	 * Registers (or revives) the row of {@code binary} on {@code host} and heartbeats it from now on.
	 * @param rpcVersion the RPC API version this service implements
	 */
	public ServiceRegistration register(String binary, String host, String topic, String rpcVersion) {
		return register(binary, host, topic, rpcVersion, this.availabilityZone);
	}

	/**
	 * Registers (or revives) a row in its own availability zone, e.g. a volume backend whose zone differs from
	 * the process's {@code basalt.service.availability-zone}.
	 */
	public ServiceRegistration register(String binary, String host, String topic, String rpcVersion,
			String availabilityZone) {
		Timestamp now = Timestamp.from(this.clock.instant());
		int updated = this.jdbc.update("""
				UPDATE services SET topic = ?, availability_zone = ?, rpc_current_version = ?, updated_at = ?
				WHERE host = ? AND "binary" = ? AND NOT deleted""", topic, availabilityZone, rpcVersion, now, host,
				binary);
		if (updated == 0) {
			this.jdbc.update("""
					INSERT INTO services (host, "binary", topic, availability_zone, disabled, report_count,
					                      rpc_current_version, created_at, updated_at, deleted)
					VALUES (?, ?, ?, ?, false, 0, ?, ?, ?, false)
					ON CONFLICT DO NOTHING""", host, binary, topic, availabilityZone, rpcVersion, now, now);
		}
		ServiceRegistration registration = new ServiceRegistration(binary, host, topic);
		this.registrations.add(registration);
		log.info("Registered service {} on {} (topic {}, zone {})", binary, host, topic, availabilityZone);
		return registration;
	}

	/** Stops heartbeating a row (the row stays; it goes down after {@code service_down_time}). */
	public void unregister(ServiceRegistration registration) {
		this.registrations.remove(registration);
	}

	/** The rows this process heartbeats. */
	public List<ServiceRegistration> registrations() {
		return List.copyOf(this.registrations);
	}

	/** Bumps every registered row once. A database error is logged and retried at the next beat. */
	public void heartbeat() {
		Timestamp now = Timestamp.from(this.clock.instant());
		for (ServiceRegistration r : this.registrations) {
			try {
				this.jdbc.update("""
						UPDATE services SET updated_at = ?, report_count = report_count + 1
						WHERE host = ? AND "binary" = ? AND NOT deleted""", now, r.host(), r.binary());
			}
			catch (RuntimeException ex) {
				log.warn("Heartbeat of {} on {} failed: {}", r.binary(), r.host(), ex.toString());
			}
		}
	}

	/**
	 * One registered row.
	 * @param binary e.g. {@code basalt-volume}
	 * @param host e.g. {@code node1@fake}
	 * @param topic the RPC topic
	 */
	public record ServiceRegistration(String binary, String host, String topic) {
	}

}
