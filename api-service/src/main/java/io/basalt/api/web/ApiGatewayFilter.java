package io.basalt.api.web;

import java.io.IOException;
import java.net.URI;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import io.basalt.rpc.RequestContext;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API's front door, run once per request before Spring MVC, in Cinder's middleware order:
 * <ol>
 * <li>request id: a fresh {@code req-<uuid>} in {@code x-openstack-request-id} and {@code x-compute-request-id}
 * and the log MDC; an inbound {@code X-OpenStack-Request-ID} becomes the global request id;</li>
 * <li>noauth's token hand-out for a credential-less {@code GET /v3/} (204);</li>
 * <li>microversion negotiation ({@code OpenStack-API-Version: volume 3.x}; 400 malformed, 406 unsupported), echoed
 * with {@code Vary} on every later response;</li>
 * <li>authentication of {@code /v3/...} resources (401 with the provider's {@code WWW-Authenticate}; 503 when
 * the provider cannot tell), the URL project check (403 for a non-admin naming another project), and the
 * project-less paths of 3.67 ({@code /v3/volumes} → {@code /v3/<token project>/volumes}, a 404 below 3.67);</li>
 * <li>the request-wide {@link InputRules} on what is not the body: identity strings of the token and the URL,
 * query parameter names and values (400).</li>
 * </ol>
 * Stateless and thread-safe.
 */
public class ApiGatewayFilter extends OncePerRequestFilter {

	static final String VERSION_HEADER = "OpenStack-API-Version";

	/** Top-level v3 collections: a first path segment that is one of them is not a project id (3.67). */
	private static final Set<String> COLLECTIONS = Set.of("volumes", "types", "snapshots", "os-services",
			"os-quota-sets", "os-quota-class-sets", "limits", "scheduler-stats", "os-availability-zone", "extensions",
			"attachments", "backups", "groups", "group_types", "group_snapshots", "messages", "workers", "clusters",
			"qos-specs", "os-hosts", "os-volume-transfer", "volume-transfers", "resource_filters", "default-types",
			"manageable_volumes", "manageable_snapshots", "os-volume-manage", "os-snapshot-manage", "capabilities");

	private static final Pattern REQUEST_ID = Pattern.compile("^req-[0-9a-fA-F-]{36}$");

	private final AuthenticationProvider authentication;

	private final URI publicEndpoint;

	private final Predicate<Principal> isAdmin;

	/**
	 * @param authentication the active authentication scheme
	 * @param publicEndpoint the base URL of links, or null to take it from each request
	 * @param isAdmin Cinder's {@code context.is_admin} of a principal (the policy's {@code context_is_admin})
	 */
	public ApiGatewayFilter(AuthenticationProvider authentication, URI publicEndpoint, Predicate<Principal> isAdmin) {
		this.authentication = authentication;
		this.publicEndpoint = publicEndpoint;
		this.isAdmin = isAdmin;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return path(request).startsWith("/actuator");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = RequestContext.newRequestId();
		response.setHeader("x-openstack-request-id", requestId);
		response.setHeader("x-compute-request-id", requestId);
		MDC.put("request_id", requestId);
		try {
			handle(request, response, chain, requestId);
		}
		finally {
			MDC.remove("request_id");
			MDC.remove("user_id");
			MDC.remove("project_id");
		}
	}

