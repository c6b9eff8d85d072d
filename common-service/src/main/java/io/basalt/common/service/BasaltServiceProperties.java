package io.basalt.common.service;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Identity and liveness settings of a Basalt service process ({@code basalt.service.*}).
 *
 * @param host this node's name (Cinder's {@code host}); defaults to the machine's host name
 * @param availabilityZone the availability zone this service is in (Cinder's {@code storage_availability_zone})
 * @param reportInterval how often the service heartbeats its {@code services} row (Cinder's
 * {@code report_interval})
 * @param serviceDownTime how old a heartbeat may be before the service counts as down (Cinder's
 * {@code service_down_time})
 * @param periodicFuzzyDelay the largest random delay before the first periodic report, so that nodes started
 * together do not report in lockstep (Cinder's {@code periodic_fuzzy_delay})
 */
@Validated
@ConfigurationProperties("basalt.service")
public record BasaltServiceProperties(String host, @NotBlank @DefaultValue("nova") String availabilityZone,
		@NotNull @DefaultValue("10s") Duration reportInterval, @NotNull @DefaultValue("60s") Duration serviceDownTime,
		@NotNull @DefaultValue("60s") Duration periodicFuzzyDelay) {

	public BasaltServiceProperties {
		if (host == null || host.isBlank()) {
			host = localHostName();
		}
	}

	private static String localHostName() {
		try {
			return java.net.InetAddress.getLocalHost().getHostName();
		}
		catch (java.io.IOException ex) {
			return "localhost";
		}
	}

}
