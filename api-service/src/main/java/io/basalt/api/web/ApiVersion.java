package io.basalt.api.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A volume API microversion {@code major.minor} (Cinder's {@code APIVersionRequest}). Immutable.
 *
 * @param major the major number (3)
 * @param minor the minor number
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {

	/** The lowest microversion served. */
	public static final ApiVersion MIN = new ApiVersion(3, 0);

	/** The highest microversion served ({@code latest}). */
	public static final ApiVersion MAX = new ApiVersion(3, 70);

	private static final Pattern FORMAT = Pattern.compile("^([1-9]\\d*)\\.([1-9]\\d*|0)$");

	/**
	 * Parses {@code N.M} (no leading zeros) or {@code latest}.
	 * @throws IllegalArgumentException if the text is of another format
	 */
	public static ApiVersion parse(String text) {
		String value = text.trim();
		if ("latest".equalsIgnoreCase(value)) {
			return MAX;
		}
		Matcher m = FORMAT.matcher(value);
		if (!m.matches()) {
			throw new IllegalArgumentException("API Version String " + value
					+ " is of invalid format. Must be of format MajorNum.MinorNum.");
		}
		try {
			return new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("API Version String " + value
					+ " is of invalid format. Must be of format MajorNum.MinorNum.", ex);
		}
	}

	/** Whether this version is served. */
	public boolean isSupported() {
		return compareTo(MIN) >= 0 && compareTo(MAX) <= 0;
	}

	/** Whether this version is at least {@code 3.minor}. */
	public boolean atLeast(int minor) {
		return compareTo(new ApiVersion(3, minor)) >= 0;
	}

	@Override
	public int compareTo(ApiVersion other) {
		return (this.major != other.major) ? Integer.compare(this.major, other.major)
				: Integer.compare(this.minor, other.minor);
	}

	@Override
	public String toString() {
		return this.major + "." + this.minor;
	}

}
