package io.basalt.volume;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The volume service's layering: drivers know nothing of the rest, the manager nothing of wiring or reports. */
class ArchitectureTest {

	static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
		.importPackages("io.basalt.volume");

	@Test
	void driversDependOnlyOnTheSpiAndCapabilities() {
		noClasses().that()
			.resideInAPackage("io.basalt.volume.driver..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.basalt.volume.manager..", "io.basalt.volume.report..", "io.basalt.volume.backend..",
					"io.basalt.volume.config..", "io.basalt.rpc..", "org.springframework..")
			.check(CLASSES);
	}

	@Test
	void managerDoesNotKnowWiringOrReports() {
		noClasses().that()
			.resideInAPackage("io.basalt.volume.manager..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.basalt.volume.report..", "io.basalt.volume.backend..", "io.basalt.volume.config..")
			.check(CLASSES);
	}

	@Test
	void nothingTouchesTheBrokerClientDirectly() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.amqp..", "com.rabbitmq..", "io.basalt.rpc.transport..")
			.check(CLASSES);
	}

	@Test
	void noPackageCycles() {
		slices().matching("io.basalt.volume.(**)").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void noOtherServiceCode() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.basalt.api..", "io.basalt.scheduler..", "io.basalt.launcher..", "io.basalt.bench..")
			.because("services share only common-service and common-rpc")
			.check(CLASSES);
	}

	@Test
	void driverPackagesAreIndependent() {
		noClasses().that()
			.resideInAPackage("io.basalt.volume.driver.fake..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.basalt.volume.driver.file..")
			.check(CLASSES);
		noClasses().that()
			.resideInAPackage("io.basalt.volume.driver.file..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.basalt.volume.driver.fake..")
			.check(CLASSES);
	}

}
