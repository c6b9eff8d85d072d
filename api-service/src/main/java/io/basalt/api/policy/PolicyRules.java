package io.basalt.api.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule set in force: every rule's tree with its {@code rule:} and {@code is_admin:} checks linked to the trees
 * they name, so an evaluation is one map lookup and a walk of the tree. Immutable once built, safe to share
 * between threads; a reload builds a new one.
 * <p>
 * Linking refuses a cycle of references ({@code is_admin:} counts as a reference to {@code context_is_admin}, as
 * Cinder computes it with that rule). A reference to a rule that does not exist is kept unlinked, so it fails, as
 * in oslo.policy, and reported in {@link #warnings()}.
 */
final class PolicyRules {

	/** The rule Cinder's request context decides {@code is_admin} with. */
	static final String CONTEXT_IS_ADMIN = "context_is_admin";

	/** The rule an unregistered rule name falls back to, when it exists (oslo.policy's default_rule). */
	static final String DEFAULT_RULE = "default";

	private final Map<String, Check> rules;

	private final List<String> warnings;

	private PolicyRules(Map<String, Check> rules, List<String> warnings) {
		this.rules = Map.copyOf(rules);
		this.warnings = List.copyOf(warnings);
	}

	/**
	 * Links parsed rules (as {@link PolicyParser} returns them) into a rule set.
	 * @param source where the rules come from, for messages
	 * @throws PolicyLoadException if references form a cycle
	 */
	static PolicyRules link(Map<String, Check> parsed, String source) {
		Linker linker = new Linker(parsed, source);
		parsed.keySet().stream().sorted().forEach(linker::link);
		return new PolicyRules(linker.linked, linker.warnings);
	}

	/** Whether the credentials pass the rule (or the {@code default} rule for an unknown name; else false). */
	boolean check(String rule, Credentials credentials, Map<String, String> target) {
		Check check = this.rules.get(rule);
		if (check == null) {
			check = this.rules.get(DEFAULT_RULE);
		}
		return check != null && check.matches(credentials, target);
	}

	/** {@code context_is_admin} against the caller's own project and user, as Cinder's request context. */
	boolean isAdmin(Credentials credentials) {
		Check check = this.rules.get(CONTEXT_IS_ADMIN);
		return check != null && check.matches(credentials, new SelfTarget(credentials));
	}

	/** The linked tree of a rule, or null. */
	Check rule(String name) {
		return this.rules.get(name);
	}

	/** The names of every rule. */
	Set<String> names() {
		return this.rules.keySet();
	}

	/** One message per reference to a rule that does not exist. */
	List<String> warnings() {
		return this.warnings;
	}

	/** A depth-first walk that links each rule once, after the rules it references. */
	private static final class Linker {

		private final Map<String, Check> parsed;

		private final String source;

		private final Map<String, Check> linked = new HashMap<>();

		private final LinkedHashSet<String> path = new LinkedHashSet<>();

		private final List<String> warnings = new ArrayList<>();

		Linker(Map<String, Check> parsed, String source) {
			this.parsed = parsed;
			this.source = source;
		}

		Check link(String name) {
			Check done = this.linked.get(name);
			if (done != null) {
				return done;
			}
			if (!this.path.add(name)) {
				List<String> cycle = new ArrayList<>(this.path);
				cycle = new ArrayList<>(cycle.subList(cycle.indexOf(name), cycle.size()));
				cycle.add(name);
				throw new PolicyLoadException("Policy rules of " + this.source + " reference each other in a cycle: "
						+ String.join(" -> ", cycle));
			}
			Check check = relink(name, this.parsed.get(name));
			this.path.remove(name);
			this.linked.put(name, check);
			return check;
		}

		private Check relink(String owner, Check check) {
			return switch (check) {
				case Check.And and -> new Check.And(and.checks().stream().map(c -> relink(owner, c)).toList());
				case Check.Or or -> new Check.Or(or.checks().stream().map(c -> relink(owner, c)).toList());
				case Check.Not not -> new Check.Not(relink(owner, not.check()));
				case Check.RuleCheck ref -> new Check.RuleCheck(ref.name(), reference(owner, ref.name()));
				case Check.IsAdminCheck admin -> new Check.IsAdminCheck(admin.expected(),
						reference(owner, CONTEXT_IS_ADMIN));
				default -> check;
			};
		}

		private Check reference(String owner, String name) {
			if (!this.parsed.containsKey(name)) {
				this.warnings.add("Policy rule \"" + owner + "\" of " + this.source + " references rule \"" + name
						+ "\", which does not exist: that check always fails");
				return null;
			}
			return link(name);
		}

	}

}
