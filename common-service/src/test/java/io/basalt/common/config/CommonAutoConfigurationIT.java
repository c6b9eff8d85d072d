package io.basalt.common.config;

import io.basalt.common.rpc.BasaltRpcProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.capability.Capacity;
import io.basalt.common.capability.PoolCapabilities;
import io.basalt.common.scheduler.Pool;
import io.basalt.common.scheduler.PoolFilters;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.service.ServiceRegistry;
import io.basalt.rpc.Endpoint;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.Rpc;
import io.basalt.rpc.RpcMethod;
import io.basalt.rpc.RpcServer;
import io.basalt.rpc.Target;
import io.basalt.testing.PostgresDatabase;
import io.basalt.testing.RabbitVhost;
import io.basalt.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auto-configuration every service gets, against a real PostgreSQL and RabbitMQ: the {@link Rpc} bean
 * carries the shared contract records both ways through the scheduler stub, the registry is wired, and the data
 * access the services build on is plain JDBC: a DataSource, a JdbcTemplate and a DataSource transaction manager
 * with its TransactionOperations, and no JPA.
 */
@SpringBootTest(classes = CommonAutoConfigurationIT.App.class,
		properties = { "spring.flyway.enabled=false", "basalt.service.host=it-node",
				"basalt.rpc.call-timeout=10s" })
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CommonAutoConfigurationIT {

	static final PostgresDatabase db = TestServices.postgresDatabase();

	static final RabbitVhost vhost = TestServices.rabbitVhost();

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", db::jdbcUrl);
		registry.add("spring.datasource.username", db::username);
		registry.add("spring.datasource.password", db::password);
		registry.add("spring.rabbitmq.host", vhost::host);
		registry.add("spring.rabbitmq.port", vhost::port);
		registry.add("spring.rabbitmq.username", vhost::username);
		registry.add("spring.rabbitmq.password", vhost::password);
		registry.add("spring.rabbitmq.virtual-host", vhost::vhost);
	}

	@AfterAll
	static void release() {
		vhost.close();
		db.close();
	}

	@Autowired
	Rpc rpc;

	@Autowired
	SchedulerRpcApi schedulerRpcApi;

	@Autowired
	BasaltRpcProperties properties;

	@Autowired
	ServiceRegistry registry;

	@Autowired
	ApplicationContext context;

	@Test
	void schedulerStubRoundTripsTheContractRecordsOverTheBroker() {
		FakeScheduler scheduler = new FakeScheduler();
		try (RpcServer server = this.rpc.server(
				Target.of(this.properties.controlExchange(), this.properties.schedulerTopic()).withServer("it-node"),
				List.of(Endpoint.of(scheduler, SchedulerRpcApi.VERSION)))) {
			server.start();
			RequestContext context = RequestContext.admin();
			BackendCapabilities caps = new BackendCapabilities("fake", "Basalt", "1.0", "iSCSI", "nova",
					List.of(new PoolCapabilities("pool0", Capacity.INFINITE, Capacity.of(42.5), 7, 7, 1.0, 0, true,
							false, 3, false, Map.of("tier", "gold"))));

			this.schedulerRpcApi.updateServiceCapabilities(context, "it-node@fake", caps, Instant.EPOCH);
			await().atMost(java.time.Duration.ofSeconds(20)).until(() -> !scheduler.reports.isEmpty());
			Pool[] pools = this.schedulerRpcApi.getPools(context, PoolFilters.NONE);

			assertThat(scheduler.reports).containsExactly(caps);
			assertThat(pools).hasSize(1);
			assertThat(pools[0].name()).isEqualTo("it-node@fake#pool0");
			assertThat(pools[0].capabilities()).isEqualTo(caps.pools().get(0));
		}
	}

	@Test
	void theRegistryIsWiredToTheDatabase() {
		this.registry.register("basalt-test", "it-node", "basalt-test", "3.0");
		this.registry.heartbeat();
		assertThat(this.registry.registrations()).extracting(ServiceRegistry.ServiceRegistration::host)
			.contains("it-node");
	}

	@Test
	void theDataAccessIsPlainJdbcWithTransactions() {
		assertThat(this.context.getBeanNamesForType(DataSource.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(JdbcTemplate.class)).hasSize(1);
		assertThat(this.context.getBean(PlatformTransactionManager.class))
			.isInstanceOf(DataSourceTransactionManager.class);
		TransactionOperations transactions = this.context.getBean(TransactionOperations.class);
		JdbcTemplate jdbc = this.context.getBean(JdbcTemplate.class);
		Boolean inTransaction = transactions.execute((status) -> status.isNewTransaction()
				&& jdbc.queryForObject("SELECT txid_current_if_assigned() IS NULL", Boolean.class));
		assertThat(inTransaction).isTrue();
		assertThat(this.context.containsBean("entityManagerFactory")).isFalse();
	}

	/** A scheduler endpoint that remembers reports and serves them back as pools. */
	public static class FakeScheduler {

		final List<BackendCapabilities> reports = new CopyOnWriteArrayList<>();

		@RpcMethod
		public void updateServiceCapabilities(String serviceName, String host, BackendCapabilities capabilities,
				Instant timestamp) {
			this.reports.add(capabilities);
		}

		@RpcMethod
		public Pool[] getPools(PoolFilters filters) {
			BackendCapabilities caps = this.reports.get(this.reports.size() - 1);
			PoolCapabilities pool = caps.pools().get(0);
			return new Pool[] { new Pool("it-node@fake#" + pool.poolName(), "it-node@fake", caps.volumeBackendName(),
					caps.storageProtocol(), caps.vendorName(), caps.driverVersion(), caps.availabilityZone(), pool,
					Instant.EPOCH) };
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
