package io.basalt.volume.backend;

import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;

import io.basalt.common.rpc.BasaltRpcProperties;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.service.ServiceRegistry;
import io.basalt.rpc.Rpc;
import io.basalt.volume.report.CapabilityReporter.ReporterSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;

/**
 * The process-wide services every backend is built from.
 *
 * @param rpc the RPC transport
 * @param rpcProperties exchange and topic names
 * @param registry the {@code services} registry (heartbeats)
 * @param scheduler the scheduler's RPC stub (reschedules, capability reports)
 * @param jdbc the database
 * @param taskScheduler runs periodic and debounced reports
 * @param clock timestamps
 * @param random the reporters' initial delays
 * @param meters metrics
 * @param reporterSettings when reports are sent
 * @param schedulerMaxAttempts the scheduler's max attempts
 * @param messageTtl how long the user messages of failed creates are kept
 */
public record BackendCollaborators(Rpc rpc, BasaltRpcProperties rpcProperties, ServiceRegistry registry,
		SchedulerRpcApi scheduler, JdbcTemplate jdbc, TaskScheduler taskScheduler, Clock clock, RandomGenerator random,
		MeterRegistry meters, ReporterSettings reporterSettings, int schedulerMaxAttempts, Duration messageTtl) {
}
