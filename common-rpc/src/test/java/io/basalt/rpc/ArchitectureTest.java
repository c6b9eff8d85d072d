package io.basalt.rpc;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Only the AMQP transport may see AMQP; the API and the core stay broker-neutral. */
@AnalyzeClasses(packages = "io.basalt.rpc", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule onlyAmqpTransportImportsAmqp = noClasses().that()
		.resideOutsideOfPackage("io.basalt.rpc.transport.amqp..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.amqp..", "com.rabbitmq..")
		.because("only io.basalt.rpc.transport.amqp may know about AMQP");

	@ArchTest
	static final ArchRule apiDependsOnNothingInternal = noClasses().that()
		.resideInAPackage("io.basalt.rpc")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.basalt.rpc.(*)..")
		.because("the API package is the stable contract other modules code against");

	@ArchTest
	static final ArchRule noPackageCycles = slices().matching("io.basalt.rpc.(**)").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule knowsNoService = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.basalt.common..", "io.basalt.api..", "io.basalt.scheduler..", "io.basalt.volume..")
		.because("common-rpc is a general library and knows nothing of volumes");

}
