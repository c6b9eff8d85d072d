package io.basalt.common.message;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * SQL that records a user message about a volume in the same statement as the status change that calls for it
 * (a create that found no valid backend, a create the driver failed), so neither happens without the other and
 * a redelivered message that changes no row records nothing.
 * <p>
 * {@link #statement} wraps an {@code UPDATE volumes … RETURNING id, project_id} (named {@code v}) and returns the
 * number of volume rows changed (0 or 1). {@link #parameters} appends the message's own parameters to the
 * update's. Stateless.
 */
public final class VolumeMessageSql {

	private VolumeMessageSql() {
	}

	/** The whole statement around {@code volumeUpdate}. */
	public static String statement(String volumeUpdate) {
		return "WITH v AS (\n" + volumeUpdate + "\n), " + cte() + "\nSELECT count(*)::int FROM v";
	}

	/**
	 * The message insert alone, {@code m AS (...)}, for statements that wrap the volume update themselves (as
	 * {@code v}, returning {@code id} and {@code project_id}); its parameters are the last nine of
	 * {@link #parameters}.
	 */
	public static String cte() {
		return """
				m AS (
				    INSERT INTO messages (id, project_id, request_id, resource_type, resource_uuid, event_id, action_id,
				        detail_id, message_level, created_at, expires_at)
				    SELECT ?, v.project_id, ?, ?, v.id::text, ?, ?, ?, ?, ?, ? FROM v
				    RETURNING id
				)""";
	}

	/** {@code updateParameters} followed by those of the message. */
	public static Object[] parameters(Object[] updateParameters, String requestId, MessageField.Action action,
			MessageField.Detail detail, Instant now, Duration ttl) {
		Object[] all = Arrays.copyOf(updateParameters, updateParameters.length + 9);
		int i = updateParameters.length;
		all[i++] = UUID.randomUUID();
		all[i++] = requestId;
		all[i++] = MessageField.RESOURCE_VOLUME;
		all[i++] = MessageField.eventId(MessageField.RESOURCE_VOLUME, action, detail);
		all[i++] = action.id();
		all[i++] = detail.id();
		all[i++] = MessageField.LEVEL_ERROR;
		all[i++] = Timestamp.from(now);
		all[i] = Timestamp.from(now.plus(ttl));
		return all;
	}

}
