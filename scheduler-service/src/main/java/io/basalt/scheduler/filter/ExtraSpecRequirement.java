package io.basalt.scheduler.filter;

import java.util.Arrays;
import java.util.List;

/**
 * One extra-spec value parsed once into an operator and its operands, and matched against a capability value as
 * Cinder's {@code extra_specs_ops.match} does (cinder-scheduler.md §5): the first word is the operator; an unknown
 * operator means plain string equality of the whole value; a null capability never matches; non-numeric input to
 * a numeric operator does not match. {@code <all-in>} (Nova's) is supported too: every word must be contained.
 * <p>
 * Capability values are stringified as Python would ({@code True}, {@code 100.0}) for string operators; plain
 * equality also accepts a boolean in any case and a number equal in value. Immutable and thread-safe.
 *
 * @param text the extra-spec value as written
 * @param operator the parsed operator ({@link Operator#PLAIN} when the first word is none)
 * @param operands the words after the operator
 */
public record ExtraSpecRequirement(String text, Operator operator, List<String> operands) {

	private static final String[] TRUE_WORDS = { "1", "t", "true", "on", "y", "yes" };

	/** The operators. */
	public enum Operator {

		PLAIN(""), FLOAT_AT_LEAST("="), IN("<in>"), ALL_IN("<all-in>"), IS("<is>"), OR("<or>"), EQ("=="), NE("!="),
		GE(">="), LE("<="), S_EQ("s=="), S_NE("s!="), S_LT("s<"), S_LE("s<="), S_GT("s>"), S_GE("s>=");

		private final String token;

		Operator(String token) {
			this.token = token;
		}

		static Operator of(String word) {
			for (Operator op : values()) {
				if (op != PLAIN && op.token.equals(word)) {
					return op;
				}
			}
			return PLAIN;
		}

	}

	public ExtraSpecRequirement {
		operands = List.copyOf(operands);
	}

	/** Parses an extra-spec value. */
	public static ExtraSpecRequirement parse(String text) {
		String[] words = text.trim().split("\\s+");
		Operator op = (words.length > 0) ? Operator.of(words[0]) : Operator.PLAIN;
		List<String> rest = (op == Operator.PLAIN) ? List.of() : Arrays.asList(words).subList(1, words.length);
		return new ExtraSpecRequirement(text, op, rest);
	}

	/**
	 * Whether a capability value satisfies this requirement. A list value matches if any element does, except for
	 * {@code <all-in>}, which looks at the whole list.
	 */
	public boolean matches(Object value) {
		if (value instanceof List<?> list && this.operator != Operator.ALL_IN) {
			for (Object element : list) {
				if (matchesOne(element)) {
					return true;
				}
			}
			return false;
		}
		return matchesOne(value);
	}

	private boolean matchesOne(Object value) {
		if (value == null) {
			return false;
		}
		if (this.operator == Operator.PLAIN) {
			return plainEquals(value, this.text);
		}
		if (this.operands.isEmpty()) {
			return false;
		}
		String x = pythonString(value);
		String y = this.operands.get(0);
		return switch (this.operator) {
			case OR -> orMatches(x);
			case IN -> x.contains(String.join(" ", this.operands));
			case ALL_IN -> allIn(value);
			case IS -> ((value instanceof Boolean b) ? b : isTrue(x)) == isTrue(y);
			case FLOAT_AT_LEAST, EQ, NE, GE, LE -> numeric(x, y);
			case S_EQ -> x.equals(y);
			case S_NE -> !x.equals(y);
			case S_LT -> x.compareTo(y) < 0;
			case S_LE -> x.compareTo(y) <= 0;
			case S_GT -> x.compareTo(y) > 0;
			case S_GE -> x.compareTo(y) >= 0;
			case PLAIN -> throw new IllegalStateException("unreachable");
		};
	}

	private boolean orMatches(String x) {
		// "<or> a <or> b": the candidates are every other word after the first operator.
		for (int i = 0; i < this.operands.size(); i += 2) {
			if (this.operands.get(i).equals(x)) {
				return true;
			}
		}
		return false;
	}

	private boolean allIn(Object value) {
		for (String word : this.operands) {
			boolean found = (value instanceof List<?> list) ? list.stream().anyMatch(e -> word.equals(pythonString(e)))
					: pythonString(value).contains(word);
			if (!found) {
				return false;
			}
		}
		return true;
	}

	private boolean numeric(String x, String y) {
		double a;
		double b;
		try {
			a = Double.parseDouble(x);
			b = Double.parseDouble(y);
		}
		catch (NumberFormatException ex) {
			return false;
		}
		return switch (this.operator) {
			case FLOAT_AT_LEAST, GE -> a >= b;
			case EQ -> a == b;
			case NE -> a != b;
			case LE -> a <= b;
			default -> false;
		};
	}

	private static boolean plainEquals(Object value, String required) {
		if (value instanceof Boolean b) {
			return pythonString(b).equalsIgnoreCase(required.trim());
		}
		if (value instanceof Number n) {
			try {
				return n.doubleValue() == Double.parseDouble(required.trim()) || pythonString(n).equals(required);
			}
			catch (NumberFormatException ex) {
				return false;
			}
		}
		return pythonString(value).equals(required);
	}

	/** oslo's {@code bool_from_string}. */
	static boolean isTrue(String text) {
		String t = text.strip();
		for (String word : TRUE_WORDS) {
			if (word.equalsIgnoreCase(t)) {
				return true;
			}
		}
		return false;
	}

	private static String pythonString(Object value) {
		if (value instanceof Boolean b) {
			return b ? "True" : "False";
		}
		return String.valueOf(value);
	}

}
