package io.basalt.common;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** common-service is shared by every service: it knows none of them, nor the broker client, and has no cycles. */
@AnalyzeClasses(packages = "io.basalt.common", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule nothingTouchesTheBrokerClient = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.amqp..", "com.rabbitmq..")
		.because("only common-rpc's io.basalt.rpc.transport.amqp knows Spring AMQP (wiring goes via AmqpRpcFactory)");

	@ArchTest
	static final ArchRule noServiceCode = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.basalt.api..", "io.basalt.scheduler..", "io.basalt.volume..", "io.basalt.launcher..",
				"io.basalt.bench..")
		.because("common-service is below every service");

	@ArchTest
	static final ArchRule noPackageCycles = slices().matching("io.basalt.common.(**)").should().beFreeOfCycles();

}
