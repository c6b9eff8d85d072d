package io.basalt.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A fresh RabbitMQ virtual host created for one caller by {@link TestServices#rabbitVhost()}, on which the user has
 * full permissions. {@link #close()} deletes it. Immutable; methods may be called from any thread.
 *
 * @param host broker host name
 * @param port AMQP port
 * @param username AMQP user
 * @param password that user's password
 * @param vhost the vhost name, {@code basalt_test_<hex>}
 */
public record RabbitVhost(String host, int port, String username, String password, String vhost)
		implements AutoCloseable {

	/** {@code amqp://user:pass@host:port/vhost}, each part URL-encoded. */
	public String uri() {
		return "amqp://" + enc(this.username) + ":" + enc(this.password) + "@" + this.host + ":" + this.port + "/"
				+ enc(this.vhost);
	}

	/**
	 * Drops every client connection of this vhost on the broker, like
	 * {@code rabbitmqctl close_all_connections -p <vhost> <reason>}, and returns once the broker lists none.
	 */
	public void closeAllConnections(String reason) {
		TestServices.vhostAdmin(this).closeAllConnections(this.vhost, reason);
	}

	/**
	 * Makes the broker unreachable for this vhost's user without touching the broker itself: its permissions are
	 * cleared (no new connection is accepted) and its open connections closed. {@link #restoreAccess()} undoes it.
	 */
	public void revokeAccess() {
		TestServices.vhostAdmin(this).setAccess(this.vhost, this.username, false);
		closeAllConnections("access revoked by a test");
	}

	/** Gives this vhost's user its permissions back (clients reconnect by themselves). */
	public void restoreAccess() {
		TestServices.vhostAdmin(this).setAccess(this.vhost, this.username, true);
	}

	/** How many client connections the broker currently lists for this vhost. */
	public int connectionCount() {
		return TestServices.vhostAdmin(this).connectionCount(this.vhost);
	}

	/** Deletes the vhost with its queues, exchanges and connections. */
	@Override
	public void close() {
		TestServices.deleteVhost(this);
	}

	private static String enc(String part) {
		return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
