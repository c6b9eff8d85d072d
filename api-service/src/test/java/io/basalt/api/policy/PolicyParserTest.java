package io.basalt.api.policy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PolicyParserTest {

	private static final Credentials MEMBER = new Credentials("u1", "p1", "d1", "d2", List.of("Member", "reader"),
			null, true);

	/** Precedence (not, then and, then or), parentheses and keyword case, shown by oslo's rendering. */
	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			""                                                        | @
			@                                                         | @
			!                                                         | !
			role:admin                                                | role:admin
			role:a or role:b and role:c                               | (role:a or (role:b and role:c))
			role:a and role:b or role:c                               | ((role:a and role:b) or role:c)
			role:a or role:b or role:c and role:d and role:e          | (role:a or role:b or (role:c and role:d and role:e))
			(role:a or role:b) and role:c                             | ((role:a or role:b) and role:c)
			not role:a and role:b                                     | (not role:a and role:b)
			not role:a or role:b                                      | (not role:a or role:b)
			not (role:a and role:b)                                   | not (role:a and role:b)
			not not role:a                                            | not not role:a
			NOT role:a AND role:b Or role:c                           | ((not role:a and role:b) or role:c)
			((role:a))                                                | role:a
			(role:a or (role:b and (role:c or role:d)))               | (role:a or (role:b and (role:c or role:d)))
			"  role:a \t or   role:b  "                               | (role:a or role:b)
			rule:volume:get                                           | rule:volume:get
			is_admin:True or (role:admin and is_admin_project:True)   | (is_admin:True or (role:admin and is_admin_project:True))
			project_id:%(project_id)s                                 | project_id:%(project_id)s
			'member':%(role)s                                         | 'member':%(role)s
			project_id:vol-%(id)s-%(n)s                               | project_id:vol-%(id)s-%(n)s
			user_id:50%%                                              | user_id:50%%
			""")
	void parsesWithOsloPrecedence(String text, String rendered) {
		assertThat(PolicyParser.parse("r", text)).hasToString(rendered);
	}

	/** Each kind of check becomes its own record, with target substitutions and literals told apart. */
	@Test
	void buildsTheTreeOfEachKindOfCheck() {
		assertThat(PolicyParser.parse("r", "role:admin")).isEqualTo(new Check.RoleCheck(new Operand.Literal("admin")));
		assertThat(PolicyParser.parse("r", "project_id:%(project_id)s")).isEqualTo(new Check.GenericCheck(
				new Operand.CredentialField("project_id"), new Operand.TargetField("project_id")));
		assertThat(PolicyParser.parse("r", "'x':%(y)s"))
			.isEqualTo(new Check.GenericCheck(new Operand.Literal("x"), new Operand.TargetField("y")));
		assertThat(PolicyParser.parse("r", "\"x\":%(y)s"))
			.isEqualTo(new Check.GenericCheck(new Operand.Literal("x"), new Operand.TargetField("y")));
		assertThat(PolicyParser.parse("r", "True:%(enabled)s"))
			.isEqualTo(new Check.GenericCheck(new Operand.Literal("True"), new Operand.TargetField("enabled")));
		assertThat(PolicyParser.parse("r", "rule:admin_api")).isEqualTo(new Check.RuleCheck("admin_api"));
		assertThat(PolicyParser.parse("r", "is_admin:False")).isEqualTo(new Check.IsAdminCheck(false));
		assertThat(PolicyParser.parse("r", "is_admin:true")).isEqualTo(new Check.GenericCheck(
				new Operand.CredentialField("is_admin"), new Operand.Literal("true")));
		assertThat(PolicyParser.parse("r", "role:a and role:b or !"))
			.isEqualTo(new Check.Or(List.of(new Check.And(List.of(new Check.RoleCheck(new Operand.Literal("a")),
					new Check.RoleCheck(new Operand.Literal("b")))), new Check.FalseCheck())));
	}

	/**
	 * Evaluation against a member of p1 (roles Member, reader; user domain d1, project domain d2); a missing target
	 * key fails, never throws. domain_id is a domain-scoped token's domain, which project tokens lack.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			""                                                        |                          | true
			@                                                         |                          | true
			!                                                         |                          | false
			role:member                                               |                          | true
			role:MEMBER                                               |                          | true
			role:admin                                                |                          | false
			not role:admin                                            |                          | true
			not role:member                                           |                          | false
			role:admin or role:member                                 |                          | true
			role:admin and role:member                                |                          | false
			role:admin or role:member and project_id:%(project_id)s   | project_id=p1            | true
			role:admin or role:member and project_id:%(project_id)s   | project_id=p2            | false
			(role:admin or role:member) and project_id:%(project_id)s | project_id=p2            | false
			not role:admin and project_id:%(project_id)s              | project_id=p1            | true
			not (role:member and project_id:%(project_id)s)           | project_id=p1            | false
			project_id:%(project_id)s                                 |                          | false
			project_id:%(project_id)s                                 | user_id=u1               | false
			user_id:%(user_id)s                                       | user_id=u1               | true
			project_id:p%(n)s                                         | n=1                      | true
			project_id:p%(n)s                                         | m=1                      | false
			'p1':%(project_id)s                                       | project_id=p1            | true
			'p1':%(project_id)s                                       | project_id=p2            | false
			role:%(role)s                                             | role=READER              | true
			roles:Member                                              |                          | true
			roles:member                                              |                          | false
			is_admin_project:True                                     |                          | true
			is_admin_project:False                                    |                          | false
			system_scope:all                                          |                          | false
			user_domain_id:d1                                         |                          | true
			project_domain_id:d2                                      |                          | true
			domain_id:%(domain_id)s                                   | domain_id=d2             | false
			no_such_attribute:x                                       |                          | false
			rule:unlinked                                             |                          | false
			is_admin:True                                             |                          | false
			is_admin:False                                            |                          | false
			""")
	void evaluatesAgainstCredentialsAndTarget(String text, String target, boolean expected) {
		assertThat(PolicyParser.parse("r", text).matches(MEMBER, target(target))).isEqualTo(expected);
	}

	/** A malformed string fails with the rule, the position and what was expected there. */
	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			role:admin and             | 14 | expected a check after 'and' but the string ended
			not                        | 3  | expected a check after 'not'
			role:admin or or role:b    | 14 | expected a check, '(' or 'not' but found 'or'
			and role:a                 | 0  | expected a check, '(' or 'not' but found 'and'
			()                         | 1  | expected a check, '(' or 'not' but found ')'
			(role:admin                | 0  | '(' is never closed
			(role:a or (role:b)        | 0  | '(' is never closed
			role:admin)                | 10 | unbalanced ')'
			role:a role:b              | 7  | expected 'and', 'or' or the end but found 'role:b'
			role:a or(role:b)          | 7  | expected 'and', 'or' or the end but found 'or(role:b'
			admin                      | 0  | expected kind:match
			:admin                     | 0  | missing the kind
			role:                      | 5  | missing the match
			project_id:%(project_id    | 11 | a substitution must read %(key)s
			project_id:%(project_id)d  | 11 | a substitution must read %(key)s
			project_id:%()s            | 11 | a substitution must read %(key)s
			user_id:50%                | 10 | a '%' must start %(key)s or be doubled
			'x:%(y)s                   | 0  | unterminated quoted literal
			https://policy.example.com | 0  | remote https: checks are not supported
			"   "                      | 0  | blank check string
			""")
	void rejectsMalformedStrings(String text, int position, String reason) {
		assertThatExceptionOfType(PolicyParseException.class).isThrownBy(() -> PolicyParser.parse("volume:get", text))
			.satisfies(ex -> {
				assertThat(ex.rule()).isEqualTo("volume:get");
				assertThat(ex.position()).isEqualTo(position);
			})
			.withMessageStartingWith("Invalid check string of policy rule \"volume:get\" at position " + position)
			.withMessageContaining(reason);
	}

	static Map<String, String> target(String spec) {
		Map<String, String> target = new HashMap<>();
		if (spec != null) {
			Arrays.stream(spec.split(";")).map(pair -> pair.split("=", 2)).forEach(kv -> target.put(kv[0], kv[1]));
		}
		return target;
	}

}
