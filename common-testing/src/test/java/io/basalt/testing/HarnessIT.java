package io.basalt.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.rabbitmq.client.ConnectionFactory;

/** Integration tests of the harness ({@link TestServices}; not named TestServicesIT because surefire runs Test*) against whatever PostgreSQL and RabbitMQ it finds. */
@Timeout(120)
class HarnessIT {

	/** Each call yields a new, empty, usable database, and closing it drops it even with a connection open. */
	@Test
	void postgresDatabaseIsFreshAndDroppedOnClose() throws Exception {
		PostgresDatabase first = TestServices.postgresDatabase();
		String name = first.name();
		try (PostgresDatabase second = TestServices.postgresDatabase()) {
			assertThat(name).startsWith("basalt_test_").isNotEqualTo(second.name());
			assertThat(first.jdbcUrl()).contains("/" + name);
			try (Connection connection = first.dataSource().getConnection();
					Statement statement = connection.createStatement()) {
				// No migrations on this module's classpath: the database is empty.
				assertThat(count(statement, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"))
					.isZero();
				statement.execute("CREATE TABLE probe (id int)");
				// Closing terminates this open connection before dropping.
				first.close();
			}
			try (Connection connection = second.dataSource().getConnection();
					Statement statement = connection.createStatement()) {
				assertThat(count(statement, "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'"))
					.isZero();
			}
		}
		first.close();
	}

	/** A vhost accepts an AMQP connection on its URI, and closeAllConnections really closes it. */
	@Test
	void rabbitVhostAcceptsConnectionsAndClosesThem() throws Exception {
		try (RabbitVhost vhost = TestServices.rabbitVhost()) {
			assertThat(vhost.vhost()).startsWith("basalt_test_");
			assertThat(vhost.uri()).endsWith("/" + vhost.vhost());
			ConnectionFactory factory = new ConnectionFactory();
			factory.setUri(vhost.uri());
			factory.setAutomaticRecoveryEnabled(false);
			com.rabbitmq.client.Connection connection = factory.newConnection("harness-it");
			CountDownLatch shutdown = new CountDownLatch(1);
			connection.addShutdownListener(cause -> shutdown.countDown());
			var channel = connection.createChannel();
			String queue = channel.queueDeclare().getQueue();
			channel.basicPublish("", queue, null, new byte[] { 1 });
			assertThat(channel.basicGet(queue, true)).isNotNull();
			awaitConnections(vhost, 1);

			vhost.closeAllConnections("harness test");

			assertThat(vhost.connectionCount()).isZero();
			assertThat(shutdown.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(connection.isOpen()).isFalse();
		}
	}

	/** After close, the vhost no longer exists: a new connection to it is refused. */
	@Test
	void closedVhostRefusesConnections() throws Exception {
		RabbitVhost vhost = TestServices.rabbitVhost();
		vhost.close();
		ConnectionFactory factory = new ConnectionFactory();
		factory.setUri(vhost.uri());
		factory.setAutomaticRecoveryEnabled(false);
		assertThatThrownBy(() -> factory.newConnection().close()).isInstanceOf(Exception.class);
	}

	private static void awaitConnections(RabbitVhost vhost, int expected) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (vhost.connectionCount() < expected && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
		assertThat(vhost.connectionCount()).isGreaterThanOrEqualTo(expected);
	}

	private static long count(Statement statement, String sql) throws SQLException {
		try (ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
