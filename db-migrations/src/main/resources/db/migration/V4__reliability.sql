-- Basalt schema, part 4: what reliable messaging needs.

-- outbox: RPC casts that must be sent only if the transaction that wrote them commits (transactional outbox).
-- A relay sends unsent rows in id order, then sets sent_at; failures bump attempts and postpone next_attempt_at.
CREATE TABLE outbox (
	id              bigserial PRIMARY KEY,
	created_at      timestamp with time zone NOT NULL DEFAULT now(),
	exchange        varchar(255),
	topic           varchar(255) NOT NULL,
	server          varchar(255),
	fanout          boolean NOT NULL DEFAULT false,
	method          varchar(255) NOT NULL,
	version         varchar(36),
	payload         jsonb NOT NULL,
	sent_at         timestamp with time zone,
	attempts        integer NOT NULL DEFAULT 0,
	next_attempt_at timestamp with time zone,
	last_error      text
);
COMMENT ON TABLE outbox IS 'Transactional outbox of RPC casts to send after commit; sent_at null = pending.';
CREATE INDEX outbox_unsent_idx ON outbox (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_sent_at_idx ON outbox (sent_at) WHERE sent_at IS NOT NULL;

-- handled_messages: unique ids of RPC messages already handled, so a redelivered message is not applied twice.
CREATE TABLE handled_messages (
	message_id varchar(255) PRIMARY KEY,
	topic      varchar(255),
	method     varchar(255),
	handled_at timestamp with time zone NOT NULL DEFAULT now()
);
COMMENT ON TABLE handled_messages IS 'Idempotency record of handled RPC messages (message unique id); pruned by age.';
CREATE INDEX handled_messages_handled_at_idx ON handled_messages (handled_at);
