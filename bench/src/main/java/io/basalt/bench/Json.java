package io.basalt.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The smallest JSON reader that serves the bench (objects, arrays, strings, numbers, booleans, null) and a string
 * quoter for its output; keeps the bench free of dependencies.
 */
public final class Json {

	private final String s;

	private int i;

	private Json(String s) {
		this.s = s;
	}

	/** Parses a JSON text into maps, lists, strings, doubles, booleans and nulls. */
	public static Object parse(String text) {
		Json p = new Json(text);
		p.ws();
		Object v = p.value();
		p.ws();
		if (p.i != p.s.length()) {
			throw p.error("trailing characters");
		}
		return v;
	}

	/** {@code root.a.b} as a string, or null when missing or not a string. */
	public static String string(Object root, String... path) {
		Object v = root;
		for (String k : path) {
			if (!(v instanceof Map<?, ?> m)) {
				return null;
			}
			v = m.get(k);
		}
		return v instanceof String str ? str : null;
	}

	public static String quote(String v) {
		StringBuilder b = new StringBuilder(v.length() + 2).append('"');
		for (int k = 0; k < v.length(); k++) {
			char c = v.charAt(k);
			switch (c) {
				case '"' -> b.append("\\\"");
				case '\\' -> b.append("\\\\");
				case '\n' -> b.append("\\n");
				case '\r' -> b.append("\\r");
				case '\t' -> b.append("\\t");
				default -> {
					if (c < 0x20) {
						b.append(String.format("\\u%04x", (int) c));
					}
					else {
						b.append(c);
					}
				}
			}
		}
		return b.append('"').toString();
	}

	private Object value() {
		if (this.i >= this.s.length()) {
			throw error("unexpected end");
		}
		char c = this.s.charAt(this.i);
		switch (c) {
			case '{':
				return object();
			case '[':
				return array();
			case '"':
				return str();
			case 't':
				return literal("true", Boolean.TRUE);
			case 'f':
				return literal("false", Boolean.FALSE);
			case 'n':
				return literal("null", null);
			default:
				return number();
		}
	}

	private Map<String, Object> object() {
		Map<String, Object> m = new LinkedHashMap<>();
		this.i++;
		ws();
		if (peek() == '}') {
			this.i++;
			return m;
		}
		while (true) {
			ws();
			String k = str();
			ws();
			expect(':');
			ws();
			m.put(k, value());
			ws();
			char c = next();
			if (c == '}') {
				return m;
			}
			if (c != ',') {
				throw error("expected , or }");
			}
		}
	}

	private List<Object> array() {
		List<Object> l = new ArrayList<>();
		this.i++;
		ws();
		if (peek() == ']') {
			this.i++;
			return l;
		}
		while (true) {
			ws();
			l.add(value());
			ws();
			char c = next();
			if (c == ']') {
				return l;
			}
			if (c != ',') {
				throw error("expected , or ]");
			}
		}
	}

	private String str() {
		expect('"');
		StringBuilder b = new StringBuilder();
		while (true) {
			char c = next();
			if (c == '"') {
				return b.toString();
			}
			if (c == '\\') {
				char e = next();
				switch (e) {
					case 'b' -> b.append('\b');
					case 'f' -> b.append('\f');
					case 'n' -> b.append('\n');
					case 'r' -> b.append('\r');
					case 't' -> b.append('\t');
					case 'u' -> {
						if (this.i + 4 > this.s.length()) {
							throw error("bad \\u escape");
						}
						b.append((char) Integer.parseInt(this.s.substring(this.i, this.i + 4), 16));
						this.i += 4;
					}
					default -> b.append(e);
				}
			}
			else {
				b.append(c);
			}
		}
	}

	private Object number() {
		int start = this.i;
		while (this.i < this.s.length() && "+-0123456789.eE".indexOf(this.s.charAt(this.i)) >= 0) {
			this.i++;
		}
		if (start == this.i) {
			throw error("unexpected character");
		}
		return Double.parseDouble(this.s.substring(start, this.i));
	}

	private Object literal(String word, Object v) {
		if (!this.s.startsWith(word, this.i)) {
			throw error("unexpected character");
		}
		this.i += word.length();
		return v;
	}

	private void ws() {
		while (this.i < this.s.length() && Character.isWhitespace(this.s.charAt(this.i))) {
			this.i++;
		}
	}

	private char peek() {
		return this.i < this.s.length() ? this.s.charAt(this.i) : 0;
	}

	private char next() {
		if (this.i >= this.s.length()) {
			throw error("unexpected end");
		}
		return this.s.charAt(this.i++);
	}

	private void expect(char c) {
		if (next() != c) {
			throw error("expected " + c);
		}
	}

	private IllegalArgumentException error(String what) {
		return new IllegalArgumentException("bad JSON at " + this.i + ": " + what);
	}

}
