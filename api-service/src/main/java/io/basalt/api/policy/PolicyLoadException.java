package io.basalt.api.policy;

/**
 * A policy that cannot be put in force: an unreadable or malformed file, a malformed check string (the cause is
 * then a {@link PolicyParseException}) or a cycle of {@code rule:} references. The message names the file and
 * the rule.
 */
public class PolicyLoadException extends RuntimeException {

	PolicyLoadException(String message) {
		super(message);
	}

	PolicyLoadException(String message, Throwable cause) {
		super(message, cause);
	}

}
