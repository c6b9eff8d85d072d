/**
 * The transactional outbox: {@link io.basalt.api.outbox.CastOutbox} (every cast that follows a database change),
 * the {@code outbox} table, the batched sent marks and the relay that sends what stayed unsent.
 */
package io.basalt.api.outbox;
