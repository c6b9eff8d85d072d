package io.basalt.api;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The api service's fences: broker-neutral, no package cycles, no other service's code. */
@AnalyzeClasses(packages = "io.basalt.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule nothingTouchesTheBrokerClient = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.amqp..", "com.rabbitmq..", "io.basalt.rpc.transport..")
		.because("only common-rpc's transport knows the broker; callers catch io.basalt.rpc.RpcException");

	@ArchTest
	static final ArchRule noPackageCycles = slices().matching("io.basalt.api.(**)")
		.should()
		.beFreeOfCycles()
		.because("a package cycle (e.g. volume <-> flow, web <-> auth.keystone) makes the layers inseparable");

	@ArchTest
	static final ArchRule noOtherServiceCode = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.basalt.scheduler..", "io.basalt.volume..", "io.basalt.launcher..",
				"io.basalt.bench..")
		.because("services share only common-service and common-rpc");

}
