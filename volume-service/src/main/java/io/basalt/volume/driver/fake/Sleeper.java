package io.basalt.volume.driver.fake;

import java.time.Duration;

/** Waits for a while; injected so that unit tests can simulate latency without sleeping. */
@FunctionalInterface
public interface Sleeper {

	/** The real one: {@link Thread#sleep(Duration)}. */
	Sleeper THREAD = Thread::sleep;

	/** Waits for {@code duration} (zero or negative: returns at once). */
	void sleep(Duration duration) throws InterruptedException;

}
