package io.basalt.api.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * How a request proves who it is: the SPI behind {@link ApiGatewayFilter}. One implementation is active
 * ({@code basalt.api.auth.strategy}); {@link NoAuthProvider} trusts the token,
 * {@code io.basalt.api.auth.keystone.KeystoneAuthProvider} validates it at Keystone. Implementations are thread-safe and do no blocking I/O beyond their token check.
 */
public interface AuthenticationProvider {

	/**
	 * The caller of {@code request}.
	 * @return the principal, or null when the request carries no credentials (→ 401)
	 * @throws ApiException 401 when the credentials are invalid
	 */
	Principal authenticate(HttpServletRequest request);

	/**
	 * Answers a credential-less {@code GET /v3/} itself if the scheme hands out tokens there (noauth does).
	 * @param baseUrl the public base URL, e.g. {@code http://host:8776}
	 * @return whether the response was written
	 */
	default boolean handleTokenRequest(HttpServletRequest request, HttpServletResponse response, String baseUrl)
			throws IOException {
		return false;
	}

	/**
	 * The {@code WWW-Authenticate} value of every 401 the gateway answers, e.g. {@code Keystone uri="..."}.
	 * @return the challenge, or null for none
	 */
	default String wwwAuthenticate() {
		return null;
	}

}
