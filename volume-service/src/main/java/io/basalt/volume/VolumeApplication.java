package io.basalt.volume;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The volume service (Cinder's {@code cinder-volume}): serves the configured storage backends, each as its own
 * RPC server on the volume topic, with its own {@code services} row and capability reports to the schedulers.
 */
@SpringBootApplication
public class VolumeApplication {

	public static void main(String[] args) {
		SpringApplication.run(VolumeApplication.class, args);
	}

}
