package io.basalt.common.quota;

/**
 * SQL that gives a volume's extra gigabytes of quota back in the same statement as the status change that ends
 * an extend (refused by the scheduler, failed in the volume service): Cinder rolls the extend's reservation back
 * then, and doing both in one statement means neither happens without the other.
 * <p>
 * {@link #statement} wraps an {@code UPDATE volumes … RETURNING project_id, use_quota, volume_type_id} (the
 * status change, named {@code v}); the rest locks the project's {@code gigabytes} and {@code gigabytes_<type>}
 * usage rows in resource order, as the api-service's quota engine does (so the two never deadlock), and
 * subtracts the delta from {@code in_use} (never below 0). The statement returns 1 if the volume row changed,
 * else 0 (and then no usage changes either). Its last two parameters are the delta (GiB) and {@code updated_at}.
 */
public final class GigabytesGiveBack {

	private GigabytesGiveBack() {
	}

	/**
	 * The whole statement around {@code volumeUpdate}, an {@code UPDATE volumes … RETURNING project_id, use_quota,
	 * volume_type_id}; parameters: those of {@code volumeUpdate}, then the delta and {@code updated_at}.
	 */
	public static String statement(String volumeUpdate) {
		return statement(volumeUpdate, null);
	}

	/**
	 * The same with one more common table expression after the give-back ({@code name AS (...)}, e.g. the user
	 * message of {@code io.basalt.common.message.VolumeMessageSql#cte()}), whose parameters come last.
	 */
	public static String statement(String volumeUpdate, String extraCte) {
		return "WITH v AS (\n" + volumeUpdate + "\n" + """
				), l AS (
				    SELECT u.id FROM quota_usages u JOIN v ON u.project_id = v.project_id
				    JOIN volume_types t ON t.id = v.volume_type_id
				    WHERE v.use_quota AND u.resource IN ('gigabytes', 'gigabytes_' || t.name)
				    ORDER BY u.resource FOR UPDATE OF u
				), q AS (
				    UPDATE quota_usages u SET in_use = GREATEST(u.in_use - ?, 0), updated_at = ?
				    FROM l WHERE u.id = l.id
				    RETURNING u.id
				)""" + ((extraCte != null) ? ", " + extraCte : "") + "\nSELECT count(*)::int FROM v";
	}

}
