package io.basalt.api.message;

import java.time.Clock;

import io.basalt.common.message.MessageProperties;
import io.basalt.common.service.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Deletes the user messages past their {@code guaranteed_until} every {@code basalt.message.cleanup-interval}
 * (Cinder's {@code message_reap_interval}), as a {@link PeriodicTask} on Spring's shared scheduler. One
 * statement; several API replicas may run it at once (a row is deleted once).
 */
@Component
class ExpiredMessageCleaner extends PeriodicTask {

	private static final Logger log = LoggerFactory.getLogger(ExpiredMessageCleaner.class);

	private final MessageStore messages;

	private final Clock clock;

	ExpiredMessageCleaner(MessageStore messages, TaskScheduler scheduler, MessageProperties properties, Clock clock) {
		super(scheduler, properties.cleanupInterval(), properties.cleanupInterval());
		this.messages = messages;
		this.clock = clock;
	}

	@Override
	protected void runOnce() {
		int deleted = this.messages.deleteExpired(this.clock.instant());
		if (deleted > 0) {
			log.info("Deleted {} expired user messages", deleted);
		}
	}

}
