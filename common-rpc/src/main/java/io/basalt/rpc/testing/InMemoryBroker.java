package io.basalt.rpc.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.basalt.rpc.DeliveryFailure;
import io.basalt.rpc.transport.MessageHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny in-process broker with AMQP's routing model, enough for RPC: named queues, topic-exchange bindings by
 * exact routing key, fanout exchanges, round-robin delivery among a queue's consumers, a backlog while a queue
 * has none, and per-message expiry. Share one broker between several {@link InMemoryTransport}s to model
 * several processes. {@link #setAvailable(boolean)} simulates an outage: publishers then wait (within their
 * retry bound) and fail with {@link DeliveryFailure}.
 * <p>
 * Thread-safe. Handlers run on each consumer's own executor.
 */
public final class InMemoryBroker {

	private static final Logger log = LoggerFactory.getLogger(InMemoryBroker.class);

	private final Map<String, MemoryQueue> queues = new ConcurrentHashMap<>();

	private final Map<String, Set<String>> bindings = new ConcurrentHashMap<>();

	private final ReentrantLock availability = new ReentrantLock();

	private final Condition availableAgain = this.availability.newCondition();

	private volatile boolean available = true;

	/** Simulates the broker going away ({@code false}) and coming back ({@code true}). */
	public void setAvailable(boolean available) {
		this.availability.lock();
		try {
			this.available = available;
			this.availableAgain.signalAll();
		}
		finally {
			this.availability.unlock();
		}
	}

	/** Names of the queues that exist (for tests of the layout). */
	public Set<String> queueNames() {
		return Set.copyOf(this.queues.keySet());
	}

	void declareQueue(String name) {
		this.queues.computeIfAbsent(name, MemoryQueue::new);
	}

	void deleteQueue(String name) {
		this.queues.remove(name);
		this.bindings.values().forEach((set) -> set.remove(name));
	}

	/** Binds {@code queue} to {@code exchange} for messages with {@code routingKey} ("" for fanout). */
	void bind(String exchange, String routingKey, String queue) {
		this.bindings.computeIfAbsent(exchange + "\u0000" + routingKey, (k) -> ConcurrentHashMap.newKeySet())
			.add(queue);
	}

	void publish(String exchange, String routingKey, byte[] body, long expiresAtNanos, long retryBoundNanos) {
		awaitAvailable(retryBoundNanos);
		if (exchange.isEmpty()) {
			MemoryQueue queue = this.queues.get(routingKey);
			if (queue != null) {
				queue.deliver(body, expiresAtNanos);
			}
			else {
				log.debug("In-memory broker: no queue {}, message dropped", routingKey);
			}
			return;
		}
		Set<String> bound = this.bindings.getOrDefault(exchange + "\u0000" + routingKey, Set.of());
		for (String name : bound) {
			MemoryQueue queue = this.queues.get(name);
			if (queue != null) {
				queue.deliver(body, expiresAtNanos);
			}
		}
	}

	boolean hasQueue(String name) {
		return this.queues.containsKey(name);
	}

	void subscribe(String queue, Subscriber subscriber) {
		this.queues.computeIfAbsent(queue, MemoryQueue::new).subscribe(subscriber);
	}

	void unsubscribe(String queue, Subscriber subscriber) {
		MemoryQueue memoryQueue = this.queues.get(queue);
		if (memoryQueue != null) {
			memoryQueue.unsubscribe(subscriber);
		}
	}

	private void awaitAvailable(long boundNanos) {
		if (this.available) {
			return;
		}
		this.availability.lock();
		try {
			long left = boundNanos;
			while (!this.available) {
				if (left <= 0) {
					throw new DeliveryFailure("in-memory broker unavailable", null);
				}
				left = this.availableAgain.awaitNanos(left);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DeliveryFailure("interrupted while waiting for the broker", ex);
		}
		finally {
			this.availability.unlock();
		}
	}

	/** A consumer: a handler and the executor it runs on. */
	record Subscriber(MessageHandler handler, ExecutorService executor) {

		void handle(byte[] body) {
			this.executor.execute(() -> {
				try {
					this.handler.onMessage(body);
				}
				catch (RuntimeException ex) {
					log.debug("In-memory broker: message rejected: {}", ex.toString());
				}
			});
		}

	}

	private static final class MemoryQueue {

		private final String name;

		private final List<Subscriber> subscribers = new ArrayList<>();

		private final Deque<Object[]> backlog = new ArrayDeque<>();

		private int next;

		MemoryQueue(String name) {
			this.name = name;
		}

		synchronized void deliver(byte[] body, long expiresAtNanos) {
			if (this.subscribers.isEmpty()) {
				this.backlog.add(new Object[] { body, expiresAtNanos });
				return;
			}
			Subscriber subscriber = this.subscribers.get(this.next++ % this.subscribers.size());
			subscriber.handle(body);
		}

		synchronized void subscribe(Subscriber subscriber) {
			this.subscribers.add(subscriber);
			long now = System.nanoTime();
			while (!this.backlog.isEmpty()) {
				Object[] entry = this.backlog.poll();
				long expiresAt = (Long) entry[1];
				if (expiresAt == 0 || expiresAt - now > 0) {
					deliver((byte[]) entry[0], expiresAt);
				}
			}
		}

		synchronized void unsubscribe(Subscriber subscriber) {
			this.subscribers.remove(subscriber);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	static void shutdown(ExecutorService executor) {
		executor.shutdown();
		try {
			if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
				executor.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			executor.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

}
