package io.basalt.api.metadata;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import io.basalt.api.metadata.MetadataRows.Table;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Writes the user metadata of one volume or snapshot. Every write runs in one transaction that first locks the
 * owner row ({@code FOR NO KEY UPDATE}, which status changes of other rows do not wait for), so that concurrent
 * writes to the same owner are serialized — a replace never interleaves with a merge — and a write to an owner
 * deleted meanwhile changes nothing; an {@code If-Match} precondition is checked under the same lock. Thread-safe.
 */
@Repository
public class MetadataStore {

	private final JdbcTemplate jdbc;

	private final TransactionOperations transactions;

	public MetadataStore(JdbcTemplate jdbc, TransactionOperations transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/** The metadata of {@code ownerId}, in key order. */
	public Map<String, String> get(Table table, String ownerId) {
		return MetadataRows.of(this.jdbc, table, List.of(ownerId)).getOrDefault(ownerId, Map.of());
	}

	/**
	 * Sets {@code entries} on a live owner: merged into its metadata, or with {@code replace} instead of it.
	 * Returns the whole metadata afterwards, or empty when the owner is gone.
	 */
	public Optional<Map<String, String>> write(Table table, String ownerId, Map<String, String> entries,
			boolean replace) {
		return write(table, ownerId, entries, replace, current -> true);
	}

	/**
	 * As {@link #write(Table, String, Map, boolean)}, if {@code precondition} holds for the metadata found under
	 * the lock (an {@code If-Match}); otherwise nothing is written and {@link PreconditionFailed} is thrown.
	 */
	public Optional<Map<String, String>> write(Table table, String ownerId, Map<String, String> entries,
			boolean replace, Predicate<Map<String, String>> precondition) {
		UUID owner = UUID.fromString(ownerId);
		return this.transactions.execute(t -> {
			if (!lock(table, owner)) {
				return Optional.empty();
			}
			if (!precondition.test(get(table, ownerId))) {
				throw new PreconditionFailed();
			}
			if (replace) {
				this.jdbc.update("DELETE FROM " + table.table + " WHERE " + table.ownerColumn
						+ " = ? AND NOT (key = ANY(?))", owner, entries.keySet().toArray(String[]::new));
			}
			if (!entries.isEmpty()) {
				this.jdbc.batchUpdate("INSERT INTO " + table.table + " (" + table.ownerColumn
						+ ", key, value) VALUES (?, ?, ?) ON CONFLICT (" + table.ownerColumn
						+ ", key) DO UPDATE SET value = EXCLUDED.value",
						entries.entrySet().stream().map(e -> new Object[] { owner, e.getKey(), e.getValue() }).toList());
			}
			return Optional.of(get(table, ownerId));
		});
	}

	/** Removes one key of a live owner; whether it was there. */
	public boolean delete(Table table, String ownerId, String key) {
		UUID owner = UUID.fromString(ownerId);
		Boolean deleted = this.transactions.execute(t -> lock(table, owner) && this.jdbc.update(
				"DELETE FROM " + table.table + " WHERE " + table.ownerColumn + " = ? AND key = ?", owner, key) > 0);
		return Boolean.TRUE.equals(deleted);
	}

	/** The metadata changed since the client read it ({@code If-Match} failed): 412. */
	public static final class PreconditionFailed extends RuntimeException {

		PreconditionFailed() {
			super("the metadata changed", null, false, false);
		}

	}

	private boolean lock(Table table, UUID owner) {
		return !this.jdbc.queryForList("SELECT 1 FROM " + table.ownerTable + " WHERE id = ? AND NOT deleted "
				+ "FOR NO KEY UPDATE", Integer.class, owner).isEmpty();
	}

}
