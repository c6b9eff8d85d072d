package io.basalt.api.web;

import io.basalt.rpc.RequestContext;

/**
 * What a v3 handler knows about its request: who asks (the RPC context, whose request id is the response's
 * {@code x-openstack-request-id}), at which microversion, for which project, and where links point. Injected
 * into controller methods by {@link ApiRequestArgumentResolver}.
 *
 * @param context the request context sent along with every RPC
 * @param version the negotiated microversion
 * @param projectId the project of the URL (the token's project unless the caller is an admin)
 * @param baseUrl scheme, host and port of links, e.g. {@code http://127.0.0.1:8776}
 * @param principal who authenticated (what the policy checks)
 */
public record ApiRequest(RequestContext context, ApiVersion version, String projectId, String baseUrl,
		Principal principal) {

	/** A request whose principal is only what its context says (tests and internal callers). */
	public ApiRequest(RequestContext context, ApiVersion version, String projectId, String baseUrl) {
		this(context, version, projectId, baseUrl,
				new Principal(context.userId(), context.projectId(), context.roles()));
	}

	/** The request attribute holding this record. */
	public static final String ATTRIBUTE = ApiRequest.class.getName();

	public boolean isAdmin() {
		return this.context.isAdmin();
	}

	/** Fails with 404 (method absent at this version) below {@code 3.minor}. */
	public void requireVersion(int minor) {
		if (!this.version.atLeast(minor)) {
			throw ApiException.versionNotFound(this.version);
		}
	}

	/** The self and bookmark links of a resource at {@code path} (e.g. {@code volumes/<id>}). */
	public java.util.List<java.util.Map<String, String>> links(String path) {
		return java.util.List.of(link("self", selfUrl(path)), link("bookmark", bookmarkUrl(path)));
	}

	/** One {@code {"rel", "href"}} link, keys in that order. */
	public static java.util.Map<String, String> link(String rel, String href) {
		var link = new java.util.LinkedHashMap<String, String>();
		link.put("rel", rel);
		link.put("href", href);
		return link;
	}

	/** {@code <base>/v3/<project>/<path>}. */
	public String selfUrl(String path) {
		return this.baseUrl + "/v3/" + this.projectId + "/" + path;
	}

	/** {@code <base>/<project>/<path>}. */
	public String bookmarkUrl(String path) {
		return this.baseUrl + "/" + this.projectId + "/" + path;
	}

}
