package io.basalt.scheduler.manager;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.rpc.RpcMethod;

/** A volume backend's RPC endpoint that records what the scheduler sends it. Thread-safe. */
public class FakeVolumeEndpoint {

	public final BlockingQueue<Created> created = new LinkedBlockingQueue<>();

	final BlockingQueue<Extended> extended = new LinkedBlockingQueue<>();

	final AtomicInteger publishRequests = new AtomicInteger();

	public record Created(String volumeId, String host, RequestSpec requestSpec, FilterProperties filterProperties) {
	}

	record Extended(String volumeId, int newSize) {
	}

	@RpcMethod
	public void createVolume(String volumeId, String host, RequestSpec requestSpec,
			FilterProperties filterProperties) {
		this.created.add(new Created(volumeId, host, requestSpec, filterProperties));
	}

	@RpcMethod
	public void extendVolume(String volumeId, int newSize) {
		this.extended.add(new Extended(volumeId, newSize));
	}

	@RpcMethod
	public void publishServiceCapabilities() {
		this.publishRequests.incrementAndGet();
	}

}
