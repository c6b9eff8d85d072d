package io.basalt.api.auth.keystone;

import io.basalt.api.web.Principal;

/** Keystone's verdict on a caller's token: what {@link TokenCache} keeps. */
sealed interface Validation {

	/** The token is valid and belongs to {@code principal} (until {@link Principal#expiresAt()}). */
	record Valid(Principal principal) implements Validation {
	}

	/**
	 * The token is not valid (unknown, expired, revoked or malformed).
	 * @param reason why, for the log (never shown to the caller)
	 */
	record Invalid(String reason) implements Validation {
	}

}
