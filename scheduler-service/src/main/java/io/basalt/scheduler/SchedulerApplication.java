package io.basalt.scheduler;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The scheduler service: places volumes on backend pools. common-service's auto-configuration provides the
 * clock, the {@code Rpc}, the service registry and the RPC stubs; {@link io.basalt.scheduler.config} wires the
 * rest.
 */
@SpringBootApplication
public class SchedulerApplication {

	public static void main(String[] args) {
		SpringApplication.run(SchedulerApplication.class, args);
	}

}
