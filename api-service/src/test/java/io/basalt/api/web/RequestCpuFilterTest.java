package io.basalt.api.web;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

class RequestCpuFilterTest {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final RequestCpuFilter filter = new RequestCpuFilter(this.registry);

	@Test
	void recordsTheHandlingThreadsCpuTimeByMethodAndRoute() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v3/p/volumes/abc");
		this.filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
			req.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/v3/{project}/volumes/{id}");
			burn();
		});

		Timer timer = this.registry.find(RequestCpuFilter.METER)
			.tags("method", "GET", "uri", "/v3/{project}/volumes/{id}")
			.timer();
		assertThat(timer).isNotNull();
		assertThat(timer.count()).isEqualTo(1);
		assertThat(timer.totalTime(TimeUnit.MICROSECONDS)).isGreaterThan(1_000);
	}

	@Test
	void aRequestNoHandlerMatchedIsCountedAsUnknown() throws Exception {
		this.filter.doFilter(new MockHttpServletRequest("POST", "/nothing"), new MockHttpServletResponse(),
				(req, res) -> {
				});

		assertThat(this.registry.find(RequestCpuFilter.METER).tags("method", "POST", "uri", "UNKNOWN").timer())
			.isNotNull();
	}

	/** Spins for about 20 ms of this thread's CPU. */
	private static void burn() {
		var threads = java.lang.management.ManagementFactory.getThreadMXBean();
		long until = threads.getCurrentThreadCpuTime() + 20_000_000L;
		long x = 0;
		while (threads.getCurrentThreadCpuTime() < until) {
			x += System.nanoTime() % 7;
		}
		assertThat(x).isGreaterThanOrEqualTo(0);
	}

}
