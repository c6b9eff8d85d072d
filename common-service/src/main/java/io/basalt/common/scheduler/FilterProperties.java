package io.basalt.common.scheduler;

/**
 * Per-attempt scheduling state (Cinder's {@code filter_properties}).
 *
 * @param retry the retry state (never null)
 */
public record FilterProperties(RetryInfo retry) {

	public static final FilterProperties FIRST_ATTEMPT = new FilterProperties(RetryInfo.FIRST);

	public FilterProperties {
		retry = (retry != null) ? retry : RetryInfo.FIRST;
	}

}
