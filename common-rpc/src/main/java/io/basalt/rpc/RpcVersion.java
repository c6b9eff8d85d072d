package io.basalt.rpc;

import java.util.Objects;

/**
 * An RPC API version {@code major.minor}, compared the way oslo.messaging does: a server implementing
 * {@code impl} accepts a request for {@code req} when the majors are equal and {@code req.minor <= impl.minor}.
 *
 * @param major the major version (incompatible changes)
 * @param minor the minor version (backwards-compatible additions)
 */
public record RpcVersion(int major, int minor) implements Comparable<RpcVersion> {

	/** The version a message without a {@code version} key is taken to have. */
	public static final RpcVersion DEFAULT = new RpcVersion(1, 0);

	public RpcVersion {
		if (major < 0 || minor < 0) {
			throw new IllegalArgumentException("version components must be >= 0: " + major + "." + minor);
		}
	}

	/**
	 * Parses {@code "N.M"} (a third revision component, if present, is ignored).
	 * @throws IllegalArgumentException if the text is not of that form
	 */
	public static RpcVersion parse(String text) {
		Objects.requireNonNull(text, "version");
		String[] parts = text.split("\\.");
		if (parts.length < 2 || parts.length > 3) {
			throw new IllegalArgumentException("version must look like N.M: '" + text + "'");
		}
		try {
			return new RpcVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("version must look like N.M: '" + text + "'", ex);
		}
	}

	/** Whether a server implementing this version can serve a request for {@code requested}. */
	public boolean accepts(RpcVersion requested) {
		return requested != null && this.major == requested.major && requested.minor <= this.minor;
	}

	@Override
	public int compareTo(RpcVersion other) {
		int c = Integer.compare(this.major, other.major);
		return (c != 0) ? c : Integer.compare(this.minor, other.minor);
	}

	@Override
	public String toString() {
		return this.major + "." + this.minor;
	}

}
