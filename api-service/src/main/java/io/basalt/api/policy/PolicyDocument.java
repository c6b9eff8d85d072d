package io.basalt.api.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads an oslo.policy document, {@code policy.yaml} or {@code policy.json} (YAML reads both), into parsed,
 * unlinked rules. A document is a mapping of rule names to check strings; oslo.policy's legacy list form (a list
 * of alternatives, each a check or a list of checks that must all pass) is read too. An empty document has no
 * rules. Stateless.
 */
final class PolicyDocument {

	private PolicyDocument() {
	}

	/**
	 * Parses a document.
	 * @param source the file or resource name, for messages
	 * @param content the text of the document
	 * @throws PolicyLoadException naming the source (and the rule, if one is at fault) when the document is not
	 * a mapping of rule names to valid check strings
	 */
	static Map<String, Check> parse(String source, String content) {
		Object document;
		try {
			document = yaml().load(content);
		}
		catch (YAMLException ex) {
			throw new PolicyLoadException("Cannot read policy file " + source + ": " + ex.getMessage(), ex);
		}
		if (document == null) {
			return Map.of();
		}
		if (!(document instanceof Map<?, ?> entries)) {
			throw new PolicyLoadException(
					"Policy file " + source + " must be a mapping of rule names to check strings");
		}
		Map<String, Check> rules = new LinkedHashMap<>();
		for (Map.Entry<?, ?> entry : entries.entrySet()) {
			if (!(entry.getKey() instanceof String name)) {
				throw new PolicyLoadException(
						"Policy file " + source + " has a rule name that is not a string: " + entry.getKey());
			}
			try {
				rules.put(name, check(name, entry.getValue()));
			}
			catch (PolicyParseException ex) {
				throw new PolicyLoadException("Policy file " + source + ": " + ex.getMessage(), ex);
			}
		}
		return rules;
	}

	private static Yaml yaml() {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		options.setMaxAliasesForCollections(10);
		return new Yaml(new SafeConstructor(options));
	}

	private static Check check(String name, Object value) {
		return switch (value) {
			case String text -> PolicyParser.parse(name, text);
			case List<?> alternatives -> alternatives(name, alternatives);
			case null -> throw new PolicyParseException(name, "", 0,
					"no check string (write \"\" or \"@\" to allow everyone)");
			default -> throw new PolicyParseException(name, String.valueOf(value), 0,
					"a check string must be a string, not " + value.getClass().getSimpleName());
		};
	}

	/** oslo.policy's list form: any alternative passes; an alternative is a check or a list of checks. */
	private static Check alternatives(String name, List<?> alternatives) {
		if (alternatives.isEmpty()) {
			return new Check.TrueCheck();
		}
		List<Check> any = new ArrayList<>();
		for (Object alternative : alternatives) {
			List<?> all = (alternative instanceof List<?> list) ? list : Collections.singletonList(alternative);
			if (all.isEmpty()) {
				continue;
			}
			List<Check> checks = new ArrayList<>();
			for (Object item : all) {
				if (!(item instanceof String text)) {
					throw new PolicyParseException(name, String.valueOf(item), 0,
							"an item of a list rule must be a string");
				}
				checks.add(PolicyParser.parse(name, text));
			}
			any.add((checks.size() == 1) ? checks.getFirst() : new Check.And(checks));
		}
		if (any.isEmpty()) {
			return new Check.FalseCheck();
		}
		return (any.size() == 1) ? any.getFirst() : new Check.Or(any);
	}

}
