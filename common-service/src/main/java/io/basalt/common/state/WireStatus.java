package io.basalt.common.state;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A status enum stored as Cinder's wire value ({@code status} columns, API bodies).
 * @param <S> the enum itself
 */
public interface WireStatus<S extends Enum<S> & WireStatus<S>> {

	/** The value stored and shown, e.g. {@code in-use}. */
	String wire();

	/** Whether {@code wire} (a stored or requested status, may be null) is this status's wire value. */
	default boolean is(String wire) {
		return wire().equals(wire);
	}

	/** Whether the lifecycle allows this status to go to {@code to}. */
	boolean mayGoTo(S to);

	/** The wire values of {@code statuses}, sorted, as bound to {@code status = ANY(?)}. */
	static String[] wires(Collection<? extends WireStatus<?>> statuses) {
		return statuses.stream().map(WireStatus::wire).sorted().toArray(String[]::new);
	}

	/** Whether {@code wire} (may be null or a word no enum knows) is the wire value of one of {@code statuses}. */
	static boolean isIn(String wire, Collection<? extends WireStatus<?>> statuses) {
		return statuses.stream().anyMatch(s -> s.is(wire));
	}

	/** The wire values of {@code statuses}, sorted, as a list (for code that keeps statuses as text). */
	static List<String> wireList(Collection<? extends WireStatus<?>> statuses) {
		return List.of(wires(statuses));
	}

	/** The enum constant whose wire value is {@code wire}; fails naming the value and the known ones. */
	static <S extends Enum<S> & WireStatus<S>> S from(Class<S> type, String wire) {
		for (S s : type.getEnumConstants()) {
			if (s.wire().equals(wire)) {
				return s;
			}
		}
		throw new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + wire + "'; known: "
				+ String.join(", ", Arrays.stream(type.getEnumConstants()).map(WireStatus::wire).toList()));
	}

	/** Every wire value of every stored status type (what no SQL text may name; see common-testing's scan). */
	static Set<String> allWires() {
		return Stream.of(VolumeStatus.values(), SnapshotStatus.values(), GroupStatus.values(), AttachStatus.values(),
				MigrationStatus.values()).flatMap(Arrays::stream).map(s -> ((WireStatus<?>) s).wire())
			.collect(java.util.stream.Collectors.toUnmodifiableSet());
	}

}
