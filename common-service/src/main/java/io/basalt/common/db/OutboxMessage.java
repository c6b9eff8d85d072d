package io.basalt.common.db;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A cast waiting in the transactional outbox ({@code outbox}): written in the same transaction as the state it
 * announces, sent by a relay after commit ({@code sentAt} set), retried with {@code attempts} /
 * {@code nextAttemptAt} on failure. {@code payload} is the JSON message body. Not thread-safe.
 */
@Entity
@Table(name = "outbox")
public class OutboxMessage {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "exchange")
	private String exchange;

	@Column(name = "topic", nullable = false)
	private String topic;

	@Column(name = "server")
	private String server;

	@Column(name = "fanout", nullable = false)
	private boolean fanout;

	@Column(name = "method", nullable = false)
	private String method;

	@Column(name = "version")
	private String version;

	@JdbcTypeCode(SqlTypes.JSON)
	@Column(name = "payload", nullable = false)
	private String payload;

	@Column(name = "sent_at")
	private Instant sentAt;

	@Column(name = "attempts", nullable = false)
	private int attempts;

	@Column(name = "next_attempt_at")
	private Instant nextAttemptAt;

	@Column(name = "last_error", columnDefinition = "text")
	private String lastError;

	protected OutboxMessage() {
	}

	/** A pending cast to {@code topic} (and {@code server} if not null) carrying the JSON {@code payload}. */
	public OutboxMessage(String topic, String server, String method, String payload, Instant createdAt) {
		this.topic = topic;
		this.server = server;
		this.method = method;
		this.payload = payload;
		this.createdAt = createdAt;
	}

	public Long getId() {
		return this.id;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public String getExchange() {
		return this.exchange;
	}

	public void setExchange(String exchange) {
		this.exchange = exchange;
	}

	public String getTopic() {
		return this.topic;
	}

	public void setTopic(String topic) {
		this.topic = topic;
	}

	public String getServer() {
		return this.server;
	}

	public void setServer(String server) {
		this.server = server;
	}

	public boolean isFanout() {
		return this.fanout;
	}

	public void setFanout(boolean fanout) {
		this.fanout = fanout;
	}

	public String getMethod() {
		return this.method;
	}

	public void setMethod(String method) {
		this.method = method;
	}

	public String getVersion() {
		return this.version;
	}

	public void setVersion(String version) {
		this.version = version;
	}

	public String getPayload() {
		return this.payload;
	}

	public void setPayload(String payload) {
		this.payload = payload;
	}

	public Instant getSentAt() {
		return this.sentAt;
	}

	public void setSentAt(Instant sentAt) {
		this.sentAt = sentAt;
	}

	public int getAttempts() {
		return this.attempts;
	}

	public void setAttempts(int attempts) {
		this.attempts = attempts;
	}

	public Instant getNextAttemptAt() {
		return this.nextAttemptAt;
	}

	public void setNextAttemptAt(Instant nextAttemptAt) {
		this.nextAttemptAt = nextAttemptAt;
	}

	public String getLastError() {
		return this.lastError;
	}

	public void setLastError(String lastError) {
		this.lastError = lastError;
	}

	/** Records a failed send: one more attempt, the next not before {@code retryAt}. */
	public void recordFailure(String error, Instant retryAt) {
		this.attempts++;
		this.lastError = error;
		this.nextAttemptAt = retryAt;
	}

}
