package io.basalt.api.web;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The CPU time each request costs the api, by request type: the handling thread's CPU time
 * ({@link ThreadMXBean#getCurrentThreadCpuTime()}, a {@code clock_gettime(CLOCK_THREAD_CPUTIME_ID)} on Linux, well
 * under a microsecond) before and after the rest of the filter chain, recorded in the timer
 * {@value #METER} with the tags {@code method} and {@code uri} (the matched route pattern, as
 * {@code http.server.requests} has it; {@code UNKNOWN} when no handler matched, so the tag's values stay bounded).
 * What it covers: authentication, the policy, the handler, the JSON body and the database calls made on the
 * request's thread — not Tomcat's socket handling nor work done later on other threads (casts sent after the
 * commit, the outbox relay). {@code bin/bench} reads it from {@code /actuator/prometheus} before and after a run
 * to print the api's CPU per request type. Does nothing when the JVM cannot measure thread CPU time or there is no
 * meter registry (web slice tests). Thread-safe.
 */
public class RequestCpuFilter extends OncePerRequestFilter {

	/** Exported to Prometheus as {@code basalt_api_request_cpu_seconds_count} / {@code _sum}. */
	public static final String METER = "basalt.api.request.cpu";

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private final boolean supported;

	private final MeterRegistry registry;

	/** @param registry where the timer goes; null: record nothing */
	public RequestCpuFilter(MeterRegistry registry) {
		this.registry = registry;
		this.supported = registry != null && this.threads.isCurrentThreadCpuTimeSupported() && this.threads.isThreadCpuTimeEnabled();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.supported) {
			chain.doFilter(request, response);
			return;
		}
		long start = this.threads.getCurrentThreadCpuTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			long used = this.threads.getCurrentThreadCpuTime() - start;
			Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
			Timer.builder(METER)
				.description("CPU time of the api thread that handled the request")
				.tag("method", request.getMethod())
				.tag("uri", (pattern != null) ? pattern.toString() : "UNKNOWN")
				.register(this.registry)
				.record(Math.max(used, 0), TimeUnit.NANOSECONDS);
		}
	}

}
