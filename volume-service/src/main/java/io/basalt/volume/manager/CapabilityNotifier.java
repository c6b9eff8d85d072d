package io.basalt.volume.manager;

/** What the manager tells its backend's capability reporter. Implementations are thread-safe and never block. */
public interface CapabilityNotifier {

	/** Does nothing (for tests and backends without a reporter). */
	CapabilityNotifier NONE = new CapabilityNotifier() {

		@Override
		public void capacityChanged() {
		}

		@Override
		public void publishNow() {
		}

	};

	/** Capacity changed: report soon (debounced, so a burst of changes sends one report). */
	void capacityChanged();

	/** A scheduler asked for capabilities: report now. */
	void publishNow();

}
