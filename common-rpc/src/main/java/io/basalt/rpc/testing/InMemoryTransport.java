package io.basalt.rpc.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.basalt.rpc.InvalidTarget;
import io.basalt.rpc.Target;
import io.basalt.rpc.transport.Listener;
import io.basalt.rpc.transport.MessageHandler;
import io.basalt.rpc.transport.Transport;
import io.basalt.rpc.wire.WireCodec;

/**
 * A {@link Transport} over an {@link InMemoryBroker}, with the same queue names and routing as the AMQP one
 * (topic queue, {@code topic.server} queue, a fanout queue per listener, one reply queue per transport). It
 * carries the encoded bytes, so every message still goes through the wire codec, as oslo's
 * {@code impl_fake}. Sends never drop a message: they complete at once, or wait for an unavailable broker
 * within the retry bound. Thread-safe.
 */
public final class InMemoryTransport implements Transport {

	private final InMemoryBroker broker;

	private final String defaultExchange;

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	private String replyQueue;

	private final java.util.Map<String, List<DeadLetter>> deadLetters = new java.util.concurrent.ConcurrentHashMap<>();

	private ExecutorService replyExecutor;

	public InMemoryTransport(InMemoryBroker broker, String defaultExchange) {
		this.broker = broker;
		this.defaultExchange = defaultExchange;
	}

	@Override
	public void send(Target target, byte[] body, Duration expiration, Duration retryBound) {
		long expiresAt = (expiration != null) ? System.nanoTime() + expiration.toNanos() : 0;
		long bound = retryBound.toNanos();
		if (target.fanout()) {
			this.broker.publish(target.topic() + "_fanout", "", body, expiresAt, bound);
		}
		else {
			String key = (target.server() != null) ? target.topic() + "." + target.server() : target.topic();
			String exchange = (target.exchange() != null) ? target.exchange() : this.defaultExchange;
			this.broker.publish(exchange, key, body, expiresAt, bound);
		}
	}

	@Override
	public void reply(String replyQueue, byte[] body) {
		this.broker.publish("", replyQueue, body, 0, Duration.ofSeconds(30).toNanos());
	}

	@Override
	public void deadLetter(String topic, byte[] body, String reason) {
		this.deadLetters.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(new DeadLetter(body, reason));
	}

	/** What was dead-lettered on {@code topic}, in order. */
	public List<DeadLetter> deadLettered(String topic) {
		return List.copyOf(this.deadLetters.getOrDefault(topic, List.of()));
	}

	/** A dead-lettered message and the reason given. */
	public record DeadLetter(byte[] body, String reason) {
	}

	@Override
	public synchronized String startReplies(MessageHandler handler) {
		if (this.replyQueue == null) {
			String name = "reply_" + WireCodec.newId();
			this.replyExecutor = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name(name).factory());
			this.broker.declareQueue(name);
			this.broker.subscribe(name, new InMemoryBroker.Subscriber(handler, this.replyExecutor));
			this.replyQueue = name;
		}
		return this.replyQueue;
	}

	@Override
	public Listener listen(Target target, int concurrency, MessageHandler handler) {
		if (target.server() == null) {
			throw new InvalidTarget("A listener needs a server name (topic " + target.topic() + ")");
		}
		String exchange = (target.exchange() != null) ? target.exchange() : this.defaultExchange;
		String topic = target.topic();
		String own = topic + "." + target.server();
		String fanoutQueue = topic + "_fanout_" + WireCodec.newId();
		ExecutorService executor = Executors.newFixedThreadPool(concurrency,
				Thread.ofPlatform().daemon().name("mem-rpc-" + own + "-", 0).factory());
		InMemoryBroker.Subscriber subscriber = new InMemoryBroker.Subscriber(handler, executor);
		this.broker.declareQueue(topic);
		this.broker.bind(exchange, topic, topic);
		this.broker.declareQueue(own);
		this.broker.bind(exchange, own, own);
		this.broker.declareQueue(fanoutQueue);
		this.broker.bind(topic + "_fanout", "", fanoutQueue);
		for (String queue : List.of(topic, own, fanoutQueue)) {
			this.broker.subscribe(queue, subscriber);
		}
		Listener listener = new Listener() {
			@Override
			public void close() {
				InMemoryTransport.this.listeners.remove(this);
				InMemoryTransport.this.broker.unsubscribe(topic, subscriber);
				InMemoryTransport.this.broker.unsubscribe(own, subscriber);
				InMemoryTransport.this.broker.deleteQueue(fanoutQueue);
				InMemoryBroker.shutdown(executor);
			}
		};
		this.listeners.add(listener);
		return listener;
	}

	@Override
	public synchronized void close() {
		for (Listener listener : this.listeners) {
			listener.close();
		}
		if (this.replyExecutor != null) {
			this.broker.deleteQueue(this.replyQueue);
			this.replyExecutor.shutdownNow();
			this.replyExecutor = null;
		}
	}

}
