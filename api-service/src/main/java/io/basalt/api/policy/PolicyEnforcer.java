package io.basalt.api.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a caller may do what a policy rule names, as oslo.policy's enforcer does for Cinder: Cinder
 * Zed's default rules (the classpath resource {@value #DEFAULTS}), each replaced by the rule of the same name in
 * an operator's override file when one is set (oslo.policy's {@code policy.yaml} or {@code policy.json}).
 * <p>
 * Every check string is parsed and every {@code rule:} reference linked when the rules are loaded, so a check is
 * one map lookup and a walk of a small tree. A malformed file, a malformed check string or a cycle of references
 * fails construction; a reference to a missing rule is logged as a warning and that check fails.
 * {@link #reloadIfChanged()} reloads a changed file; a file that does not load is logged and the rules in force
 * stay.
 * <p>
 * Thread-safe: the rules in force are one immutable object behind a volatile field, swapped whole on reload, so a
 * check sees either the old rules or the new ones. Reloads are serialized.
 */
public final class PolicyEnforcer {

	/** The classpath resource of the default rules. */
	public static final String DEFAULTS = "policy/cinder-default-policy.yaml";

	private static final Logger log = LoggerFactory.getLogger(PolicyEnforcer.class);

	/** The size and modification time of the file: a change of either means the file changed. */
	private record Stamp(FileTime modified, long size) {

		/** The stamp of a file whose attributes cannot be read (so that is logged once, not at every poll). */
		static final Stamp UNREADABLE = new Stamp(FileTime.fromMillis(Long.MIN_VALUE), -1);

	}

	private final Map<String, Check> defaults;

	private final Path file;

	private volatile PolicyRules rules;

	/** The stamp of the file last read, successfully or not (guarded by this). */
	private Stamp lastRead;

	/**
	 * Loads the default rules and, when {@code file} is not null, the operator's overrides.
	 * @throws PolicyLoadException naming the file and rule if the rules cannot be put in force
	 */
	public PolicyEnforcer(Path file) {
		this(readDefaults(), file);
	}

	PolicyEnforcer(Map<String, Check> defaults, Path file) {
		this.defaults = Map.copyOf(defaults);
		this.file = file;
		if (file == null) {
			this.rules = link(this.defaults, DEFAULTS);
			log.info("Policy: the {} default rules of {}", this.rules.names().size(), DEFAULTS);
			return;
		}
		Stamp stamp = stamp(file);
		if (stamp == null || stamp == Stamp.UNREADABLE) {
			throw new PolicyLoadException("Policy file " + file + " does not exist or cannot be read");
		}
		this.lastRead = stamp;
		this.rules = load();
	}

	/** An enforcer of the default rules alone. */
	public static PolicyEnforcer withDefaults() {
		return new PolicyEnforcer(null);
	}

	/**
	 * Whether the credentials pass the rule for the target (the resource's attributes, such as
	 * {@code project_id}; Cinder passes the resource's project). A name that is not a rule is checked with the
	 * rule {@code default} if there is one, else denied, as in oslo.policy. Never throws for a missing target key.
	 */
	public boolean check(String rule, Credentials credentials, Map<String, String> target) {
		Objects.requireNonNull(rule, "rule");
		Objects.requireNonNull(credentials, "credentials");
		return this.rules.check(rule, credentials, (target != null) ? target : Map.of());
	}

	/**
	 * Whether the caller is an admin as Cinder's request context decides ({@code context.is_admin}): rule
	 * {@code context_is_admin} against a target of the caller's own project and user.
	 */
	public boolean isAdmin(Credentials credentials) {
		return this.rules.isAdmin(Objects.requireNonNull(credentials, "credentials"));
	}

	/** The names of the rules in force (defaults and the file's own). */
	public Set<String> ruleNames() {
		return this.rules.names();
	}

	/** The rules in force. */
	PolicyRules rules() {
		return this.rules;
	}

	/** The override file, or null. */
	public Path file() {
		return this.file;
	}

	/**
	 * Re-reads the override file if its size or modification time changed since it was last read, and puts its
	 * rules in force. A file that fails to load (or has disappeared) is logged, once per change, and the rules in
	 * force stay.
	 * @return whether new rules are in force
	 */
	public synchronized boolean reloadIfChanged() {
		if (this.file == null) {
			return false;
		}
		Stamp stamp = stamp(this.file);
		if (Objects.equals(stamp, this.lastRead)) {
			return false;
		}
		this.lastRead = stamp;
		if (stamp == null || stamp == Stamp.UNREADABLE) {
			log.warn("Policy file {} has disappeared or cannot be read; the rules in force stay", this.file);
			return false;
		}
		try {
			this.rules = load();
			return true;
		}
		catch (RuntimeException ex) {
			// whatever went wrong, the rules in force stay: a bad edit must not open or close the API
			log.error("Policy file {} changed but cannot be loaded; the rules in force stay: {}", this.file,
					ex.getMessage());
			return false;
		}
	}

	/** Reads the file and links its rules over the defaults. */
	private PolicyRules load() {
		String content;
		try {
			content = Files.readString(this.file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new PolicyLoadException("Cannot read policy file " + this.file + ": " + ex, ex);
		}
		Map<String, Check> overrides = PolicyDocument.parse(this.file.toString(), content);
		Map<String, Check> merged = new HashMap<>(this.defaults);
		merged.putAll(overrides);
		PolicyRules loaded = link(merged, "policy file " + this.file);
		log.info("Policy file {} loaded: {} rules in force, {} from the file", this.file, loaded.names().size(),
				overrides.size());
		return loaded;
	}

	private static PolicyRules link(Map<String, Check> parsed, String source) {
		PolicyRules linked = PolicyRules.link(parsed, source);
		linked.warnings().forEach(log::warn);
		return linked;
	}

	private static Stamp stamp(Path file) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			return new Stamp(attributes.lastModifiedTime(), attributes.size());
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (IOException ex) {
			log.debug("Cannot read the attributes of policy file {}", file, ex);
			return Stamp.UNREADABLE;
		}
	}

	/** Parses the default rules from the classpath. */
	static Map<String, Check> readDefaults() {
		try (InputStream in = PolicyEnforcer.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
			if (in == null) {
				throw new PolicyLoadException("The default policy " + DEFAULTS + " is not on the classpath");
			}
			return PolicyDocument.parse(DEFAULTS, new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the default policy " + DEFAULTS, ex);
		}
	}

}
