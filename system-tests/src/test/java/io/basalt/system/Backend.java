package io.basalt.system;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One backend of a volume process, rendered as {@code basalt.volume.backends[i].*} properties. The property
 * names of the drivers live here only, so that a change in the volume service's configuration is one edit.
 *
 * @param name the backend name ({@code host@name} is its service host)
 * @param properties the backend's properties relative to {@code basalt.volume.backends[i].}
 */
public record Backend(String name, Map<String, String> properties) {

	public Backend {
		properties = Map.copyOf(properties);
	}

	/** A thick fake backend of {@code capacityGb} GiB, without over-subscription. */
	public static Backend fake(String name, long capacityGb) {
		Map<String, String> p = new LinkedHashMap<>();
		p.put("name", name);
		p.put("driver", "fake");
		p.put("fake.capacity-gb", Long.toString(capacityGb));
		p.put("fake.thin", "false");
		p.put("max-over-subscription-ratio", "1.0");
		return new Backend(name, p);
	}

	/** A file backend allocating sparse files under {@code directory} (capacity read from its file system). */
	public static Backend file(String name, Path directory) {
		Map<String, String> p = new LinkedHashMap<>();
		p.put("name", name);
		p.put("driver", "file");
		p.put("directory", directory.toAbsolutePath().toString());
		return new Backend(name, p);
	}

	/** This backend whose every create fails in the driver. */
	public Backend failingCreates() {
		return with("fake.fail-creates", "true");
	}

	/** This backend with another {@code volume_backend_name} than its name (several backends may share one). */
	public Backend volumeBackendName(String volumeBackendName) {
		return with("volume-backend-name", volumeBackendName);
	}

	/** This backend with an extra capability reported for its pool (matched by the capabilities filter). */
	public Backend extraCapability(String key, String value) {
		return with("extra-capabilities." + key, value);
	}

	/** This backend with one more raw property (relative to {@code basalt.volume.backends[i].}). */
	public Backend with(String key, String value) {
		Map<String, String> p = new LinkedHashMap<>(this.properties);
		p.put(key, value);
		return new Backend(this.name, p);
	}

	/** The command-line arguments of this backend at index {@code index}. */
	Map<String, String> toProperties(int index) {
		Map<String, String> out = new LinkedHashMap<>();
		this.properties.forEach((k, v) -> out.put("basalt.volume.backends[" + index + "]." + k, v));
		return out;
	}

}
