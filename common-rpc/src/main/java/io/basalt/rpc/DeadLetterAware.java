package io.basalt.rpc;

import tools.jackson.databind.node.ObjectNode;

/**
 * An endpoint bean that wants to know when one of the casts addressed to it was dead-lettered (it kept failing, or
 * could not succeed), so that the resource the cast was about does not wait for work that will not happen: it puts
 * that resource into its error status with the reason. Called once per dead-lettered cast, on the consumer
 * thread, after the message was parked; it must not throw (what it throws is logged and ignored) and, like every
 * handler, must be idempotent.
 */
public interface DeadLetterAware {

	/**
	 * @param context the cast's context
	 * @param method the method name as on the wire ({@code create_volume})
	 * @param args the cast's keyword arguments as on the wire (snake_case)
	 * @param reason why it was dead-lettered
	 */
	void deadLettered(RequestContext context, String method, ObjectNode args, String reason);

}
