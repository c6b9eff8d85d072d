package io.basalt.api.auth.keystone;

/**
 * Keystone could not say whether a token is valid: unreachable, too slow, a 5xx, a refusal of Basalt's own
 * credentials or a response Basalt cannot read. The caller is answered 503, never let through.
 */
class KeystoneUnavailableException extends RuntimeException {

	KeystoneUnavailableException(String message) {
		super(message);
	}

	KeystoneUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
