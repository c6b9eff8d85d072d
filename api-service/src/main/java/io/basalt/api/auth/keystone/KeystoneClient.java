package io.basalt.api.auth.keystone;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.basalt.api.ApiProperties;
import io.basalt.api.web.Principal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Basalt's HTTP client of Keystone's Identity API v3: issues the service token ({@code POST /auth/tokens},
 * password, project-scoped) and validates callers' tokens ({@code GET /auth/tokens?nocatalog}). A validation
 * refused with 401 is tried once more with a renewed service token; a second 401, with a token Keystone has just
 * issued, is taken as a verdict on the caller's token. Each call is bounded by the configured timeout (connect,
 * and again for the answer) and timed in {@value #TIMER} (tags {@code operation} = issue | validate,
 * {@code status} = the HTTP status, {@code timeout} or {@code error}). Thread-safe; calls block the caller.
 */
final class KeystoneClient implements AutoCloseable {

	static final String TIMER = "basalt.api.auth.keystone.requests";

	private static final Logger log = LoggerFactory.getLogger(KeystoneClient.class);

	private final HttpClient http;

	private final ApiProperties.Keystone settings;

	private final URI tokens;

	private final URI validation;

	private final KeystoneTokenParser parser;

	private final Clock clock;

	private final MeterRegistry meters;

	private final ServiceToken serviceToken;

	KeystoneClient(ApiProperties.Keystone settings, KeystoneTokenParser parser, Clock clock, MeterRegistry meters) {
		this.settings = settings;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(settings.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String base = identityBase(settings.url());
		this.tokens = URI.create(base + "/auth/tokens");
		this.validation = URI.create(base + "/auth/tokens?nocatalog");
		this.parser = parser;
		this.clock = clock;
		this.meters = meters;
		this.serviceToken = new ServiceToken(this::issue, clock);
	}

	/** The Identity v3 base URL without a trailing slash; {@code /v3} is added to a URL without a path. */
	static String identityBase(URI url) {
		String base = url.toString();
		while (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		String path = url.getPath();
		return (path == null || path.isEmpty() || path.equals("/")) ? base + "/v3" : base;
	}

	/**
	 * Keystone's verdict on {@code subject}, a caller's token.
	 * @throws KeystoneUnavailableException when Keystone gives none
	 */
	Validation validate(String subject) {
		ServiceToken.Issued service = this.serviceToken.current(null);
		HttpResponse<byte[]> response = send("validate", validationRequest(service, subject));
		if (response.statusCode() == 401) {
			log.info("Keystone refused the service token (401); renewing it and validating again");
			response = send("validate", validationRequest(this.serviceToken.current(service), subject));
			if (response.statusCode() == 401) {
				return new Validation.Invalid("Keystone answered 401 to a renewed service token");
			}
		}
		return switch (response.statusCode()) {
			case 200 -> valid(this.parser.principal(response.body()));
			case 404 -> new Validation.Invalid("Keystone does not know the token (404)");
			case 403 -> throw new KeystoneUnavailableException("Keystone forbids user '" + this.settings.username()
					+ "' to validate tokens (403): give it the service or admin role");
			default -> throw new KeystoneUnavailableException("Keystone answered " + response.statusCode()
					+ " to a token validation");
		};
	}

	private Validation valid(Principal principal) {
		if (!principal.expiresAt().isAfter(this.clock.instant())) {
			return new Validation.Invalid("the token expired at " + principal.expiresAt());
		}
		return new Validation.Valid(principal);
	}

	private HttpRequest validationRequest(ServiceToken.Issued service, String subject) {
		return HttpRequest.newBuilder(this.validation)
			.timeout(this.settings.timeout())
			.header("Accept", "application/json")
			.header("X-Auth-Token", service.value())
			.header("X-Subject-Token", subject)
			.GET()
			.build();
	}

	/** A new service token: password authentication of the service user, scoped to its project. */
	ServiceToken.Issued issue() {
		byte[] body = this.parser.passwordAuth(this.settings.username(), this.settings.userDomainName(),
				this.settings.password(), this.settings.projectName(), this.settings.projectDomainName());
		HttpRequest request = HttpRequest.newBuilder(this.tokens)
			.timeout(this.settings.timeout())
			.header("Accept", "application/json")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		HttpResponse<byte[]> response = send("issue", request);
		int status = response.statusCode();
		if (status == 401) {
			throw new KeystoneUnavailableException("Keystone refused the service credentials of user '"
					+ this.settings.username() + "' in project '" + this.settings.projectName() + "' (401)");
		}
		if (status != 200 && status != 201) {
			throw new KeystoneUnavailableException("Keystone answered " + status + " to the service token request");
		}
		String token = response.headers().firstValue("X-Subject-Token").orElse(null);
		if (token == null || token.isBlank()) {
			throw new KeystoneUnavailableException("Keystone issued a service token without X-Subject-Token");
		}
		return ServiceToken.Issued.of(token, this.parser.expiresAt(response.body()), this.clock.instant());
	}

	private HttpResponse<byte[]> send(String operation, HttpRequest request) {
		Timer.Sample sample = Timer.start(this.meters);
		String status = "error";
		CompletableFuture<HttpResponse<byte[]>> future = this.http.sendAsync(request,
				HttpResponse.BodyHandlers.ofByteArray());
		try {
			// The request timeout covers the wait for the headers; this bounds connect, headers and body together.
			HttpResponse<byte[]> response = future.get(this.settings.timeout().multipliedBy(2).toMillis(),
					TimeUnit.MILLISECONDS);
			status = String.valueOf(response.statusCode());
			return response;
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			status = "timeout";
			throw new KeystoneUnavailableException("Keystone did not answer within " + this.settings.timeout(), ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof HttpTimeoutException) {
				status = "timeout";
				throw new KeystoneUnavailableException("Keystone did not answer within " + this.settings.timeout(),
						cause);
			}
			if (cause instanceof IOException) {
				throw new KeystoneUnavailableException("Keystone unreachable at " + request.uri() + ": " + cause,
						cause);
			}
			throw new KeystoneUnavailableException("Keystone call failed: " + cause, cause);
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			Thread.currentThread().interrupt();
			throw new KeystoneUnavailableException("Interrupted while waiting for Keystone", ex);
		}
		finally {
			sample.stop(Timer.builder(TIMER)
				.description("Calls of Keystone's /v3/auth/tokens")
				.tag("operation", operation)
				.tag("status", status)
				.register(this.meters));
		}
	}

	@Override
	public void close() {
		this.http.close();
	}

}
