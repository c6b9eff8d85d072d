package io.basalt.api.transfer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The auth keys of transfers, as Cinder's {@code transfer/api.py} makes them but with SHA-256: a random salt
 * (8 hex characters) and key (16, what a user can type), and the stored hash {@code HMAC-SHA256(salt, key)} in
 * hex (Cinder uses HMAC-SHA1). The key itself is never stored. Thread-safe.
 */
final class AuthKeys {

	/** Cinder's {@code volume_transfer_salt_length}. */
	static final int SALT_LENGTH = 8;

	/** Cinder's {@code volume_transfer_key_length}. */
	static final int KEY_LENGTH = 16;

	private static final SecureRandom RANDOM = new SecureRandom();

	private AuthKeys() {
	}

	/** {@code length} random hex characters. */
	static String random(int length) {
		byte[] bytes = new byte[(length + 1) / 2];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes).substring(0, length);
	}

	/** {@code HMAC-SHA256(salt, key)} in lower-case hex. */
	static String hash(String salt, String key) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(salt.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/** Whether {@code key} is the one {@code hash} was made from (compared in constant time). */
	static boolean matches(String salt, String hash, String key) {
		return MessageDigest.isEqual(hash(salt, key).getBytes(StandardCharsets.US_ASCII),
				hash.getBytes(StandardCharsets.US_ASCII));
	}

}
