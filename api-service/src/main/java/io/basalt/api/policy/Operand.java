package io.basalt.api.policy;

import java.util.List;
import java.util.Map;

/**
 * One side of a {@code kind:match} check, resolved to a string at evaluation: a literal, a value of the target
 * ({@code %(project_id)s}), a template mixing both ({@code vol-%(id)s}), or an attribute of the credentials (the
 * left side of a generic check). Immutable.
 */
sealed interface Operand {

	/** The value, or null when a target key or credential attribute it names is missing (the check then fails). */
	String resolve(Credentials credentials, Map<String, String> target);

	/** A fixed string: the right side without substitutions, or a quoted or Python literal on the left side. */
	record Literal(String value) implements Operand {

		@Override
		public String resolve(Credentials credentials, Map<String, String> target) {
			return this.value;
		}

		@Override
		public String toString() {
			return this.value.replace("%", "%%");
		}

	}

	/** {@code %(key)s}: the target's value for the key. */
	record TargetField(String key) implements Operand {

		@Override
		public String resolve(Credentials credentials, Map<String, String> target) {
			return target.get(this.key);
		}

		@Override
		public String toString() {
			return "%(" + this.key + ")s";
		}

	}

	/** Literals and target values concatenated, as Python's {@code %} formatting of the whole match does. */
	record Template(List<Operand> parts) implements Operand {

		public Template {
			parts = List.copyOf(parts);
		}

		@Override
		public String resolve(Credentials credentials, Map<String, String> target) {
			StringBuilder text = new StringBuilder();
			for (Operand part : this.parts) {
				String value = part.resolve(credentials, target);
				if (value == null) {
					return null;
				}
				text.append(value);
			}
			return text.toString();
		}

		@Override
		public String toString() {
			StringBuilder text = new StringBuilder();
			this.parts.forEach(text::append);
			return text.toString();
		}

	}

	/** An attribute of the credentials ({@code project_id}, {@code system_scope}, ...; see Credentials). */
	record CredentialField(String name) implements Operand {

		@Override
		public String resolve(Credentials credentials, Map<String, String> target) {
			return credentials.attribute(this.name);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
