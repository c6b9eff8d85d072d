package io.basalt.common.capability;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A capacity in GiB as a backend reports it: a known number, {@code infinite} (no limit) or {@code unknown}.
 * On the wire it is what Cinder sends: a number, or the string {@code "infinite"} / {@code "unknown"}.
 */
public sealed interface Capacity permits Capacity.Known, Capacity.Infinite, Capacity.Unknown {

	/** The singleton for {@code "infinite"}. */
	Capacity INFINITE = new Infinite();

	/** The singleton for {@code "unknown"}. */
	Capacity UNKNOWN = new Unknown();

	/** A known capacity of {@code gb} GiB. */
	static Capacity of(double gb) {
		return new Known(gb);
	}

	/** Reads the wire form: a number, a numeric string, {@code "infinite"} or {@code "unknown"} (any case). */
	@JsonCreator
	static Capacity fromWire(Object value) {
		if (value == null) {
			return UNKNOWN;
		}
		if (value instanceof Number n) {
			return new Known(n.doubleValue());
		}
		String text = value.toString().trim();
		if ("infinite".equalsIgnoreCase(text)) {
			return INFINITE;
		}
		if ("unknown".equalsIgnoreCase(text) || text.isEmpty()) {
			return UNKNOWN;
		}
		try {
			return new Known(Double.parseDouble(text));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("not a capacity: '" + text + "'", ex);
		}
	}

	/** The wire form. */
	@JsonValue
	Object toWire();

	/** A known number of GiB. */
	record Known(double gb) implements Capacity {

		@Override
		public Object toWire() {
			return this.gb;
		}

	}

	/** No limit. */
	record Infinite() implements Capacity {

		@Override
		public Object toWire() {
			return "infinite";
		}

	}

	/** Not reported. */
	record Unknown() implements Capacity {

		@Override
		public Object toWire() {
			return "unknown";
		}

	}

}
