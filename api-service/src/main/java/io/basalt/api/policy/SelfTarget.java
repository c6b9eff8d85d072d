package io.basalt.api.policy;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The target Cinder checks {@code context_is_admin} against: the caller's own {@code project_id} and
 * {@code user_id} (cinder.policy's {@code default_target}). A read-only view over the credentials, so the
 * common lookups allocate nothing more than this object; keys whose value is unset are absent.
 */
final class SelfTarget extends AbstractMap<String, String> {

	private final Credentials credentials;

	SelfTarget(Credentials credentials) {
		this.credentials = credentials;
	}

	@Override
	public String get(Object key) {
		if ("project_id".equals(key)) {
			return this.credentials.projectId();
		}
		if ("user_id".equals(key)) {
			return this.credentials.userId();
		}
		return null;
	}

	@Override
	public boolean containsKey(Object key) {
		return get(key) != null;
	}

	@Override
	public Set<Entry<String, String>> entrySet() {
		Map<String, String> entries = new HashMap<>();
		if (this.credentials.projectId() != null) {
			entries.put("project_id", this.credentials.projectId());
		}
		if (this.credentials.userId() != null) {
			entries.put("user_id", this.credentials.userId());
		}
		return Map.copyOf(entries).entrySet();
	}

}
