package io.basalt.volume.driver.file;

import java.nio.file.Path;
import java.util.Map;

import io.basalt.volume.driver.DriverIdentity;

/**
 * Times the {@code file} driver's start-up reconciliation ({@link FileDriver#setUp()}: one listing, one
 * {@code stat} per volume file) on a directory, outside Spring: {@code bin/bench scale} runs it from the exec jar
 * with {@code java -cp volume-service-exec.jar -Dloader.main=io.basalt.volume.driver.file.FileReconcileTiming
 * org.springframework.boot.loader.launch.PropertiesLauncher DIR} and reads the line it prints,
 * {@code reconciled N volumes in T ms}. Not used by the service.
 */
public final class FileReconcileTiming {

	private FileReconcileTiming() {
	}

	public static void main(String[] args) {
		if (args.length != 1) {
			System.err.println("usage: FileReconcileTiming DIRECTORY");
			System.exit(2);
		}
		FileDriver driver = new FileDriver(new DriverIdentity("timing", "nova", Map.of()),
				FileDriverSettings.in(Path.of(args[0])));
		long t0 = System.nanoTime();
		driver.setUp();
		double ms = (System.nanoTime() - t0) / 1e6;
		long volumes = driver.stats(false).pools().get(0).totalVolumes();
		System.out.printf("reconciled %d volumes in %.1f ms%n", volumes, ms);
	}

}
