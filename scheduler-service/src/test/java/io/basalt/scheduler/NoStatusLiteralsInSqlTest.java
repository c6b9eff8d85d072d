package io.basalt.scheduler;

import java.nio.file.Path;

import io.basalt.common.state.WireStatus;
import io.basalt.testing.SqlStatusLiterals;
import org.junit.jupiter.api.Test;

/**
 * No SQL text in scheduler-service's src/main names a status (issue 11): every statement binds the wire values of
 * common-service's {@code io.basalt.common.state} types, their one owner.
 */
class NoStatusLiteralsInSqlTest {

	@Test
	void noStatusLiteralInSql() {
		SqlStatusLiterals.assertNone(Path.of("src/main/java"), WireStatus.allWires());
	}

}
