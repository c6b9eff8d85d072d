package io.basalt.testing;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A RabbitMQ broker on which the harness may create vhosts. Immutable and thread-safe (the admin is).
 *
 * @param host broker host name
 * @param port AMQP port
 * @param username AMQP user that receives permissions on each new vhost
 * @param password that user's password
 * @param admin how vhosts are created, deleted and emptied of connections
 * @param origin where the broker was found, for logs and error messages
 */
record RabbitBroker(String host, int port, String username, String password, VhostAdmin admin, String origin) {

	/** Creates a vhost with a fresh name and full permissions for the user. */
	RabbitVhost createVhost() {
		byte[] bytes = new byte[6];
		ThreadLocalRandom.current().nextBytes(bytes);
		String name = "basalt_test_" + HexFormat.of().formatHex(bytes);
		try {
			this.admin.createVhost(name, this.username);
		}
		catch (RuntimeException ex) {
			throw new TestServiceUnavailableException(
					"Could not create vhost " + name + " on " + this.origin + ": " + ex.getMessage(), ex);
		}
		return new RabbitVhost(this.host, this.port, this.username, this.password, name);
	}

}
