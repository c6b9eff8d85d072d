package io.basalt.volume.driver;

/** The pool cannot hold the requested size; another backend may. */
public class InsufficientCapacityException extends DriverException {

	public InsufficientCapacityException(String message) {
		super(message);
	}

}
