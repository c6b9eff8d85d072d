package io.basalt.scheduler.weigher;

/** How the winner is picked from the weighed pools. */
public enum ChoiceMode {

	/** The highest weight wins (Cinder's {@code OrderedHostWeightHandler}); ties go to the lowest pool name. */
	ORDERED,

	/** A weighted random pick among the best few (spreads concurrent schedulers' choices). */
	STOCHASTIC

}
