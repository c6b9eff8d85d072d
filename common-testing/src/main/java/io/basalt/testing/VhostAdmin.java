package io.basalt.testing;

/**
 * Administers RabbitMQ virtual hosts for the harness. Implementations are blocking: each method returns once the
 * broker has done the work, or throws. Implementations are thread-safe.
 */
interface VhostAdmin {

	/** Creates the vhost and grants the user configure, write and read on everything in it. */
	void createVhost(String vhost, String user);

	/**
	 * Grants ({@code granted}) or takes away every permission of the user on the vhost, like
	 * {@code rabbitmqctl set_permissions} / {@code clear_permissions}: without them the user cannot open a
	 * connection to the vhost (connections already open are not closed).
	 */
	void setAccess(String vhost, String user, boolean granted);

	/** Deletes the vhost (and with it its queues, exchanges and connections); a missing vhost is not an error. */
	void deleteVhost(String vhost);

	/** Closes every client connection of the vhost and waits until the broker lists none. */
	void closeAllConnections(String vhost, String reason);

	/** The number of client connections the broker lists for the vhost. */
	int connectionCount(String vhost);

	/** A short description, e.g. "rabbitmqctl (/usr/sbin/rabbitmqctl)". */
	String describe();

}
