package io.basalt.rpc;

/**
 * A message could not be handed to the broker within the transport's retry bound (oslo's
 * {@code MessageDeliveryFailure}). Raised to the caller instead of dropping the message; a kind of
 * {@link BrokerUnavailable}.
 */
public class DeliveryFailure extends BrokerUnavailable {

	public DeliveryFailure(String message, Throwable cause) {
		super(message, cause);
	}

}
