package io.basalt.api.web;

import java.util.UUID;

/**
 * The one parser of resource ids in URLs and bodies: a canonical 36-character UUID or nothing. Cinder answers an id
 * that is not a UUID like an unknown one (404), so callers treat null as "not found" rather than as bad input.
 */
public final class Uuids {

	private Uuids() {
	}

	/** {@code text} as a UUID, or null when it is null or not a 36-character UUID. */
	public static UUID parse(String text) {
		if (text == null || text.length() != 36) {
			return null;
		}
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
