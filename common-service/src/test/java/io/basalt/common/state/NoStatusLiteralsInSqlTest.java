package io.basalt.common.state;

import java.nio.file.Path;

import io.basalt.testing.SqlStatusLiterals;
import org.junit.jupiter.api.Test;

/** No SQL text in common-service's src/main names a status: statements bind this package's wire values. */
class NoStatusLiteralsInSqlTest {

	@Test
	void noStatusLiteralInSql() {
		SqlStatusLiterals.assertNone(Path.of("src/main/java"), WireStatus.allWires());
	}

}
