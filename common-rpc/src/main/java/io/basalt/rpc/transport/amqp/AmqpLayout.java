package io.basalt.rpc.transport.amqp;

import java.util.Map;

import io.basalt.rpc.Target;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;

/**
 * The names and flags of oslo's rabbit driver layout (see the module README):
 * <ul>
 * <li>control exchange: {@code topic}, durable as configured, not auto-delete;</li>
 * <li>shared queue {@code <topic>} and server queue {@code <topic>.<server>}, bound with their own names as
 * routing keys, durable as configured, no arguments;</li>
 * <li>fanout exchange {@code <topic>_fanout}: non-durable, auto-delete; one queue per listener
 * {@code <topic>_fanout_<uuid hex>} with {@code x-expires};</li>
 * <li>one reply queue per process {@code reply_<uuid hex>} with {@code x-expires}, on the default exchange;</li>
 * <li>a durable dead-letter queue per topic {@code <topic>_dead_letter}, on the default exchange.</li>
 * </ul>
 * Immutable.
 */
final class AmqpLayout {

	private final boolean durable;

	private final long transientTtlMillis;

	AmqpLayout(boolean durable, long transientTtlMillis) {
		this.durable = durable;
		this.transientTtlMillis = transientTtlMillis;
	}

	TopicExchange controlExchange(String name) {
		return new TopicExchange(name, this.durable, false);
	}

	static String fanoutExchangeName(String topic) {
		return topic + "_fanout";
	}

	FanoutExchange fanoutExchange(String topic) {
		return new FanoutExchange(fanoutExchangeName(topic), false, true);
	}

	/** The routing key a message for {@code target} is published with (empty for fanout). */
	static String routingKey(Target target) {
		if (target.fanout()) {
			return "";
		}
		return (target.server() != null) ? target.topic() + "." + target.server() : target.topic();
	}

	Queue sharedQueue(String name) {
		return new Queue(name, this.durable, false, false);
	}

	/** A topic's dead-letter queue: always durable (what it holds must outlive a broker restart), no arguments. */
	Queue deadLetterQueue(String name) {
		return new Queue(name, true, false, false);
	}

	Queue transientQueue(String name) {
		return new Queue(name, false, false, false, Map.of("x-expires", (int) Math.min(Integer.MAX_VALUE, this.transientTtlMillis)));
	}

	static Binding bind(Queue queue, TopicExchange exchange, String key) {
		return BindingBuilder.bind(queue).to(exchange).with(key);
	}

	static Binding bind(Queue queue, FanoutExchange exchange) {
		return BindingBuilder.bind(queue).to(exchange);
	}

}
