package io.basalt.rpc.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded set of the most recent {@code _unique_id}s a server has seen (oslo keeps 16; a bigger window
 * also covers redeliveries after a connection loss, which can replay a whole prefetch). Thread-safe.
 */
final class RecentIds {

	private final Map<String, Boolean> ids;

	RecentIds(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be >= 1");
		}
		this.ids = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, false) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
				return size() > capacity;
			}
		};
	}

	/** Records {@code id}; false if it was already there (a duplicate). */
	synchronized boolean add(String id) {
		return this.ids.putIfAbsent(id, Boolean.TRUE) == null;
	}

	synchronized int size() {
		return this.ids.size();
	}

}
