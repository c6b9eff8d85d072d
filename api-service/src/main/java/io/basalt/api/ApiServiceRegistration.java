package io.basalt.api;

import io.basalt.common.service.BasaltServiceProperties;
import io.basalt.common.service.ServiceRegistry;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Registers this process in {@code services} as binary {@code basalt-api} once it is ready to serve. */
@Component
class ApiServiceRegistration {

	static final String BINARY = "basalt-api";

	private final ServiceRegistry registry;

	private final BasaltServiceProperties properties;

	ApiServiceRegistration(ServiceRegistry registry, BasaltServiceProperties properties) {
		this.registry = registry;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void register() {
		this.registry.register(BINARY, this.properties.host(), BINARY, "3.0");
	}

}
