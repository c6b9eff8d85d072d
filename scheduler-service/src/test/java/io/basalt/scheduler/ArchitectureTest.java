package io.basalt.scheduler;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.basalt.scheduler.host.HostManager;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The scheduler's fences: filters and weighers are pure functions of host state and request (no database, no
 * RPC, no host manager), no package cycles, broker-neutral, no other service's code.
 */
@AnalyzeClasses(packages = "io.basalt.scheduler", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule filtersAndWeighersArePure = noClasses().that()
		.resideInAnyPackage("io.basalt.scheduler.filter..", "io.basalt.scheduler.weigher..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework.jdbc..", "org.springframework.dao..",
				"io.basalt.rpc..", "io.basalt.common.volume..", "io.basalt.scheduler.manager..",
				"io.basalt.scheduler.sweep..")
		.orShould()
		.dependOnClassesThat()
		.belongToAnyOf(HostManager.class)
		.because("filters and weighers must be pure functions of a pool and a request (STYLE.md, absorb 8)");

	@ArchTest
	static final ArchRule nothingTouchesTheBrokerClient = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.amqp..", "com.rabbitmq..", "io.basalt.rpc.transport..")
		.because("only common-rpc's transport knows the broker");

	@ArchTest
	static final ArchRule noPackageCycles = slices().matching("io.basalt.scheduler.(**)").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule noOtherServiceCode = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.basalt.api..", "io.basalt.volume..", "io.basalt.launcher..", "io.basalt.bench..")
		.because("services share only common-service and common-rpc");

}
