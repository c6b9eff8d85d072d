package io.basalt.api.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses an oslo.policy check string into a {@link Check} tree. The grammar and tokens are oslo.policy's:
 * <pre>
 * expression := and ( "or" and )*
 * and        := unary ( "and" unary )*
 * unary      := "not" unary | "(" expression ")" | check
 * check      := "@" | "!" | kind ":" match        (see {@link CheckParser})
 * </pre>
 * so {@code not} binds tightest, then {@code and}, then {@code or}; keywords are case-insensitive. Tokens are
 * separated by whitespace, with {@code (} peeled off the front and {@code )} off the back of each word (so
 * {@code %(project_id)s} keeps its parentheses). The empty string is {@code @}. Unlike oslo.policy, which logs a
 * malformed string and denies, a malformed string throws {@link PolicyParseException}. Stateless for callers;
 * each parse uses its own instance.
 */
final class PolicyParser {

	private enum Kind {

		OPEN, CLOSE, AND, OR, NOT, CHECK

	}

	private record Token(Kind kind, String text, int position) {
	}

	private final String rule;

	private final String text;

	private final List<Token> tokens;

	private int next;

	private PolicyParser(String rule, String text) {
		this.rule = rule;
		this.text = text;
		this.tokens = tokenize(text);
	}

	/**
	 * Parses the check string of the named rule (the name is only used in error messages).
	 * @throws PolicyParseException if the string is malformed
	 */
	static Check parse(String rule, String text) {
		if (text.isEmpty()) {
			return new Check.TrueCheck();
		}
		PolicyParser parser = new PolicyParser(rule, text);
		if (parser.tokens.isEmpty()) {
			throw parser.error(0, "blank check string (write \"\" or \"@\" to allow everyone, \"!\" to allow nobody)");
		}
		Check check = parser.expression();
		if (parser.next < parser.tokens.size()) {
			Token extra = parser.tokens.get(parser.next);
			throw parser.error(extra.position(), (extra.kind() == Kind.CLOSE) ? "unbalanced ')'"
					: "expected 'and', 'or' or the end but found '" + extra.text() + "'");
		}
		return check;
	}

	private Check expression() {
		List<Check> checks = new ArrayList<>(List.of(and()));
		while (accept(Kind.OR)) {
			checks.add(and());
		}
		return (checks.size() == 1) ? checks.getFirst() : new Check.Or(checks);
	}

	private Check and() {
		List<Check> checks = new ArrayList<>(List.of(unary()));
		while (accept(Kind.AND)) {
			checks.add(unary());
		}
		return (checks.size() == 1) ? checks.getFirst() : new Check.And(checks);
	}

	private Check unary() {
		if (this.next == this.tokens.size()) {
			String after = this.tokens.get(this.next - 1).text();
			throw error(this.text.length(), "expected a check after '" + after + "' but the string ended");
		}
		Token token = this.tokens.get(this.next++);
		return switch (token.kind()) {
			case NOT -> new Check.Not(unary());
			case OPEN -> {
				Check inner = expression();
				if (!accept(Kind.CLOSE)) {
					throw error(token.position(), "'(' is never closed");
				}
				yield inner;
			}
			case CHECK -> CheckParser.parse(this.rule, this.text, token.text(), token.position());
			default -> throw error(token.position(),
					"expected a check, '(' or 'not' but found '" + token.text() + "'");
		};
	}

	private boolean accept(Kind kind) {
		if (this.next < this.tokens.size() && this.tokens.get(this.next).kind() == kind) {
			this.next++;
			return true;
		}
		return false;
	}

	private PolicyParseException error(int position, String reason) {
		return new PolicyParseException(this.rule, this.text, position, reason);
	}

	private static List<Token> tokenize(String text) {
		List<Token> tokens = new ArrayList<>();
		int i = 0;
		while (i < text.length()) {
			if (Character.isWhitespace(text.charAt(i))) {
				i++;
				continue;
			}
			int start = i;
			while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
				i++;
			}
			word(text, start, i, tokens);
		}
		return tokens;
	}

	/** Adds the tokens of one whitespace-separated word: leading '(', the keyword or check, trailing ')'. */
	private static void word(String text, int start, int end, List<Token> tokens) {
		int from = start;
		while (from < end && text.charAt(from) == '(') {
			tokens.add(new Token(Kind.OPEN, "(", from++));
		}
		int to = end;
		while (to > from && text.charAt(to - 1) == ')') {
			to--;
		}
		if (from < to) {
			String word = text.substring(from, to);
			Kind kind = switch (word.toLowerCase(Locale.ROOT)) {
				case "and" -> Kind.AND;
				case "or" -> Kind.OR;
				case "not" -> Kind.NOT;
				default -> Kind.CHECK;
			};
			tokens.add(new Token(kind, word, from));
		}
		for (int close = to; close < end; close++) {
			tokens.add(new Token(Kind.CLOSE, ")", close));
		}
	}

}
