package io.basalt.api.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.basalt.api.ApiProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Keeps noauth a development mode: in noauth every caller chooses its own identity (and is an admin by default),
 * so the API must listen on loopback only. A start on any other address ({@code server.address} unset means all
 * interfaces) fails unless {@code basalt.api.auth.allow-noauth-on-network=true}; a warning is logged either way.
 */
@Component
class NoAuthExposureCheck {

	private static final Logger log = LoggerFactory.getLogger(NoAuthExposureCheck.class);

	NoAuthExposureCheck(ApiProperties properties, Environment environment) {
		if (!"noauth".equalsIgnoreCase(properties.auth().strategy())) {
			return;
		}
		String address = environment.getProperty("server.address");
		boolean loopback = isLoopback(address);
		log.warn("basalt.api.auth.strategy=noauth: callers are not authenticated (development only); listening on {}",
				(address == null || address.isBlank()) ? "all interfaces" : address);
		if (!loopback && !properties.auth().allowNoauthOnNetwork()) {
			throw new IllegalStateException("noauth must listen on loopback only, but server.address is "
					+ ((address == null || address.isBlank()) ? "unset (all interfaces)" : address)
					+ ": set server.address=127.0.0.1, use basalt.api.auth.strategy=keystone, or set "
					+ "basalt.api.auth.allow-noauth-on-network=true to accept the risk");
		}
	}

	/** Whether {@code address} names only loopback (null or blank means every interface: not loopback). */
	static boolean isLoopback(String address) {
		if (address == null || address.isBlank()) {
			return false;
		}
		try {
			return InetAddress.getByName(address.trim()).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
