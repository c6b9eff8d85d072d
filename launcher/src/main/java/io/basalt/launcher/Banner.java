package io.basalt.launcher;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code bin/stack up} prints once the stack is ready: the endpoints, the operator page on the management
 * port, where the state lives, and how to try it — the {@code cinder} CLI in noauth, or the {@code openstack} CLI
 * with a password when the api validates Keystone tokens ({@code BASALT_API_AUTH_STRATEGY=keystone}).
 */
final class Banner {

	private final Settings settings;

	private final String dbUrl;

	private final boolean embeddedDatabase;

	private final Settings.ExternalBroker amqp;

	private final boolean embeddedBroker;

	private final Map<String, String> env;

	Banner(Settings settings, String dbUrl, boolean embeddedDatabase, Settings.ExternalBroker amqp,
			boolean embeddedBroker, Map<String, String> env) {
		this.settings = settings;
		this.dbUrl = dbUrl;
		this.embeddedDatabase = embeddedDatabase;
		this.amqp = amqp;
		this.embeddedBroker = embeddedBroker;
		this.env = env;
	}

	String text(double seconds) {
		Settings s = this.settings;
		String endpoint = "http://127.0.0.1:" + s.apiPort() + "/v3";
		StringBuilder sb = new StringBuilder();
		sb.append('\n')
			.append(String.format(Locale.ROOT, "Basalt is up in %.1f s: %s/   (Ctrl-C stops everything)%n", seconds,
					endpoint));
		sb.append("  services: api :").append(s.apiPort());
		for (int i = 0; i < s.schedulerPorts().size(); i++) {
			sb.append(", scheduler-").append(i + 1).append(" :").append(s.schedulerPorts().get(i));
		}
		sb.append(", ").append(Launcher.VOLUME_HOST).append(" :").append(s.volumePort()).append(" (backends ")
			.append(String.join(", ", Launcher.BACKENDS)).append(")\n");
		sb.append("  auth:      ").append(keystone() ? "keystone " + this.env.get("BASALT_API_AUTH_KEYSTONE_URL")
				: "noauth (development only: the token is user:project)").append('\n');
		sb.append("  dashboard: http://127.0.0.1:").append(s.apiManagementPort())
			.append("/dashboard   (metrics: /actuator/prometheus on the same port)\n");
		sb.append("  database:  ").append(this.dbUrl).append(this.embeddedDatabase ? " (embedded)" : "").append('\n');
		sb.append("  broker:    amqp://").append(this.amqp.host()).append(':').append(this.amqp.port())
			.append(this.embeddedBroker ? " (embedded)" : "").append('\n');
		sb.append("  logs:      ").append(relative(s.logDir())).append("/\n\n");
		if (keystone()) {
			sb.append("Try it with the openstack CLI (Debian package python3-openstackclient), e.g.:\n");
			sb.append("  export OS_AUTH_URL=").append(this.env.get("BASALT_API_AUTH_KEYSTONE_URL"))
				.append(" OS_USERNAME=<user> OS_PASSWORD=<password> OS_PROJECT_NAME=<project>\n");
			sb.append("  export OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default OS_IDENTITY_API_VERSION=3\n");
			sb.append("  openstack volume create --size 1 first && openstack volume list\n");
			return sb.toString();
		}
		sb.append("Try it with the cinder CLI (Debian package python3-cinderclient):\n");
		sb.append("  export OS_AUTH_TYPE=noauth OS_VOLUME_API_VERSION=3.70\n");
		sb.append("  cinder --user-id demo --project-id demo --endpoint ").append(endpoint)
			.append(" create --name first 1\n");
		sb.append("  cinder --user-id demo --project-id demo --endpoint ").append(endpoint).append(" list\n");
		sb.append("or with curl:\n");
		sb.append("  curl -H 'X-Auth-Token: admin:demo' ").append(endpoint).append("/demo/volumes/detail\n");
		return sb.toString();
	}

	private boolean keystone() {
		return "keystone".equalsIgnoreCase(this.env.getOrDefault("BASALT_API_AUTH_STRATEGY", "noauth").trim());
	}

	/** {@code p} relative to the working directory if it lies below it (shorter log lines). */
	static String relative(Path p) {
		Path cwd = Path.of("").toAbsolutePath();
		return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
	}

}
