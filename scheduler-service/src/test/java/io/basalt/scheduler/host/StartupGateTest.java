package io.basalt.scheduler.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.basalt.scheduler.MutableClock;
import io.basalt.scheduler.Pools;

@Timeout(10)
class StartupGateTest {

	private final MutableClock clock = new MutableClock(Pools.T0);

	/** The first report opens the gate at once. */
	@Test
	void opensOnFirstReport() throws InterruptedException {
		StartupGate gate = new StartupGate(this.clock, Duration.ofMinutes(5));
		gate.begin();
		assertThat(gate.isOpen()).isFalse();

		gate.reportReceived();

		assertThat(gate.isOpen()).isTrue();
		assertThat(gate.awaitOpen()).isTrue();
	}

	/** Without a report the gate opens when the window is over. */
	@Test
	void opensWhenWindowIsOver() throws InterruptedException {
		StartupGate gate = new StartupGate(this.clock, Duration.ofSeconds(5));
		gate.begin();
		this.clock.advance(Duration.ofSeconds(5));

		assertThat(gate.isOpen()).isTrue();
		assertThat(gate.awaitOpen()).isFalse();
	}

	/** Waiting is bounded by the window. */
	@Test
	void waitIsBounded() throws InterruptedException {
		StartupGate gate = new StartupGate(java.time.Clock.systemUTC(), Duration.ofMillis(100));
		gate.begin();
		long start = System.nanoTime();

		assertThat(gate.awaitOpen()).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

}
