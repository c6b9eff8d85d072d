package io.basalt.scheduler;

import java.nio.file.Path;
import java.util.List;

import io.basalt.common.state.WireStatus;
import io.basalt.testing.StatusWordLiterals;
import org.junit.jupiter.api.Test;

/**
 * No Java code in scheduler-service's src/main writes a status word by hand (issue 11): statuses are named by
 * common-service's {@code io.basalt.common.state} constants. The words below are the same text but not a status.
 */
class NoStatusWordLiteralsTest {

	/** One entry per occurrence: {@code path: word}. */
	private static final List<String> NOT_STATUSES = List.of();

	@Test
	void noStatusWordWrittenByHand() {
		StatusWordLiterals.assertNone(Path.of("src/main/java"), WireStatus.allWires(), NOT_STATUSES);
	}

}
