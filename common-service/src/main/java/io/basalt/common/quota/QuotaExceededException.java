package io.basalt.common.quota;

/**
 * A reservation would take {@link #resource} over its limit; the api-service turns it into Cinder's 413.
 * @see QuotaLedger#reserve
 */
public class QuotaExceededException extends RuntimeException {

	private final String resource;

	private final int delta;

	private final int limit;

	private final long consumed;

	public QuotaExceededException(String resource, int delta, int limit, long consumed) {
		super("quota " + resource + ": " + consumed + " + " + delta + " > " + limit);
		this.resource = resource;
		this.delta = delta;
		this.limit = limit;
		this.consumed = consumed;
	}

	public String resource() {
		return this.resource;
	}

	public int delta() {
		return this.delta;
	}

	public int limit() {
		return this.limit;
	}

	/** {@code in_use + reserved} before the request. */
	public long consumed() {
		return this.consumed;
	}

}
