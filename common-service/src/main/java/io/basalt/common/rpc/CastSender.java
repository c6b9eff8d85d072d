package io.basalt.common.rpc;

import io.basalt.rpc.EncodedCast;
import io.basalt.rpc.Rpc;

/**
 * Where the typed RPC stubs ({@link io.basalt.common.volume.VolumeRpcApi},
 * {@link io.basalt.common.scheduler.SchedulerRpcApi}) hand their casts once encoded. The scheduler and the volume
 * service send them at once ({@link #direct}); the api replaces this with its transactional outbox, which stores
 * the cast in the transaction of the change it announces and sends it after the commit. Calls (which need a reply)
 * never come here.
 */
@FunctionalInterface
public interface CastSender {

	/** Sends, or takes responsibility for sending, {@code cast}. */
	void send(EncodedCast cast);

	/** Publishes every cast at once through {@code rpc}. */
	static CastSender direct(Rpc rpc) {
		return rpc::sendCast;
	}

}
