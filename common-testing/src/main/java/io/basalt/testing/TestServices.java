package io.basalt.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the integration-test harness: hands out a fresh PostgreSQL database or RabbitMQ vhost per caller.
 * The server and broker are found once per JVM (see {@link ServiceLocator} and the module README): explicit
 * configuration, then Testcontainers when a Docker engine answers, then the local services; if none answers the
 * call throws {@link TestServiceUnavailableException} listing what was tried. A failed lookup is remembered, so
 * later calls fail at once with the same message.
 *
 * <p>Thread-safe: tests may call it concurrently. Databases and vhosts still open when the JVM exits are dropped
 * by a shutdown hook (best effort).
 */
public final class TestServices {

	private static final Logger log = LoggerFactory.getLogger(TestServices.class);

	private static final Object LOCK = new Object();

	private static final Map<String, PostgresServer> openDatabases = new ConcurrentHashMap<>();

	private static final Map<String, RabbitBroker> openVhosts = new ConcurrentHashMap<>();

	private static PostgresServer postgres;

	private static RuntimeException postgresFailure;

	private static RabbitBroker rabbit;

	private static RuntimeException rabbitFailure;

	private static boolean hookInstalled;

	private TestServices() {
	}

	/**
	 * A fresh database, migrated with Flyway ({@code classpath:db/migration}) when migrations are on the caller's
	 * classpath. Close it to drop it.
	 */
	public static PostgresDatabase postgresDatabase() {
		return track(postgresServer().createDatabase(true));
	}

	/** A fresh, empty database: never migrated, for tests of the migrations themselves. Close it to drop it. */
	public static PostgresDatabase emptyPostgresDatabase() {
		return track(postgresServer().createDatabase(false));
	}

	/** A fresh vhost on which the broker's user has full permissions. Close it to delete it. */
	public static RabbitVhost rabbitVhost() {
		RabbitBroker broker = rabbitBroker();
		RabbitVhost vhost = broker.createVhost();
		openVhosts.put(vhost.vhost(), broker);
		installHook();
		return vhost;
	}

	static void dropDatabase(PostgresDatabase database) {
		PostgresServer server = openDatabases.remove(database.name());
		if (server != null) {
			server.dropDatabase(database.name());
		}
	}

	static void deleteVhost(RabbitVhost vhost) {
		RabbitBroker broker = openVhosts.remove(vhost.vhost());
		if (broker != null) {
			broker.admin().deleteVhost(vhost.vhost());
		}
	}

	static VhostAdmin vhostAdmin(RabbitVhost vhost) {
		RabbitBroker broker = openVhosts.get(vhost.vhost());
		return broker != null ? broker.admin() : rabbitBroker().admin();
	}

	private static PostgresDatabase track(PostgresDatabase database) {
		openDatabases.put(database.name(), postgresServer());
		installHook();
		return database;
	}

	private static PostgresServer postgresServer() {
		synchronized (LOCK) {
			if (postgres == null && postgresFailure == null) {
				try {
					postgres = ServiceLocator.locatePostgres();
				}
				catch (RuntimeException ex) {
					postgresFailure = ex;
				}
			}
			if (postgresFailure != null) {
				throw new TestServiceUnavailableException(postgresFailure.getMessage(), postgresFailure);
			}
			return postgres;
		}
	}

	private static RabbitBroker rabbitBroker() {
		synchronized (LOCK) {
			if (rabbit == null && rabbitFailure == null) {
				try {
					rabbit = ServiceLocator.locateRabbit();
				}
				catch (RuntimeException ex) {
					rabbitFailure = ex;
				}
			}
			if (rabbitFailure != null) {
				throw new TestServiceUnavailableException(rabbitFailure.getMessage(), rabbitFailure);
			}
			return rabbit;
		}
	}

	private static void installHook() {
		synchronized (LOCK) {
			if (!hookInstalled) {
				hookInstalled = true;
				Runtime.getRuntime().addShutdownHook(new Thread(TestServices::cleanUp, "basalt-test-cleanup"));
			}
		}
	}

	private static void cleanUp() {
		openDatabases.forEach((name, server) -> {
			try {
				server.dropDatabase(name);
			}
			catch (RuntimeException ex) {
				log.debug("Could not drop leftover database {}", name, ex);
			}
		});
		openVhosts.forEach((name, broker) -> {
			try {
				broker.admin().deleteVhost(name);
			}
			catch (RuntimeException ex) {
				log.debug("Could not delete leftover vhost {}", name, ex);
			}
		});
	}

}
