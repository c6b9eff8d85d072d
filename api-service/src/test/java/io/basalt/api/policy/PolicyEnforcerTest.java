package io.basalt.api.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PolicyEnforcerTest {

	/** Keystone puts implied roles in the token: admin implies member implies reader. */
	private static final Credentials ADMIN = new Credentials("admin", "admin-project", "default", "default",
			List.of("admin", "member", "reader"), null, true);

	private static final Credentials MEMBER = new Credentials("alice", "P1", List.of("member", "reader"));

	private static final Credentials READER = new Credentials("bob", "P1", List.of("reader"));

	private static final Credentials NO_ROLES = new Credentials("eve", "P1", List.of());

	private static final Map<String, String> P1 = Map.of("project_id", "P1", "user_id", "someone");

	private static final Map<String, String> P2 = Map.of("project_id", "P2", "user_id", "someone");

	private static final PolicyEnforcer DEFAULTS = PolicyEnforcer.withDefaults();

	@TempDir
	Path dir;

	/**
	 * Cinder Zed's defaults for the personas: admin (on another project's resource), a member and a reader of P1
	 * on P1, the member on P2, and a user with no role. An unregistered rule is denied (no "default" rule).
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			# rule                                                  | admin | member | member on P2 | reader | no roles
			volume:get                                              | true  | true   | false        | true   | false
			volume:get_all                                          | true  | true   | false        | true   | false
			volume_extension:quotas:show                            | true  | true   | false        | true   | false
			volume:create                                           | true  | true   | false        | false  | false
			volume:delete                                           | true  | true   | false        | false  | false
			volume:create_snapshot                                  | true  | true   | false        | false  | false
			volume_extension:quotas:update                          | true  | false  | false        | false  | false
			scheduler_extension:scheduler_stats:get_pools           | true  | false  | false        | false  | false
			volume_extension:services:index                         | true  | false  | false        | false  | false
			volume_extension:volume_type_access:addProjectAccess    | true  | false  | false        | false  | false
			volume_extension:types_manage                           | false | false  | false        | false  | false
			""")
	void defaultsGrantEachPersonaItsShare(String rule, boolean admin, boolean member, boolean memberOnP2,
			boolean reader, boolean noRoles) {
		assertThat(decisions(DEFAULTS, rule)).containsExactly(Map.entry("admin", admin), Map.entry("member", member),
				Map.entry("member on P2", memberOnP2), Map.entry("reader", reader), Map.entry("no roles", noRoles));
	}

	/** An admin's token need not be scoped to the admin project: context_is_admin is role:admin alone. */
	@Test
	void adminOfAnotherProjectIsStillAnAdmin() {
		Credentials admin = new Credentials("admin", "P3", null, null, List.of("Admin"), null, false);
		assertThat(DEFAULTS.isAdmin(admin)).isTrue();
		assertThat(DEFAULTS.check("volume_extension:services:index", admin, P2)).isTrue();
		assertThat(DEFAULTS.isAdmin(MEMBER)).isFalse();
		assertThat(DEFAULTS.isAdmin(NO_ROLES)).isFalse();
	}

	/** Every default rule is known by name, the helper rules included. */
	@Test
	void knowsEveryDefaultRule() {
		assertThat(DEFAULTS.ruleNames()).hasSize(166)
			.contains("context_is_admin", "admin_api", "volume:get", "volume_extension:default_unset")
			.doesNotContain("volume_extension:types_manage");
		assertThat(DEFAULTS.file()).isNull();
	}

	/** A rule of the file replaces the default; the other defaults stay. */
	@Test
	void overrideFileReplacesADefault() throws IOException {
		PolicyEnforcer enforcer = new PolicyEnforcer(write("policy.yaml", "\"volume:delete\": \"role:admin\"\n"));
		assertThat(enforcer.check("volume:delete", MEMBER, P1)).isFalse();
		assertThat(enforcer.check("volume:delete", ADMIN, P2)).isTrue();
		assertThat(enforcer.check("volume:create", MEMBER, P1)).isTrue();
		assertThat(enforcer.ruleNames()).hasSize(166);
	}

	/** Rules referencing an overridden helper rule see the override, and the file may add rules of its own. */
	@Test
	void overriddenHelperRuleAppliesToEveryRuleReferencingIt() throws IOException {
		PolicyEnforcer enforcer = new PolicyEnforcer(write("policy.yaml", """
				# members may not write; operators may
				"xena_system_admin_or_project_member": "rule:admin_api or rule:project_operator"
				"project_operator": "role:operator and project_id:%(project_id)s"
				"""));
		Credentials operator = new Credentials("op", "P1", List.of("OPERATOR"));
		assertThat(enforcer.check("volume:create", MEMBER, P1)).isFalse();
		assertThat(enforcer.check("volume:create_snapshot", operator, P1)).isTrue();
		assertThat(enforcer.check("volume:create_snapshot", operator, P2)).isFalse();
		assertThat(enforcer.ruleNames()).hasSize(167).contains("project_operator");
	}

	/** policy.json syntax (tab-indented), oslo's legacy list form, and a "default" for unregistered names. */
	@Test
	void readsJsonListRulesAndTheDefaultRule() throws IOException {
		PolicyEnforcer enforcer = new PolicyEnforcer(write("policy.json", """
				{
				\t"volume:delete": [["role:admin"], ["role:member", "project_id:%(project_id)s"]],
				\t"default": "role:member"
				}
				"""));
		assertThat(enforcer.check("volume:delete", MEMBER, P1)).isTrue();
		assertThat(enforcer.check("volume:delete", MEMBER, P2)).isFalse();
		assertThat(enforcer.check("volume:delete", ADMIN, P2)).isTrue();
		assertThat(enforcer.check("volume_extension:types_manage", MEMBER, P2)).isTrue();
		assertThat(enforcer.check("volume_extension:types_manage", READER, P1)).isFalse();
	}

	/** A file that cannot be put in force fails startup, naming the file and the rule. */
	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			"volume:delete": "role:admin and"              | rule "volume:delete" at position 14
			"volume:get": "(role:admin"                    | rule "volume:get" at position 0
			"volume:get": 42                               | rule "volume:get"
			"volume:get":                                  | rule "volume:get"
			`"a": "rule:b"\\n"b": "rule:c"\\n"c": "rule:a"`  | cycle: a -> b -> c -> a
			"context_is_admin": "is_admin:True"            | cycle: context_is_admin -> context_is_admin
			`"a": "@"\\n"a": "!"`                           | duplicate key a
			"volume:get": [                                | Cannot read policy file
			- role:admin                                   | must be a mapping of rule names
			""")
	void badFileFailsLoadNamingFileAndRule(String content, String message) throws IOException {
		Path file = write("policy.yaml", content.replace("\\n", "\n"));
		assertThatExceptionOfType(PolicyLoadException.class).isThrownBy(() -> new PolicyEnforcer(file))
			.withMessageContaining(file.toString())
			.withMessageContaining(message);
	}

	/** A configured file that is not there fails startup. */
	@Test
	void missingFileFailsLoad() {
		Path file = this.dir.resolve("absent.yaml");
		assertThatExceptionOfType(PolicyLoadException.class).isThrownBy(() -> new PolicyEnforcer(file))
			.withMessageContaining(file.toString());
	}

	/** A reference to a rule that does not exist loads with a warning, and that check fails. */
	@Test
	void referenceToMissingRuleFailsAndIsReported() {
		Map<String, Check> parsed = new LinkedHashMap<>(PolicyEnforcer.readDefaults());
		parsed.put("volume:delete", PolicyParser.parse("volume:delete", "rule:nope or rule:admin_api"));
		PolicyRules rules = PolicyRules.link(parsed, "test");
		assertThat(rules.warnings()).containsExactly("Policy rule \"volume:delete\" of test references rule \"nope\","
				+ " which does not exist: that check always fails");
		assertThat(rules.check("volume:delete", MEMBER, P1)).isFalse();
		assertThat(rules.check("volume:delete", ADMIN, P1)).isTrue();
	}

	/** Linking resolves each reference to the referenced rule's own tree, once. */
	@Test
	void linksReferencesToSharedTrees() {
		Check get = ((Check.RuleCheck) DEFAULTS.rules().rule("volume:get")).rule();
		Check getAll = ((Check.RuleCheck) DEFAULTS.rules().rule("volume:get_all")).rule();
		assertThat(get).isSameAs(getAll).isSameAs(DEFAULTS.rules().rule("xena_system_admin_or_project_reader"));
	}

	/** A changed file is reloaded; a broken change is logged once and the rules in force stay. */
	@Test
	void reloadPicksUpChangesAndKeepsRulesOnBrokenChange() throws IOException {
		Path file = write("policy.yaml", "\"volume:delete\": \"role:admin\"\n");
		Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
		PolicyEnforcer enforcer = new PolicyEnforcer(file);
		assertThat(enforcer.reloadIfChanged()).isFalse();

		rewrite(file, "\"volume:delete\": \"role:member\"\n", "2026-01-01T00:01:00Z");
		assertThat(enforcer.reloadIfChanged()).isTrue();
		assertThat(enforcer.check("volume:delete", MEMBER, P1)).isTrue();
		assertThat(enforcer.reloadIfChanged()).isFalse();

		rewrite(file, "\"volume:delete\": \"role:member and\"\n", "2026-01-01T00:02:00Z");
		assertThat(enforcer.reloadIfChanged()).isFalse();
		assertThat(enforcer.check("volume:delete", MEMBER, P1)).isTrue();
		assertThat(enforcer.check("volume:delete", READER, P1)).isFalse();

		rewrite(file, "\"volume:delete\": \"role:reader\"\n", "2026-01-01T00:03:00Z");
		assertThat(enforcer.reloadIfChanged()).isTrue();
		assertThat(enforcer.check("volume:delete", READER, P1)).isTrue();

		Files.delete(file);
		assertThat(enforcer.reloadIfChanged()).isFalse();
		assertThat(enforcer.check("volume:delete", READER, P1)).isTrue();
	}

	/** Same size, new modification time: the file is read again. */
	@Test
	void reloadNoticesAChangeOfModificationTimeAlone() throws IOException {
		Path file = write("policy.yaml", "\"volume:delete\": \"role:aaaaa\"\n");
		Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
		PolicyEnforcer enforcer = new PolicyEnforcer(file);
		rewrite(file, "\"volume:delete\": \"role:admin\"\n", "2026-01-01T00:00:01Z");
		assertThat(enforcer.reloadIfChanged()).isTrue();
		assertThat(enforcer.check("volume:delete", ADMIN, P2)).isTrue();
	}

	/** Without a file there is nothing to reload. */
	@Test
	void enforcerWithoutFileNeverReloads() {
		assertThat(DEFAULTS.reloadIfChanged()).isFalse();
	}

	private static Map<String, Boolean> decisions(PolicyEnforcer enforcer, String rule) {
		Map<String, Boolean> decisions = new LinkedHashMap<>();
		decisions.put("admin", enforcer.check(rule, ADMIN, P2));
		decisions.put("member", enforcer.check(rule, MEMBER, P1));
		decisions.put("member on P2", enforcer.check(rule, MEMBER, P2));
		decisions.put("reader", enforcer.check(rule, READER, P1));
		decisions.put("no roles", enforcer.check(rule, NO_ROLES, P1));
		return decisions;
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.dir.resolve(name), content);
	}

	private static void rewrite(Path file, String content, String modified) throws IOException {
		Files.writeString(file, content);
		Files.setLastModifiedTime(file, FileTime.from(Instant.parse(modified)));
	}

}
