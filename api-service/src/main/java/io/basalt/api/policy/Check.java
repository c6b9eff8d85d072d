package io.basalt.api.policy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A parsed oslo.policy check string: an immutable tree, safe to share between threads. {@link PolicyParser}
 * builds it with {@link RuleCheck} and {@link IsAdminCheck} unlinked; {@link PolicyRules} links them to the
 * trees they name once, at load, so evaluation does no lookup. {@code toString()} renders the oslo syntax, with
 * {@code and}/{@code or} in parentheses (as oslo.policy prints its checks).
 */
sealed interface Check {

	/**
	 * Whether the credentials pass this check against the target (the resource's attributes, e.g.
	 * {@code project_id}). Never throws: a missing target key or credential attribute fails the check.
	 */
	boolean matches(Credentials credentials, Map<String, String> target);

	/** {@code @} or the empty string: everyone passes. */
	record TrueCheck() implements Check {

		@Override
		public boolean matches(Credentials credentials, Map<String, String> target) {
			return true;
		}

		@Override
		public String toString() {
			return "@";
		}

	}

	/** {@code !}: nobody passes. */
	record FalseCheck() implements Check {

		@Override
		public boolean matches(Credentials credentials, Map<String, String> target) {
			return false;
		}

		@Override
		public String toString() {
			return "!";
		}

	}

	/** {@code a and b and ...}: every check passes. */
	record And(List<Check> checks) implements Check {

		public And {
			checks = List.copyOf(checks);
		}

		@Override
		public boolean matches(Credentials credentials, Map<String, String> target) {
			for (int i = 0; i < this.checks.size(); i++) {
				if (!this.checks.get(i).matches(credentials, target)) {
					return false;
				}
			}
			return true;
		}

		@Override
		public String toString() {
			return this.checks.stream().map(Check::toString).collect(Collectors.joining(" and ", "(", ")"));
		}

	}

	/** {@code a or b or ...}: some check passes. */
	record Or(List<Check> checks) implements Check {

		public Or {
			checks = List.copyOf(checks);
		}

		@Override
		public boolean matches(Credentials credentials, Map<String, String> target) {
			for (int i = 0; i < this.checks.size(); i++) {
				if (this.checks.get(i).matches(credentials, target)) {
					return true;
				}
			}
			return false;
		}

		@Override
		public String toString() {
			return this.checks.stream().map(Check::toString).collect(Collectors.joining(" or ", "(", ")"));
		}

	}

	/** {@code not a}. */
	record Not(Check check) implements Check {

		@Override
		public boolean matches(Credentials credentials, Map<String, String> target) {
			return !this.check.matches(credentials, target);
		}

		@Override
		public String toString() {
			return "not " + this.check;
		}

	}

	/** {@code role:admin}: the caller has the role (ignoring case); the role may come from the target. */
	record RoleCheck(Operand role) implements Check {

		@Override
		public boolean matches(Credentials credentials, Map<String, String> target) {
			String name = this.role.resolve(credentials, target);
			return name != null && credentials.hasRole(name);
		}

		@Override
		public String toString() {
			return "role:" + this.role;
		}

	}

	/**
	 * {@code rule:name}: the named rule passes. {@code rule} is the linked tree, null before linking and when no
	 * rule has the name (then the check fails, as in oslo.policy).
	 */
	record RuleCheck(String name, Check rule) implements Check {

		public RuleCheck(String name) {
			this(name, null);
		}

		@Override
		public boolean matches(Credentials credentials, Map<String, String> target) {
			return this.rule != null && this.rule.matches(credentials, target);
		}

		@Override
		public String toString() {
			return "rule:" + this.name;
		}

	}

	/**
	 * {@code kind:match}: the left side (a credential attribute, or a literal such as {@code 'member'}) equals the
	 * right side (a literal or target substitution). For {@code roles}, some role equals it exactly, as oslo.policy
	 * compares list attributes.
	 */
	record GenericCheck(Operand left, Operand right) implements Check {

		@Override
		public boolean matches(Credentials credentials, Map<String, String> target) {
			String expected = this.right.resolve(credentials, target);
			if (expected == null) {
				return false;
			}
			if (this.left instanceof Operand.CredentialField field && "roles".equals(field.name())) {
				return credentials.roles().contains(expected);
			}
			return expected.equals(this.left.resolve(credentials, target));
		}

		@Override
		public String toString() {
			String kind = (this.left instanceof Operand.Literal literal) ? "'" + literal.value() + "'"
					: this.left.toString();
			return kind + ":" + this.right;
		}

	}

	/**
	 * {@code is_admin:True} or {@code is_admin:False}: whether the caller is an admin as Cinder's request context
	 * decides, i.e. rule {@code context_is_admin} (linked here) against a target of the caller's own project and
	 * user. Fails either way when unlinked.
	 */
	record IsAdminCheck(boolean expected, Check contextIsAdmin) implements Check {

		public IsAdminCheck(boolean expected) {
			this(expected, null);
		}

		@Override
		public boolean matches(Credentials credentials, Map<String, String> target) {
			return this.contextIsAdmin != null
					&& this.contextIsAdmin.matches(credentials, new SelfTarget(credentials)) == this.expected;
		}

		@Override
		public String toString() {
			return this.expected ? "is_admin:True" : "is_admin:False";
		}

	}

}
