package io.basalt.volume.manager;

import java.util.function.Supplier;

import io.basalt.volume.driver.DriverOperation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times manager operations into {@code basalt.volume.operations} tagged by {@code operation}, {@code backend} and
 * {@code outcome}; an exception escaping the operation is recorded as {@code failure} and rethrown.
 * Thread-safe.
 */
public class OperationMetrics {

	public static final String TIMER = "basalt.volume.operations";

	private final MeterRegistry registry;

	private final String backend;

	public OperationMetrics(MeterRegistry registry, String backend) {
		this.registry = registry;
		this.backend = backend;
	}

	/** Runs {@code operation}, timing it under the outcome it returns. */
	public Outcome time(DriverOperation operation, Supplier<Outcome> work) {
		Timer.Sample sample = Timer.start(this.registry);
		Outcome outcome = Outcome.FAILURE;
		try {
			outcome = work.get();
			return outcome;
		}
		finally {
			sample.stop(Timer.builder(TIMER)
				.description("Volume manager operations by outcome")
				.tag("operation", operation.wireName())
				.tag("backend", this.backend)
				.tag("outcome", outcome.tag())
				.register(this.registry));
		}
	}

}
