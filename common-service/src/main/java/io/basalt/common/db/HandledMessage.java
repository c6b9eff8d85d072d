package io.basalt.common.db;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The idempotency record of one handled RPC message ({@code handled_messages}); normally written through
 * {@link HandledMessageRepository#markHandled}. Not thread-safe.
 */
@Entity
@Table(name = "handled_messages")
public class HandledMessage {

	@Id
	@Column(name = "message_id")
	private String messageId;

	@Column(name = "topic")
	private String topic;

	@Column(name = "method")
	private String method;

	@Column(name = "handled_at", nullable = false)
	private Instant handledAt;

	protected HandledMessage() {
	}

	public HandledMessage(String messageId, String topic, String method, Instant handledAt) {
		this.messageId = messageId;
		this.topic = topic;
		this.method = method;
		this.handledAt = handledAt;
	}

	public String getMessageId() {
		return this.messageId;
	}

	public String getTopic() {
		return this.topic;
	}

	public String getMethod() {
		return this.method;
	}

	public Instant getHandledAt() {
		return this.handledAt;
	}

}
