package io.basalt.common.state;

import java.util.EnumSet;
import java.util.Set;

/**
 * A named status change: a row in one of {@link #from} may go to {@link #to}. Built only from pairs the status's
 * transition table allows (the constructor checks), so a guarded {@code UPDATE … SET status = ? WHERE status =
 * ANY(?)} bound from {@link #toWire()} and {@link #fromWires()} can never write a change the table forbids.
 * @param <S> the status enum
 * @param from the statuses the change starts from (not empty)
 * @param to the status it ends in
 */
public record Transition<S extends Enum<S> & WireStatus<S>>(Set<S> from, S to) {

	public Transition {
		if (from.isEmpty()) {
			throw new IllegalArgumentException("a transition to " + to.wire() + " needs a from-status");
		}
		for (S f : from) {
			if (!f.mayGoTo(to)) {
				throw new IllegalArgumentException(
						to.getClass().getSimpleName() + " " + f.wire() + " may not go to " + to.wire());
			}
		}
		from = Set.copyOf(EnumSet.copyOf(from));
	}

	@SafeVarargs
	public static <S extends Enum<S> & WireStatus<S>> Transition<S> of(S to, S first, S... more) {
		return new Transition<>(EnumSet.of(first, more), to);
	}

	public static <S extends Enum<S> & WireStatus<S>> Transition<S> of(Set<S> from, S to) {
		return new Transition<>(from, to);
	}

	/** The from-statuses' wire values, sorted, for {@code status = ANY(?)}. */
	public String[] fromWires() {
		return WireStatus.wires(this.from);
	}

	/** The single from-status's wire value, for {@code status = ?}; fails if there are several. */
	public String fromWire() {
		if (this.from.size() != 1) {
			throw new IllegalStateException("transition to " + this.to.wire() + " has several from-statuses");
		}
		return this.from.iterator().next().wire();
	}

	/** The target's wire value, for {@code SET status = ?}. */
	public String toWire() {
		return this.to.wire();
	}

	/** Whether a row in {@code status} (a wire value) may take this transition. */
	public boolean accepts(String status) {
		return this.from.stream().anyMatch(s -> s.wire().equals(status));
	}

}
