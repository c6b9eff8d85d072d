package io.basalt.system;

import static io.basalt.system.CinderApi.backendOf;
import static io.basalt.system.CinderApi.text;
import static io.basalt.system.SystemTestSupport.newProject;
import static io.basalt.system.SystemTestSupport.reasonTexts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Heartbeats and {@code service_down_time} across processes: with a 1 s report interval and a 5 s down time, a
 * killed volume process is shown {@code down} by {@code os-services} and the scheduler stops placing volumes on
 * it (a create ends {@code error}, no valid backend); started again, it is {@code up} and placeable again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ServiceHeartbeatIT {

	static final Duration DOWN_TIME = Duration.ofSeconds(5);

	BasaltStack stack;

	CinderApi api;

	@BeforeAll
	void startStack() {
		this.stack = BasaltStack.builder(getClass().getSimpleName())
			.reportInterval(Duration.ofSeconds(1))
			.serviceDownTime(DOWN_TIME)
			.capabilityInterval(Duration.ofSeconds(2))
			// the scheduler reads the services' rows this often (default 10 s)
			.schedulerProperty("basalt.scheduler.status-refresh-interval", "1s")
			.volume("vol1", Backend.fake("only", 1000))
			.start();
		this.api = this.stack.api();
	}

	@AfterAll
	void stopStack() {
		if (this.stack != null) {
			this.stack.close();
		}
	}

	@Test
	void killedVolumeNodeGoesDownIsNotPlacedOnAndComesBack() {
		String project = newProject();
		String backend = "vol1@only";

		// up: a create lands there
		String first = this.api.createVolume(project, 1, null, "before");
		JsonNode v1 = this.api.awaitSettled(project, first, Duration.ofSeconds(60));
		assertThat(text(v1, "status")).as("status of %s", v1).isEqualTo("available");
		assertThat(backendOf(text(v1, "os-vol-host-attr:host"))).isEqualTo(backend);
		assertThat(text(this.api.service(project, backend), "state")).isEqualTo("up");

		// killed: down after service_down_time
		Instant killedAt = Instant.now();
		this.stack.kill("vol1");
		JsonNode down = awaitState(project, backend, "down", DOWN_TIME.plusSeconds(15));
		SystemTestSupport.observe("ServiceHeartbeatIT", backend + " shown down "
				+ Duration.between(killedAt, Instant.now()).toMillis() + " ms after the kill: " + down);
		assertThat(Duration.between(killedAt, Instant.now()))
			.as("not reported down before service_down_time has passed")
			.isGreaterThanOrEqualTo(DOWN_TIME.minusSeconds(1));
		JsonNode scheduler = this.api.service(project, "sched1");
		assertThat(text(scheduler, "state")).as("the scheduler still heartbeats: %s", scheduler).isEqualTo("up");

		// a create is not placed on the dead node: error, no valid backend
		String second = this.api.createVolume(project, 1, null, "while-down");
		JsonNode v2 = this.api.awaitSettled(project, second, Duration.ofSeconds(60));
		assertThat(text(v2, "status")).as("status of %s while its only backend is down\n%s", v2,
				reasonTexts(this.stack, project, second))
			.isEqualTo("error");
		assertThat(text(v2, "os-vol-host-attr:host")).as("not placed on the down backend").isNull();

		// started again: up and placeable
		this.stack.start("vol1");
		awaitState(project, backend, "up", Duration.ofSeconds(30));
		// one capability interval later the scheduler knows the node again
		BasaltStack.sleep(3000);
		String third = this.api.createVolume(project, 1, null, "after");
		JsonNode v3 = this.api.awaitSettled(project, third, Duration.ofSeconds(60));
		assertThat(text(v3, "status")).as("status of %s after the node came back\n%s", v3,
				reasonTexts(this.stack, project, third))
			.isEqualTo("available");
		assertThat(backendOf(text(v3, "os-vol-host-attr:host"))).isEqualTo(backend);
	}

	private JsonNode awaitState(String project, String host, String state, Duration timeout) {
		AtomicReference<JsonNode> last = new AtomicReference<>();
		try {
			await().atMost(timeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
				JsonNode s = this.api.service(project, host);
				last.set(s);
				return s != null && state.equals(text(s, "state"));
			});
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError(host + " not " + state + " within " + timeout + ": " + last.get(), ex);
		}
		return last.get();
	}

}
