package io.basalt.volume.driver.file;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The file driver's allocation figures — bytes provisioned to volume files and how many there are — kept
 * incrementally: each operation adds what it changed on disk, in O(1), so no directory listing is on the
 * operations' path. {@link #reconcile} compares the figures with a scan of the directory and corrects any drift
 * (files removed, added or resized behind the driver's back, an operation that failed half-way).
 * <p>
 * Threading. {@link #change} serializes the operations on one volume with a striped lock (a redelivered message
 * may overlap the first delivery; both must not count the same file) and lets different volumes proceed in
 * parallel. A reconciliation first scans without any lock and keeps the result only if no change overlapped the
 * scan (every change begun before the scan ended had ended before it began); after {@value #OPTIMISTIC_TRIES}
 * overlapped tries it scans once more holding every stripe, which holds the operations back for one scan.
 * Corrections are applied as differences, so changes made after the scan are never lost. Reconciliations run
 * one at a time.
 */
final class FileAllocation {

	static final int OPTIMISTIC_TRIES = 3;

	private static final int STRIPES = 64;

	private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

	private final AtomicLong bytes = new AtomicLong();

	private final AtomicLong volumes = new AtomicLong();

	/** Changes begun and ended: equal counts around a scan prove that no change overlapped it. */
	private final AtomicLong begun = new AtomicLong();

	private final AtomicLong ended = new AtomicLong();

	private final Object reconciling = new Object();

	FileAllocation() {
		for (int i = 0; i < STRIPES; i++) {
			this.stripes[i] = new ReentrantLock();
		}
	}

	/** The figures now (never negative, even while an outside change has not been reconciled yet). */
	Usage usage() {
		return new Usage(Math.max(0, this.bytes.get()), Math.max(0, this.volumes.get()));
	}

	/**
	 * Runs {@code change} on the volume {@code volumeId}'s file, alone among the changes of that volume, and adds
	 * the difference it reports. A change that throws counts nothing, so it must throw only before it has changed
	 * the file or after a change it reports as none.
	 */
	void change(String volumeId, Change change) throws IOException {
		ReentrantLock stripe = this.stripes[Math.floorMod(volumeId.hashCode(), STRIPES)];
		stripe.lock();
		this.begun.incrementAndGet();
		try {
			add(change.apply());
		}
		finally {
			this.ended.incrementAndGet();
			stripe.unlock();
		}
	}

	/**
	 * Compares the figures with {@code scanner}'s and takes the scanner's.
	 * @return what was counted and what was found (equal when there was no drift)
	 */
	Reconciliation reconcile(Scanner scanner) throws IOException {
		synchronized (this.reconciling) {
			for (int i = 0; i < OPTIMISTIC_TRIES; i++) {
				long endedBefore = this.ended.get();
				Usage found = scanner.scan();
				Usage counted = new Usage(this.bytes.get(), this.volumes.get());
				if (this.begun.get() == endedBefore) {
					return correct(counted, found, false);
				}
			}
			return reconcileExclusively(scanner);
		}
	}

	private Reconciliation reconcileExclusively(Scanner scanner) throws IOException {
		int held = 0;
		try {
			for (; held < STRIPES; held++) {
				this.stripes[held].lock();
			}
			Usage found = scanner.scan();
			return correct(new Usage(this.bytes.get(), this.volumes.get()), found, true);
		}
		finally {
			while (held > 0) {
				this.stripes[--held].unlock();
			}
		}
	}

	private Reconciliation correct(Usage counted, Usage found, boolean exclusive) {
		add(new Usage(found.bytes() - counted.bytes(), found.volumes() - counted.volumes()));
		return new Reconciliation(counted, found, exclusive);
	}

	private void add(Usage delta) {
		if (delta.bytes() != 0) {
			this.bytes.addAndGet(delta.bytes());
		}
		if (delta.volumes() != 0) {
			this.volumes.addAndGet(delta.volumes());
		}
	}

	/**
	 * Bytes provisioned to volume files and their number; or, as a change, the difference.
	 *
	 * @param bytes the volume files' lengths (sparse: not the blocks they use)
	 * @param volumes how many volume files
	 */
	record Usage(long bytes, long volumes) {

		static final Usage NONE = new Usage(0, 0);

		/** One volume file of {@code bytes} more. */
		static Usage added(long bytes) {
			return new Usage(bytes, 1);
		}

		/** One volume file of {@code bytes} fewer. */
		static Usage removed(long bytes) {
			return new Usage(-bytes, -1);
		}

		/** The same volume files, {@code bytes} longer. */
		static Usage grown(long bytes) {
			return new Usage(bytes, 0);
		}

	}

	/**
	 * The outcome of a reconciliation.
	 *
	 * @param counted the figures before
	 * @param found what the scan found (the figures now, before any later change)
	 * @param exclusive whether the scan had to hold the operations back
	 */
	record Reconciliation(Usage counted, Usage found, boolean exclusive) {

		boolean drifted() {
			return !this.counted.equals(this.found);
		}

	}

	/** Changes one volume's file and says what it changed. */
	@FunctionalInterface
	interface Change {

		Usage apply() throws IOException;

	}

	/** Reads the figures from the file system. */
	@FunctionalInterface
	interface Scanner {

		Usage scan() throws IOException;

	}

}
