package io.basalt.rpc.transport.amqp;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.basalt.rpc.DeliveryFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes with a publisher confirm and retries while the broker is away: each attempt waits for the broker's
 * ack; a nack, a lost channel or a failed connection is retried with exponential backoff (100 ms doubling to
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

	/** What became of a message. */
	enum Outcome {

		/** Confirmed by the broker. */
		CONFIRMED,
		/** Returned as unroutable (mandatory publishing only). */
		RETURNED

	}

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
	Outcome publish(Exchange exchange, String routingKey, Message message, Duration bound) {
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
				CorrelationData correlation = new CorrelationData();
				this.template.send(exchangeName, routingKey, message, correlation);
				long remaining = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
				CorrelationData.Confirm confirm = correlation.getFuture()
					.get(Math.min(remaining + FIRST_BACKOFF_MILLIS, CONFIRM_WAIT_MILLIS), TimeUnit.MILLISECONDS);
				if (correlation.getReturned() != null) {
					return Outcome.RETURNED;
				}
				if (confirm.ack()) {
					if (attempt > 1) {
						log.info("Published to '{}' ({}) after {} attempts", exchangeName, routingKey, attempt);
					}
					return Outcome.CONFIRMED;
				}
				String reason = String.valueOf(confirm.reason());
				if (reason.contains("NOT_FOUND")) {
					this.declaredExchanges.remove(exchangeName);
				}
				last = new DeliveryFailure("broker refused the message: " + reason, null);
			}
			catch (AmqpException ex) {
				last = ex;
			}
			catch (TimeoutException ex) {
				last = new DeliveryFailure("no publisher confirm within " + CONFIRM_WAIT_MILLIS + " ms", ex);
			}
			catch (ExecutionException ex) {
				last = ex.getCause();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new DeliveryFailure("interrupted while publishing to '" + exchangeName + "'", ex);
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
