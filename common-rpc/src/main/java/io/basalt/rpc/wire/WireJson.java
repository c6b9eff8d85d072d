package io.basalt.rpc.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Jackson configuration used for RPC payloads: records are written with their components in
 * snake_case ({@code volumeId} → {@code volume_id}), {@code java.time} values as ISO-8601 strings, unknown
 * properties are ignored when reading (a newer peer may send more). Map keys are written as they are.
 * <p>
 * The mapper is immutable and thread-safe; build it once per process ({@link #mapper()} is shared).
 */
public final class WireJson {

	private static final JsonMapper MAPPER = newMapper();

	private WireJson() {
	}

	/** The shared mapper. */
	public static JsonMapper mapper() {
		return MAPPER;
	}

	/** A new mapper with the RPC settings, for callers that need to customise further. */
	public static JsonMapper newMapper() {
		return JsonMapper.builder()
			.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.changeDefaultPropertyInclusion((incl) -> incl.withValueInclusion(JsonInclude.Include.ALWAYS))
			.build();
	}

}
