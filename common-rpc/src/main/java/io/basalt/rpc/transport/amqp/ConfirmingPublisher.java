package io.basalt.rpc.transport.amqp;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.ShutdownSignalException;

import io.basalt.rpc.DeliveryFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes with a publisher confirm and retries while the broker is away: each attempt sends and waits for the
 * broker's ack on one channel (SIMPLE confirms); a nack, a lost channel, a confirm timeout or a failed
 * connection is retried with exponential backoff (100 ms doubling to
 * 2 s) until the bound, then {@link DeliveryFailure}. The same bytes are re-sent, so a retried message may
 * arrive twice (the receiver drops it by {@code _unique_id}). Exchanges are declared once per process
 * (remembered and redeclared after a reconnect by the {@link RabbitAdmin}); a nack naming a missing exchange
 * forgets that and declares again. Reconnecting is Spring AMQP's job: the next attempt simply asks its
 * connection factory for a channel.
 * <p>
 * Thread-safe; the retry sleeps happen on the caller's thread.
 */
final class ConfirmingPublisher {

	private static final Logger log = LoggerFactory.getLogger(ConfirmingPublisher.class);

	private static final long FIRST_BACKOFF_MILLIS = 100;

	private static final long MAX_BACKOFF_MILLIS = 2000;

	private static final long CONFIRM_WAIT_MILLIS = 10_000;

	private final RabbitTemplate template;

	private final RabbitAdmin admin;

	private final Set<String> declaredExchanges = ConcurrentHashMap.newKeySet();

	ConfirmingPublisher(RabbitTemplate template, RabbitAdmin admin) {
		this.template = template;
		this.admin = admin;
	}

	/**
	 * Publishes {@code message} to {@code exchange} (declared first if not the default exchange).
	 * @throws DeliveryFailure if not confirmed within {@code bound}
	 */
	void publish(Exchange exchange, String routingKey, Message message, Duration bound) {
		String exchangeName = (exchange != null) ? exchange.getName() : "";
		long deadline = System.nanoTime() + bound.toNanos();
		long backoff = FIRST_BACKOFF_MILLIS;
		int attempt = 0;
		Throwable last = null;
		while (true) {
			attempt++;
			try {
				if (exchange != null && !this.declaredExchanges.contains(exchangeName)) {
					this.admin.declareExchange(exchange);
					this.declaredExchanges.add(exchangeName);
				}
				long remaining = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
				long confirmWait = Math.min(remaining + FIRST_BACKOFF_MILLIS, CONFIRM_WAIT_MILLIS);
				// one channel for the send and the wait; SIMPLE confirms, so the channel goes straight back to
				// the cache afterwards (no per-message deferred confirm bookkeeping)
				Boolean acked = this.template.invoke((operations) -> {
					operations.send(exchangeName, routingKey, message);
					return operations.waitForConfirms(confirmWait);
				});
				if (Boolean.TRUE.equals(acked)) {
					if (attempt > 1) {
						log.info("Published to '{}' ({}) after {} attempts", exchangeName, routingKey, attempt);
					}
					return;
				}
				// a nack: the broker could not take it (e.g. the exchange vanished); declare again and retry
				this.declaredExchanges.remove(exchangeName);
				last = new DeliveryFailure("broker refused the message (nack)", null);
			}
			catch (AmqpException | ShutdownSignalException ex) {
				// ShutdownSignalException: the channel closed while waiting for the confirm (connection dropped).
				// Declare the exchange again before the next attempt whatever went wrong: an auto-delete fanout
				// exchange vanishes with its last queue, and brokers word "not found" differently (RabbitMQ
				// NOT_FOUND, Qpid "Unknown exchange name"); a declaration is idempotent and cheap.
				this.declaredExchanges.remove(exchangeName);
				last = ex;
			}
			long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			if (left <= 0) {
				throw new DeliveryFailure("Could not publish to exchange '" + exchangeName + "' with routing key '"
						+ routingKey + "' within " + bound.toMillis() + " ms (" + attempt + " attempts): " + last, last);
			}
			if (attempt == 1) {
				log.warn("Publishing to '{}' ({}) failed, retrying for up to {} ms: {}", exchangeName, routingKey,
						left, String.valueOf(last));
			}
			sleep(Math.min(backoff, left));
			backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DeliveryFailure("interrupted while waiting to retry a publish", ex);
		}
	}

}
