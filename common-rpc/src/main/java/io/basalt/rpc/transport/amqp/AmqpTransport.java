package io.basalt.rpc.transport.amqp;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import io.basalt.rpc.BrokerUnavailable;
import io.basalt.rpc.InvalidTarget;
import io.basalt.rpc.Target;
import io.basalt.rpc.transport.Listener;
import io.basalt.rpc.transport.MessageHandler;
import io.basalt.rpc.transport.Transport;
import io.basalt.rpc.wire.MalformedMessageException;
import io.basalt.rpc.wire.WireCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The {@link Transport} on Spring AMQP, laid out like oslo's rabbit driver ({@link AmqpLayout}) and using only
 * portable AMQP 0-9-1 (no direct reply-to).
 * <ul>
 * <li><b>Publishing</b>: one {@link RabbitTemplate} on the factory's publisher connection with correlated
 * publisher confirms ({@link ConfirmingPublisher}); replies are published {@code mandatory}, so a reply to a
 * vanished queue comes back and is dropped with a warning.</li>
 * <li><b>Consuming</b>: a {@link SimpleMessageListenerContainer} per server on its three queues, with
 * {@code AUTO} acknowledgement (ack after the handler returns, reject without requeue when it throws), and
 * one for the process reply queue.</li>
 * <li><b>Recovery</b>: Spring AMQP's. The connection factory opens a new connection on the next use; the
 * containers restart their consumers with backoff; the {@link RabbitAdmin} remembers every declaration made
 * here and redeclares them on each new connection (auto-delete / {@code x-expires} queues included), and the
 * containers ask it to when they find a queue missing.</li>
 * </ul>
 * Nothing is declared per message. Thread-safe.
 */
public final class AmqpTransport implements Transport {

	private static final Logger log = LoggerFactory.getLogger(AmqpTransport.class);

	private final ConnectionFactory connectionFactory;

	private final boolean ownsConnectionFactory;

	private final AmqpRpcOptions options;

	private final AmqpLayout layout;

	private final RabbitAdmin admin;

	private final ConfirmingPublisher requests;

	private final ConfirmingPublisher replies;

	private final List<SimpleMessageListenerContainer> containers = new CopyOnWriteArrayList<>();

	private String replyQueue;

	private final java.util.Set<String> deadLetterQueues = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/**
	 * @param connectionFactory the factory; a {@link CachingConnectionFactory} without confirms or returns gets
	 * SIMPLE confirms and returns switched on (one with CORRELATED confirms is refused)
	 * @param ownsConnectionFactory whether {@link #close()} also destroys the factory
	 */
	public AmqpTransport(ConnectionFactory connectionFactory, AmqpRpcOptions options, boolean ownsConnectionFactory) {
		this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory");
		this.options = Objects.requireNonNull(options, "options");
		this.ownsConnectionFactory = ownsConnectionFactory;
		requireConfirms(connectionFactory);
		this.layout = new AmqpLayout(options.durable(), options.transientQueueTtl().toMillis());
		this.admin = new RabbitAdmin(connectionFactory);
		this.admin.setRedeclareManualDeclarations(true);
		this.admin.afterPropertiesSet();
		this.requests = new ConfirmingPublisher(newTemplate(connectionFactory, false), this.admin);
		this.replies = new ConfirmingPublisher(newTemplate(connectionFactory, true), this.admin);
	}

	private static void requireConfirms(ConnectionFactory factory) {
		if (factory instanceof CachingConnectionFactory caching && !caching.isSimplePublisherConfirms()) {
			if (caching.isPublisherConfirms()) {
				throw new IllegalArgumentException("AmqpRpc needs SIMPLE publisher confirms, not CORRELATED");
			}
			caching.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
		}
		if (factory instanceof CachingConnectionFactory caching && !caching.isPublisherReturns()) {
			caching.setPublisherReturns(true);
		}
		if (!factory.isSimplePublisherConfirms()) {
			throw new IllegalArgumentException("AmqpRpc needs a connection factory with SIMPLE publisher confirms");
		}
	}

	private static RabbitTemplate newTemplate(ConnectionFactory factory, boolean mandatory) {
		RabbitTemplate template = new RabbitTemplate(factory);
		template.setUsePublisherConnection(factory.getPublisherConnectionFactory() != null);
		template.setMandatory(mandatory);
		if (mandatory) {
			template.setReturnsCallback((returned) -> log.warn(
					"Reply queue {} is gone; dropping the reply (the caller has stopped waiting): {} {}",
					returned.getRoutingKey(), returned.getReplyCode(), returned.getReplyText()));
		}
		return template;
	}

	@Override
	public void send(Target target, byte[] body, Duration expiration, Duration retryBound) {
		MessageProperties properties = properties();
		if (expiration != null) {
			properties.setExpiration(Long.toString(Math.max(1, expiration.toMillis())));
		}
		Message message = new Message(body, properties);
		if (target.fanout()) {
			this.requests.publish(this.layout.fanoutExchange(target.topic()), "", message, retryBound);
		}
		else {
			this.requests.publish(this.layout.controlExchange(exchangeOf(target)), AmqpLayout.routingKey(target),
					message, retryBound);
		}
	}

	@Override
	public void reply(String replyQueue, byte[] body) {
		this.replies.publish(null, replyQueue, new Message(body, properties()), this.options.castRetryBound());
	}

