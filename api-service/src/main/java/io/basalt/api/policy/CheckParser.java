package io.basalt.api.policy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses one check of a check string: {@code @}, {@code !} or {@code kind:match} split at the first colon, as
 * oslo.policy does. {@code rule:} names another rule; {@code role:} a role; {@code is_admin:True|False} asks
 * {@code context_is_admin}; any other kind is a generic check whose left side is a credential attribute, or a
 * literal ({@code 'quoted'}, {@code True}, {@code False}, {@code None}, an integer) as oslo.policy's
 * {@code ast.literal_eval} reads it. The match may substitute target values with {@code %(key)s} ({@code %%} is
 * a percent sign). Remote {@code http:}/{@code https:} checks are refused. Stateless.
 */
final class CheckParser {

	private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

	private CheckParser() {
	}

	/**
	 * Parses {@code check}, found at {@code at} in the rule's check string {@code text}.
	 * @throws PolicyParseException if the check is malformed
	 */
	static Check parse(String rule, String text, String check, int at) {
		if (check.equals("@")) {
			return new Check.TrueCheck();
		}
		if (check.equals("!")) {
			return new Check.FalseCheck();
		}
		int colon = check.indexOf(':');
		if (colon < 0) {
			throw new PolicyParseException(rule, text, at,
					"expected kind:match (e.g. role:admin), '@' or '!' but found '" + check + "'");
		}
		String kind = check.substring(0, colon);
		String match = check.substring(colon + 1);
		if (kind.isEmpty()) {
			throw new PolicyParseException(rule, text, at, "missing the kind before ':' in '" + check + "'");
		}
		if (match.isEmpty()) {
			throw new PolicyParseException(rule, text, at + colon + 1, "missing the match after '" + kind + ":'");
		}
		int matchAt = at + colon + 1;
		return switch (kind) {
			case "rule" -> new Check.RuleCheck(match);
			case "role" -> new Check.RoleCheck(match(rule, text, match, matchAt));
			case "http", "https" -> throw new PolicyParseException(rule, text, at,
					"remote " + kind + ": checks are not supported");
			case "is_admin" -> switch (match) {
				case "True" -> new Check.IsAdminCheck(true);
				case "False" -> new Check.IsAdminCheck(false);
				default -> new Check.GenericCheck(left(rule, text, kind, at), match(rule, text, match, matchAt));
			};
			default -> new Check.GenericCheck(left(rule, text, kind, at), match(rule, text, match, matchAt));
		};
	}

	/** The left side of a generic check: a Python literal, else the name of a credential attribute. */
	private static Operand left(String rule, String text, String kind, int at) {
		char first = kind.charAt(0);
		if (first == '\'' || first == '"') {
			if (kind.length() < 2 || kind.charAt(kind.length() - 1) != first) {
				throw new PolicyParseException(rule, text, at, "unterminated quoted literal " + kind);
			}
			return new Operand.Literal(kind.substring(1, kind.length() - 1));
		}
		if (kind.equals("True") || kind.equals("False") || kind.equals("None")) {
			return new Operand.Literal(kind);
		}
		if (INTEGER.matcher(kind).matches()) {
			return new Operand.Literal(new BigInteger(kind).toString());
		}
		return new Operand.CredentialField(kind);
	}

	/** The match: literal text and {@code %(key)s} target substitutions, as Python's {@code %} formatting. */
	private static Operand match(String rule, String text, String match, int at) {
		List<Operand> parts = new ArrayList<>();
		StringBuilder literal = new StringBuilder();
		int i = 0;
		while (i < match.length()) {
			char c = match.charAt(i);
			if (c != '%') {
				literal.append(c);
				i++;
			}
			else if (match.startsWith("%%", i)) {
				literal.append('%');
				i += 2;
			}
			else if (match.startsWith("%(", i)) {
				int close = match.indexOf(')', i + 2);
				if (close < 0 || close + 1 >= match.length() || match.charAt(close + 1) != 's' || close == i + 2) {
					throw new PolicyParseException(rule, text, at + i,
							"a substitution must read %(key)s in '" + match + "'");
				}
				if (!literal.isEmpty()) {
					parts.add(new Operand.Literal(literal.toString()));
					literal.setLength(0);
				}
				parts.add(new Operand.TargetField(match.substring(i + 2, close)));
				i = close + 2;
			}
			else {
				throw new PolicyParseException(rule, text, at + i,
						"a '%' must start %(key)s or be doubled as %% in '" + match + "'");
			}
		}
		if (!literal.isEmpty()) {
			parts.add(new Operand.Literal(literal.toString()));
		}
		return (parts.size() == 1) ? parts.getFirst() : new Operand.Template(parts);
	}

}
