package io.basalt.api.policy;

/**
 * A check string that is not valid oslo.policy syntax. The message names the rule, the 0-based position in the
 * check string and what was expected there.
 */
public class PolicyParseException extends IllegalArgumentException {

	private final String rule;

	private final int position;

	PolicyParseException(String rule, String text, int position, String reason) {
		super("Invalid check string of policy rule \"" + rule + "\" at position " + position + ": " + reason
				+ " in \"" + text + "\"");
		this.rule = rule;
		this.position = position;
	}

	/** The name of the rule whose check string is malformed. */
	public String rule() {
		return this.rule;
	}

	/** The 0-based position of the error in the check string. */
	public int position() {
		return this.position;
	}

}