	@Override
	public void deadLetter(String topic, byte[] body, String reason) {
		String queue = Transport.deadLetterQueue(topic);
		if (this.deadLetterQueues.add(queue)) {
			this.admin.declareQueue(this.layout.deadLetterQueue(queue));
		}
		MessageProperties properties = properties();
		properties.setHeader(DEAD_LETTER_REASON, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
		this.requests.publish(null, queue, new Message(body, properties), this.options.castRetryBound());
	}

	/** The header naming why a message was dead-lettered. */
	public static final String DEAD_LETTER_REASON = "x-basalt-dead-letter-reason";

	private static MessageProperties properties() {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setContentEncoding("utf-8");
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		properties.setPriority(0);
		return properties;
	}

	@Override
	public synchronized String startReplies(MessageHandler handler) {
		try {
			return startRepliesOnBroker(handler);
		}
		catch (AmqpException ex) {
			throw new BrokerUnavailable("Could not declare the reply queue: " + ex.getMessage(), ex);
		}
	}

	private String startRepliesOnBroker(MessageHandler handler) {
		if (this.replyQueue == null) {
			String name = "reply_" + WireCodec.newId();
			this.admin.declareQueue(this.layout.transientQueue(name));
			SimpleMessageListenerContainer container = container("rpc-reply-", 1, 100, handler, name);
			this.replyQueue = name;
			log.info("RPC reply queue {} started", name);
			this.containers.add(container);
		}
		return this.replyQueue;
	}

	@Override
	public Listener listen(Target target, int concurrency, MessageHandler handler) {
		if (target.server() == null) {
			throw new InvalidTarget("A listener needs a server name (topic " + target.topic() + ")");
		}
		try {
			return listenOnBroker(target, concurrency, handler);
		}
		catch (AmqpException ex) {
			throw new BrokerUnavailable("Could not declare the queues of " + target + ": " + ex.getMessage(), ex);
		}
	}

	private Listener listenOnBroker(Target target, int concurrency, MessageHandler handler) {
		String topic = target.topic();
		String serverKey = topic + "." + target.server();
		TopicExchange control = this.layout.controlExchange(exchangeOf(target));
		Queue shared = this.layout.sharedQueue(topic);
		Queue own = this.layout.sharedQueue(serverKey);
		FanoutExchange fanout = this.layout.fanoutExchange(topic);
		Queue fanoutQueue = this.layout.transientQueue(topic + "_fanout_" + WireCodec.newId());
		this.admin.declareExchange(control);
		this.admin.declareQueue(shared);
		this.admin.declareBinding(AmqpLayout.bind(shared, control, topic));
		this.admin.declareQueue(own);
		this.admin.declareBinding(AmqpLayout.bind(own, control, serverKey));
		this.admin.declareExchange(fanout);
		this.admin.declareQueue(fanoutQueue);
		this.admin.declareBinding(AmqpLayout.bind(fanoutQueue, fanout));
		SimpleMessageListenerContainer container = container("rpc-" + serverKey + "-", concurrency,
				this.options.prefetch(), handler, topic, serverKey, fanoutQueue.getName());
		this.containers.add(container);
		return () -> {
			container.stop();
			container.destroy();
			this.containers.remove(container);
			try {
				this.admin.deleteQueue(fanoutQueue.getName(), false, false);
			}
			catch (RuntimeException ex) {
				log.warn("Could not delete fanout queue {} (it expires by itself): {}", fanoutQueue.getName(),
						ex.toString());
			}
		};
	}

	private SimpleMessageListenerContainer container(String threadPrefix, int consumers, int prefetch,
			MessageHandler handler, String... queues) {
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(this.connectionFactory);
		container.setQueueNames(queues);
		container.setConcurrentConsumers(consumers);
		container.setPrefetchCount(prefetch);
		container.setAcknowledgeMode(AcknowledgeMode.AUTO);
		container.setDefaultRequeueRejected(false);
		container.setAmqpAdmin(this.admin);
		container.setMissingQueuesFatal(false);
		container.setShutdownTimeout(30_000);
		ExponentialBackOff backOff = new ExponentialBackOff(100, 2);
		backOff.setMaxInterval(2000);
		container.setRecoveryBackOff(backOff);
		container.setTaskExecutor(new SimpleAsyncTaskExecutor(threadPrefix));
		container.setErrorHandler((error) -> {
			if (causedBy(error, MalformedMessageException.class)) {
				log.debug("Rejected a malformed message: {}", error.toString());
			}
			else {
				log.error("RPC message handling failed; the message is rejected", error);
			}
		});
		container.setMessageListener((Message message) -> handler.onMessage(message.getBody()));
		container.afterPropertiesSet();
		container.start();
		return container;
	}

	private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
		for (Throwable t = error; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}

	private String exchangeOf(Target target) {
		return (target.exchange() != null) ? target.exchange() : this.options.exchange();
	}

	@Override
	public void close() {
		for (SimpleMessageListenerContainer container : this.containers) {
			try {
				container.stop();
				container.destroy();
			}
			catch (RuntimeException ex) {
				log.warn("Error stopping a listener container: {}", ex.toString());
			}
		}
		this.containers.clear();
		if (this.ownsConnectionFactory && this.connectionFactory instanceof CachingConnectionFactory caching) {
			caching.destroy();
		}
	}

}