	private void handle(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
			String requestId) throws ServletException, IOException {
		String path = path(request);
		String baseUrl = baseUrl(request);
		boolean v3Root = path.equals("/v3") || path.equals("/v3/");
		if (v3Root && "GET".equals(request.getMethod()) && request.getHeader("X-Auth-Token") == null
				&& this.authentication.handleTokenRequest(request, response, baseUrl)) {
			return;
		}
		ApiVersion version;
		String echoed;
		try {
			String requested = requestedVersion(request);
			version = (requested != null) ? ApiVersion.parse(requested) : ApiVersion.MIN;
			echoed = (requested != null && !"latest".equalsIgnoreCase(requested.trim())) ? requested.trim()
					: version.toString();
		}
		catch (IllegalArgumentException ex) {
			writeFault(response, new Fault(400, ex.getMessage(), null));
			return;
		}
		response.setHeader(VERSION_HEADER, "volume " + echoed);
		response.setHeader("Vary", VERSION_HEADER);
		if (!version.isSupported()) {
			writeFault(response, new Fault(406, "Version " + echoed + " is not supported by the API. Minimum is "
					+ ApiVersion.MIN + " and maximum is " + ApiVersion.MAX + ".", null));
			return;
		}
		if (!path.startsWith("/v3/") || v3Root) {
			chain.doFilter(request, response);
			return;
		}
		Principal principal;
		try {
			principal = this.authentication.authenticate(request);
		}
		catch (ApiException ex) {
			writeAuthFault(response, ex.fault());
			return;
		}
		if (principal == null) {
			writeAuthFault(response, new Fault(401, "Authentication required", null));
			return;
		}
		boolean admin = this.isAdmin.test(principal);
		String rest = path.substring("/v3/".length());
		int slash = rest.indexOf('/');
		String first = (slash < 0) ? rest : rest.substring(0, slash);
		try {
			checkInput(request, principal, COLLECTIONS.contains(first) ? null : first);
		}
		catch (ApiException ex) {
			writeFault(response, ex.fault());
			return;
		}
		HttpServletRequest forward = request;
		String projectId = first;
		if (COLLECTIONS.contains(first)) {
			if (!version.atLeast(67)) {
				writeFault(response, new Fault(404, "The resource could not be found.", null));
				return;
			}
			projectId = principal.projectId();
			forward = new ProjectPathRequest(request, request.getContextPath() + "/v3/" + projectId + "/" + rest);
		}
		else if (!projectId.equals(principal.projectId()) && !admin) {
			writeFault(response, new Fault(403, "Policy doesn't allow access to project " + projectId
					+ ": the URL's project does not match the token's project.", null));
			return;
		}
		RequestContext context = new RequestContext(requestId, globalRequestId(request), principal.userId(),
				principal.projectId(), principal.roles(), admin);
		MDC.put("user_id", principal.userId());
		MDC.put("project_id", principal.projectId());
		forward.setAttribute(ApiRequest.ATTRIBUTE, new ApiRequest(context, version, projectId, baseUrl, principal));
		chain.doFilter(forward, response);
	}

	/**
	 * {@link InputRules} for what every request carries besides its body: the identity strings of the token and
	 * of the URL, and the query parameters (names and values). Runs after authentication, so an anonymous caller
	 * learns nothing from it.
	 */
	private static void checkInput(HttpServletRequest request, Principal principal, String urlProject) {
		InputRules.checkIdentity("user_id", principal.userId());
		InputRules.checkIdentity("project_id", principal.projectId());
		InputRules.checkIdentity("project_id", urlProject);
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			InputRules.checkText(parameter.getKey(), parameter.getKey());
			for (String value : parameter.getValue()) {
				InputRules.checkText(parameter.getKey(), value);
			}
		}
	}

	/** The {@code volume} entry of the (possibly repeated, comma-separated) version header, or null. */
	private static String requestedVersion(HttpServletRequest request) {
		Enumeration<String> headers = request.getHeaders(VERSION_HEADER);
		while (headers != null && headers.hasMoreElements()) {
			for (String entry : headers.nextElement().split(",")) {
				String item = entry.trim();
				if (item.regionMatches(true, 0, "volume ", 0, 7)) {
					return item.substring(7).trim();
				}
			}
		}
		return null;
	}

	private static String globalRequestId(HttpServletRequest request) {
		String inbound = request.getHeader("X-OpenStack-Request-ID");
		return (inbound != null && REQUEST_ID.matcher(inbound.trim()).matches()) ? inbound.trim() : null;
	}

	private String baseUrl(HttpServletRequest request) {
		if (this.publicEndpoint != null) {
			String url = this.publicEndpoint.toString();
			return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
		}
		int port = request.getServerPort();
		boolean defaultPort = ("http".equals(request.getScheme()) && port == 80)
				|| ("https".equals(request.getScheme()) && port == 443);
		return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port)
				+ request.getContextPath();
	}

	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

	/** A fault of authentication: a 401 carries the provider's {@code WWW-Authenticate} challenge, if any. */
	private void writeAuthFault(HttpServletResponse response, Fault fault) throws IOException {
		String challenge = this.authentication.wwwAuthenticate();
		if (fault.status() == 401 && challenge != null) {
			response.setHeader("WWW-Authenticate", challenge);
		}
		writeFault(response, fault);
	}

	static void writeFault(HttpServletResponse response, Fault fault) throws IOException {
		byte[] body = fault.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8);
		response.setStatus(fault.status());
		response.setContentType("application/json");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/** The request as if the project had been in the URL (the project-less paths of 3.67). */
	private static final class ProjectPathRequest extends HttpServletRequestWrapper {

		private final String uri;

		ProjectPathRequest(HttpServletRequest request, String uri) {
			super(request);
			this.uri = uri;
		}

		@Override
		public String getRequestURI() {
			return this.uri;
		}

		@Override
		public StringBuffer getRequestURL() {
			HttpServletRequest r = (HttpServletRequest) getRequest();
			return new StringBuffer(r.getScheme() + "://" + r.getServerName() + ":" + r.getServerPort() + this.uri);
		}

		@Override
		public String getServletPath() {
			return this.uri.substring(getContextPath().length());
		}

		@Override
		public String getPathInfo() {
			return null;
		}

	}

}
