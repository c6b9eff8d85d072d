package io.basalt.api.web;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Times as Cinder shows them: UTC without a zone, microseconds only when non-zero (Python's
 * {@code datetime.isoformat()}), e.g. {@code 2026-11-21T23:45:45.564495}.
 */
public final class Timestamps {

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

	private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

	private Timestamps() {
	}

	/** The display form, or null. */
	public static String format(Instant instant) {
		if (instant == null) {
			return null;
		}
		LocalDateTime time = LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
		return (time.getNano() == 0) ? SECONDS.format(time) : MICROS.format(time);
	}

	/** An instant at the database's precision (microseconds), so what is answered equals what is stored. */
	public static Instant dbNow(java.time.Clock clock) {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	/** A JDBC timestamp, or null. */
	public static Timestamp sql(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	/** The instant of a JDBC timestamp, or null. */
	public static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
