package io.basalt.volume.driver;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which back-end QoS keys (the specs of a volume type's QoS with consumer {@code back-end} or {@code both}) a
 * driver applies, and how it says so in its capabilities: Cinder's {@code QoS_support} ({@code True} when it
 * applies any) and {@code qos_keys}, the honoured keys comma-separated ({@code *} for every key). Immutable.
 *
 * @param honoured the keys applied; {@code *} alone means every key
 */
public record QosSupport(Set<String> honoured) {

	/** Applies every key (the fake driver records them all). */
	public static final QosSupport ALL = new QosSupport(Set.of("*"));

	/** Applies none. */
	public static final QosSupport NONE = new QosSupport(Set.of());

	public QosSupport {
		honoured = Set.copyOf(honoured);
	}

	/** Whether {@code key} is applied. */
	public boolean honours(String key) {
		return this.honoured.contains("*") || this.honoured.contains(key);
	}

	/** The keys of {@code specs} this driver applies, in their order. */
	public Map<String, String> applied(Map<String, String> specs) {
		Map<String, String> applied = new LinkedHashMap<>();
		specs.forEach((k, v) -> {
			if (honours(k)) {
				applied.put(k, v);
			}
		});
		return applied;
	}

	/** The keys of {@code specs} this driver does not apply (sorted). */
	public Set<String> ignored(Map<String, String> specs) {
		Set<String> ignored = new TreeSet<>(specs.keySet());
		ignored.removeIf(this::honours);
		return ignored;
	}

	/** {@code extra} with {@code QoS_support} and {@code qos_keys} added (the extra's own values win). */
	public Map<String, String> capabilities(Map<String, String> extra) {
		Map<String, String> all = new LinkedHashMap<>();
		all.put("QoS_support", this.honoured.isEmpty() ? "False" : "True");
		all.put("qos_keys", String.join(",", new TreeSet<>(this.honoured)));
		all.putAll(extra);
		return all;
	}

}
