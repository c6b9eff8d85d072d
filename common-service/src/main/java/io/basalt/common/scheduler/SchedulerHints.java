package io.basalt.common.scheduler;

import java.util.List;

/**
 * Placement hints, already resolved by the API from volume ids to backends ({@code host@backend}), so that the
 * same/different-backend filters stay pure.
 *
 * @param sameBackendAs backends the volume must be placed on (empty = no constraint)
 * @param differentBackendFrom backends the volume must not be placed on
 */
public record SchedulerHints(List<String> sameBackendAs, List<String> differentBackendFrom) {

	public static final SchedulerHints NONE = new SchedulerHints(List.of(), List.of());

	public SchedulerHints {
		sameBackendAs = (sameBackendAs != null) ? List.copyOf(sameBackendAs) : List.of();
		differentBackendFrom = (differentBackendFrom != null) ? List.copyOf(differentBackendFrom) : List.of();
	}

}
