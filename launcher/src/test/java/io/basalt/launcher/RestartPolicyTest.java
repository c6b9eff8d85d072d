package io.basalt.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RestartPolicyTest {

	/** How long one run of the service lasted and how it ended. */
	record Run(double seconds, int exitCode) {

	}

	static Stream<Arguments> scenarios() {
		return Stream.of(
				Arguments.of("the delay doubles up to 30 s (runs of 50 s: never five failures in two minutes)",
						runs(50, 7, 137), List.of("1 s", "2 s", "4 s", "8 s", "16 s", "30 s", "30 s")),
				Arguments.of("a run of 60 s or more resets the doubling", List.of(new Run(10, 1), new Run(10, 1),
						new Run(70, 137), new Run(10, 1)), List.of("1 s", "2 s", "1 s", "2 s")),
				Arguments.of("the fifth failure within two minutes gives up", runs(0.5, 5, 1),
						List.of("1 s", "2 s", "4 s", "8 s", "give up after 5")),
				Arguments.of("a stable run resets the delay, not the failure count",
						List.of(new Run(1, 1), new Run(1, 1), new Run(1, 1), new Run(60, 1), new Run(1, 1)),
						List.of("1 s", "2 s", "4 s", "1 s", "give up after 5")),
				Arguments.of("failures older than two minutes do not count",
						List.of(new Run(1, 1), new Run(1, 1), new Run(1, 1), new Run(1, 1), new Run(200, 1),
								new Run(1, 1)),
						List.of("1 s", "2 s", "4 s", "8 s", "1 s", "2 s")),
				Arguments.of("SIGTERM from outside (143) is a failure", List.of(new Run(5, 143)), List.of("1 s")),
				Arguments.of("exit code 0 is a clean exit: not restarted", List.of(new Run(5, 0)), List.of("clean")),
				Arguments.of("a clean exit does not count as a failure",
						List.of(new Run(1, 1), new Run(1, 0)), List.of("1 s", "clean")));
	}

	/** Each exit, with the service started again as soon as the previous decision said. */
	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void decidesEveryExit(String scenario, List<Run> runs, List<String> expected) {
		RestartPolicy policy = new RestartPolicy(RestartPolicy.Limits.DEFAULT);
		Instant t = Instant.parse("2026-12-02T07:00:00Z");
		List<String> decisions = new ArrayList<>();
		for (Run run : runs) {
			Instant exited = t.plusMillis((long) (run.seconds() * 1000));
			RestartPolicy.Decision d = policy.onExit(run.exitCode(), t, exited);
			decisions.add(describe(d));
			t = (d instanceof RestartPolicy.Restart r) ? exited.plus(r.delay()) : exited;
		}
		assertThat(decisions).isEqualTo(expected);
	}

	/** The attempt counts the failures since the last stable run, as the log line shows it. */
	@Test
	void attemptCountsConsecutiveFailures() {
		RestartPolicy policy = new RestartPolicy(RestartPolicy.Limits.DEFAULT);
		Instant t = Instant.EPOCH;

		assertThat(policy.onExit(1, t, t.plusSeconds(30))).isEqualTo(new RestartPolicy.Restart(1, Duration.ofSeconds(1)));
		assertThat(policy.onExit(1, t.plusSeconds(31), t.plusSeconds(40)))
			.isEqualTo(new RestartPolicy.Restart(2, Duration.ofSeconds(2)));
		assertThat(policy.onExit(1, t.plusSeconds(42), t.plusSeconds(200)))
			.isEqualTo(new RestartPolicy.Restart(1, Duration.ofSeconds(1)));
	}

	/** Limits that could never restart or never give up are refused. */
	@Test
	void refusesNonsenseLimits() {
		Duration s = Duration.ofSeconds(1);
		assertThatIllegalArgumentException().isThrownBy(() -> new RestartPolicy.Limits(s.multipliedBy(2), s, s, 5, s));
		assertThatIllegalArgumentException().isThrownBy(() -> new RestartPolicy.Limits(s, s, s, 0, s));
		assertThatIllegalArgumentException().isThrownBy(() -> new RestartPolicy.Limits(s.negated(), s, s, 5, s));
	}

	private static List<Run> runs(double seconds, int count, int exitCode) {
		return Stream.generate(() -> new Run(seconds, exitCode)).limit(count).toList();
	}

	private static String describe(RestartPolicy.Decision d) {
		return switch (d) {
			case RestartPolicy.Restart r -> r.delay().toSeconds() + " s";
			case RestartPolicy.Clean c -> "clean";
			case RestartPolicy.GiveUp g -> "give up after " + g.failures();
		};
	}

}
