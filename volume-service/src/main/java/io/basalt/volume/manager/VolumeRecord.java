package io.basalt.volume.manager;

/**
 * The columns of a {@code volumes} row the volume manager needs.
 *
 * @param id the volume id
 * @param size size in GiB
 * @param status the status column
 * @param host {@code host@backend#pool}, or null when not scheduled
 * @param providerLocation where the backend keeps it, or null
 * @param deleted whether the row is soft-deleted
 */
public record VolumeRecord(String id, int size, String status, String host, String providerLocation,
		boolean deleted) {

	/** The backend part of {@link #host()} ({@code host@backend}), or null. */
	public String backend() {
		if (this.host == null) {
			return null;
		}
		int hash = this.host.indexOf('#');
		return (hash < 0) ? this.host : this.host.substring(0, hash);
	}

	/** The pool part of {@link #host()}, or {@code defaultPool} when the host names none. */
	public String pool(String defaultPool) {
		int hash = (this.host != null) ? this.host.indexOf('#') : -1;
		return (hash < 0) ? defaultPool : this.host.substring(hash + 1);
	}

}
