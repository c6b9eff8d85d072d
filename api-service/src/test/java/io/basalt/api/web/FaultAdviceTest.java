package io.basalt.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.orm.jpa.JpaSystemException;

/** Which failures are a dependency out of reach (503) rather than a bug (500). */
class FaultAdviceTest {

	@Test
	void aLostConnectionUnderAJpaWrapperIsUnavailable() {
		SQLException shutdown = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
		RuntimeException jpa = new JpaSystemException(new RuntimeException("JDBC exception executing SQL", shutdown));
		assertThat(FaultAdvice.unavailableCause(jpa)).isSameAs(shutdown);

		SQLException broken = new SQLException("An I/O error occurred while sending to the backend.", "08006");
		assertThat(FaultAdvice.unavailableCause(new JpaSystemException(new RuntimeException(broken)))).isSameAs(broken);

		// HikariCP's closed proxy, met by the rollback after the session was cut (no SQLSTATE)
		SQLException closed = new SQLException("Connection is closed");
		RuntimeException rollback = new JpaSystemException(
				new RuntimeException("Unable to rollback against JDBC Connection", closed));
		assertThat(FaultAdvice.unavailableCause(rollback)).isSameAs(closed);
	}

	@Test
	void otherSqlFailuresAreNot() {
		SQLException unique = new SQLException("duplicate key value violates unique constraint", "23505");
		assertThat(FaultAdvice.unavailableCause(new JpaSystemException(new RuntimeException(unique)))).isNull();
		assertThat(FaultAdvice.unavailableCause(new SQLException("no state"))).isNull();
		assertThat(FaultAdvice.unavailableCause(new IllegalStateException("boom"))).isNull();
	}

}
