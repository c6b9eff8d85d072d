package io.basalt.db.manage;

/**
 * One quota usage row whose {@code in_use} differs from what the resources add up to.
 *
 * @param projectId the project
 * @param resource the quota resource ({@code volumes}, {@code gigabytes}, {@code snapshots} or a per-type twin
 * {@code <resource>_<type name>})
 * @param inUse what {@code quota_usages.in_use} says (0 when the row is missing)
 * @param counted what the live volumes and snapshots add up to
 */
public record QuotaDrift(String projectId, String resource, long inUse, long counted) {

	@Override
	public String toString() {
		return this.projectId + "  " + this.resource + ": in_use " + this.inUse + ", counted " + this.counted;
	}

}
