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
 * @param nameId Cinder's {@code _name_id}: the id the backend stores the volume under after a migration, or null
 * @param snapshotId the snapshot the volume is created from, or null
 * @param sourceVolid the volume it is a clone of, or null
 */
public record VolumeRecord(String id, int size, String status, String host, String providerLocation,
		boolean deleted, String nameId, String snapshotId, String sourceVolid) {

	/** A row with no name id and no source. */
	public VolumeRecord(String id, int size, String status, String host, String providerLocation, boolean deleted) {
		this(id, size, status, host, providerLocation, deleted, null, null, null);
	}

	/** The id the backend stores the volume under: {@link #nameId()}, or the id when it was never migrated. */
	public String storageId() {
		return (this.nameId != null) ? this.nameId : this.id;
	}

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
