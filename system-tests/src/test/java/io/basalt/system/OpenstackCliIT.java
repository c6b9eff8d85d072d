package io.basalt.system;

import static io.basalt.system.SystemTestSupport.newProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real {@code openstack} CLI (python3-openstackclient 6.0, Zed) against the stack, unmodified, in noauth
 * mode: keystoneauth's {@code admin_token} plugin sends a fixed token ({@code user:project}, what Basalt's
 * noauth trusts) to a fixed endpoint, so no Keystone is involved:
 * <pre>
 * OS_VOLUME_API_VERSION=3.70 openstack --os-auth-type admin_token --os-token cli:P \
 *     --os-endpoint http://127.0.0.1:&lt;port&gt;/v3/P volume qos list -f json
 * </pre>
 * Each command must exit 0; answers are read as the CLI's JSON output ({@code -f json}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class OpenstackCliIT {

	static final Path OPENSTACK = Path.of("/usr/bin/openstack");

	static final JsonMapper JSON = JsonMapper.builder().build();

	BasaltStack stack;

	@BeforeAll
	void startStack() {
		if (!Files.isExecutable(OPENSTACK)) {
			fail(OPENSTACK + " is missing: install python3-openstackclient (deploy/keystone/install.sh does it)");
		}
		this.stack = BasaltStack.builder(getClass().getSimpleName()).volume("vol1", Backend.fake("fake", 1000)).start();
	}

	@AfterAll
	void stopStack() {
		if (this.stack != null) {
			this.stack.close();
		}
	}

	record Run(int exit, String out) {
	}

	/** Runs {@code openstack <args>} as {@code cli:<project>} (an admin in noauth); stdout and stderr together. */
	Run openstack(String project, String... args) {
		List<String> cmd = new ArrayList<>(List.of(OPENSTACK.toString(), "--os-auth-type", "admin_token",
				"--os-token", "cli:" + project, "--os-endpoint", this.stack.apiBaseUrl() + "/v3/" + project));
		cmd.addAll(List.of(args));
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
		pb.environment().keySet().removeIf(k -> k.startsWith("OS_"));
		pb.environment().put("OS_VOLUME_API_VERSION", "3.70");
		try {
			Process p = pb.start();
			byte[] out = p.getInputStream().readAllBytes();
			if (!p.waitFor(90, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				throw new AssertionError("openstack " + String.join(" ", args) + " did not finish in 90 s");
			}
			return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new AssertionError("cannot run " + cmd, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Runs a command that must succeed and returns its output. */
	String ok(String project, String... args) {
		Run r = openstack(project, args);
		assertThat(r.exit()).as("exit code of `openstack %s`; output:%n%s", String.join(" ", args), r.out())
			.isZero();
		return r.out();
	}

	/** Runs a command with {@code -f json} that must succeed; its JSON answer. */
	JsonNode json(String project, String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("-f", "json"));
		String out = ok(project, all.toArray(String[]::new));
		// keystoneauth or cliff may print a warning line before the document
		int start = Math.min(out.indexOf('{') < 0 ? out.length() : out.indexOf('{'),
				out.indexOf('[') < 0 ? out.length() : out.indexOf('['));
		return JSON.readTree(out.substring(start));
	}

	/** create, set, unset, associate, show, list, disassociate and delete of QoS specs. */
	@Test
	void qosSpecsLifecycle() {
		String project = newProject();
		String qosName = "qos-" + project.substring(0, 8);
		String typeName = "qos-type-" + project.substring(0, 8);
		JsonNode created = json(project, "volume", "qos", "create", "--consumer", "both", "--property",
				"read_iops_sec=100", "--property", "total_bytes_sec=2048", qosName);
		assertThat(created.path("name").asString()).isEqualTo(qosName);
		assertThat(created.path("consumer").asString()).isEqualTo("both");
		assertThat(created.path("properties").path("read_iops_sec").asString()).isEqualTo("100");
		String qosId = created.path("id").asString();

		String typeId = json(project, "volume", "type", "create", typeName).path("id").asString();
		ok(project, "volume", "qos", "associate", qosName, typeName);
		ok(project, "volume", "qos", "set", "--property", "write_iops_sec=5", qosName);
		ok(project, "volume", "qos", "unset", "--property", "read_iops_sec", qosName);

		JsonNode shown = json(project, "volume", "qos", "show", qosId);
		assertThat(shown.path("properties").path("write_iops_sec").asString()).isEqualTo("5");
		assertThat(shown.path("properties").path("total_bytes_sec").asString()).isEqualTo("2048");
		assertThat(shown.path("properties").has("read_iops_sec")).isFalse();
		assertThat(shown.path("associations").toString()).contains(typeName);
		// the admin type view carries the association
		assertThat(json(project, "volume", "type", "show", typeId).path("qos_specs_id").asString()).isEqualTo(qosId);

		JsonNode listed = json(project, "volume", "qos", "list");
		JsonNode row = null;
		for (JsonNode r : listed) {
			if (qosId.equals(r.path("ID").asString())) {
				row = r;
			}
		}
		assertThat(row).as("qos %s in %s", qosId, listed).isNotNull();
		assertThat(row.path("Associations").toString()).contains(typeName);

		// deleting specs still associated is refused without --force
		Run refused = openstack(project, "volume", "qos", "delete", qosName);
		assertThat(refused.exit()).as(refused.out()).isNotZero();

		ok(project, "volume", "qos", "disassociate", "--volume-type", typeName, qosName);
		assertThat(json(project, "volume", "qos", "show", qosId).path("associations").toString())
			.doesNotContain(typeName);
		assertThat(json(project, "volume", "type", "show", typeId).path("qos_specs_id").isNull()).isTrue();

		ok(project, "volume", "qos", "associate", qosName, typeName);
		ok(project, "volume", "qos", "disassociate", "--all", qosName);
		assertThat(json(project, "volume", "type", "show", typeId).path("qos_specs_id").isNull()).isTrue();
		ok(project, "volume", "qos", "associate", qosName, typeName);
		ok(project, "volume", "qos", "delete", "--force", qosName);
		assertThat(ok(project, "volume", "qos", "list")).doesNotContain(qosId);
		assertThat(openstack(project, "volume", "qos", "show", qosId).exit()).isNotZero();
		ok(project, "volume", "type", "delete", typeName);
	}

	/** {@code volume type create/set/show/unset} with the {@code --encryption-*} options. */
	@Test
	void encryptionTypeLifecycle() {
		String project = newProject();
		String typeName = "enc-" + project.substring(0, 8);
		JsonNode created = json(project, "volume", "type", "create", "--encryption-provider", "luks",
				"--encryption-cipher", "aes-xts-plain64", "--encryption-key-size", "256",
				"--encryption-control-location", "front-end", "--description", "encrypted", typeName);
		assertThat(created.path("name").asString()).isEqualTo(typeName);
		assertThat(created.path("description").asString()).isEqualTo("encrypted");
		assertThat(created.path("encryption").path("provider").asString()).isEqualTo("luks");
		assertThat(created.path("encryption").path("key_size").asString()).isEqualTo("256");
		String typeId = created.path("id").asString();

		ok(project, "volume", "type", "set", "--encryption-key-size", "512", "--encryption-cipher", "aes-cbc",
				"--encryption-control-location", "back-end", typeName);
		JsonNode encryption = json(project, "volume", "type", "show", "--encryption-type", typeId).path("encryption");
		assertThat(encryption.path("provider").asString()).isEqualTo("luks");
		assertThat(encryption.path("cipher").asString()).isEqualTo("aes-cbc");
		assertThat(encryption.path("key_size").asString()).isEqualTo("512");
		assertThat(encryption.path("control_location").asString()).isEqualTo("back-end");
		assertThat(encryption.path("encryption_id").asString()).matches("[0-9a-f-]{36}");

		ok(project, "volume", "type", "unset", "--encryption-type", typeName);
		JsonNode unset = json(project, "volume", "type", "show", "--encryption-type", typeId);
		assertThat(unset.path("encryption").isEmpty()).as("encryption after unset: %s", unset).isTrue();

		// set on a type without encryption creates it (the CLI's update fails first, then it creates)
		ok(project, "volume", "type", "set", "--encryption-provider", "luks", "--encryption-control-location",
				"front-end", typeName);
		assertThat(json(project, "volume", "type", "show", "--encryption-type", typeName).path("encryption")
			.path("control_location")
			.asString()).isEqualTo("front-end");
		String listed = ok(project, "volume", "type", "list", "--encryption-type", "--long");
		assertThat(listed).contains(typeName).contains("provider='luks'");

		// a bad control location is the API's 400, and changes nothing
		Run bad = openstack(project, "volume", "type", "set", "--encryption-control-location", "sideways", typeName);
		assertThat(bad.exit()).isNotZero();
		assertThat(json(project, "volume", "type", "show", "--encryption-type", typeName).path("encryption")
			.path("control_location")
			.asString()).isEqualTo("front-end");
		ok(project, "volume", "type", "delete", typeName);
	}

}
