package io.basalt.api.flow;

/**
 * One step of a flow (TaskFlow's {@code Task}): {@link #execute} does the work and records its result in the
 * context; {@link #revert} undoes it when a later task fails. Reverts must be idempotent and must not throw for
 * work that was already undone.
 */
interface FlowTask {

	/** The task's name, for logs. */
	default String name() {
		return getClass().getSimpleName();
	}

	void execute(CreateVolumeContext context);

	/** Undoes {@link #execute} after a later task failed with {@code cause}. */
	default void revert(CreateVolumeContext context, Throwable cause) {
	}

}
