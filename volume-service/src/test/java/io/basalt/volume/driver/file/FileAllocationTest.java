package io.basalt.volume.driver.file;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.basalt.volume.driver.file.FileAllocation.Reconciliation;
import io.basalt.volume.driver.file.FileAllocation.Usage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The counters against a simulated disk: the changes keep them exact, a reconciliation takes the disk's figures. */
@Timeout(30)
class FileAllocationTest {

	private final FileAllocation allocation = new FileAllocation();

	/** What is "on disk": the changes below update it as a driver's file operations would. */
	private final AtomicLong diskBytes = new AtomicLong();

	private final AtomicLong diskVolumes = new AtomicLong();

	private final AtomicInteger scans = new AtomicInteger();

	private final ExecutorService threads = Executors.newFixedThreadPool(8);

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	private Usage disk() {
		this.scans.incrementAndGet();
		return new Usage(this.diskBytes.get(), this.diskVolumes.get());
	}

	private void create(String id, long bytes) throws IOException {
		this.allocation.change(id, () -> {
			this.diskBytes.addAndGet(bytes);
			this.diskVolumes.incrementAndGet();
			return Usage.added(bytes);
		});
	}

	/** Changes add what they report; no scan is needed for that. */
	@Test
	void changesKeepTheFiguresWithoutScanning() throws IOException {
		create("a", 10);
		create("b", 20);
		this.allocation.change("a", () -> Usage.grown(5));
		this.allocation.change("b", () -> Usage.removed(20));

		assertThat(this.allocation.usage()).isEqualTo(new Usage(15, 1));
		assertThat(this.scans).hasValue(0);
	}

	/** A change that throws counts nothing. */
	@Test
	void aFailedChangeCountsNothing() {
		assertThatThrownBy(() -> this.allocation.change("a", () -> {
			throw new IOException("disk full");
		})).isInstanceOf(IOException.class);

		assertThat(this.allocation.usage()).isEqualTo(Usage.NONE);
	}

	/** Files added and removed behind the counters' back are found, reported and corrected. */
	@Test
	void reconciliationCorrectsDrift() throws IOException {
		create("a", 10);
		this.diskBytes.addAndGet(100);
		this.diskVolumes.addAndGet(3);

		Reconciliation result = this.allocation.reconcile(this::disk);

		assertThat(result.drifted()).isTrue();
		assertThat(result.counted()).isEqualTo(new Usage(10, 1));
		assertThat(result.found()).isEqualTo(new Usage(110, 4));
		assertThat(result.exclusive()).isFalse();
		assertThat(this.allocation.usage()).isEqualTo(new Usage(110, 4));
		assertThat(this.allocation.reconcile(this::disk).drifted()).isFalse();
	}

	/** Counters below zero (a file removed behind the back, then deleted by the driver too) read as zero. */
	@Test
	void usageIsNeverNegative() throws IOException {
		this.allocation.change("a", () -> Usage.removed(10));

		assertThat(this.allocation.usage()).isEqualTo(Usage.NONE);
	}

	/**
	 * A change that overlaps every optimistic scan makes the reconciliation hold the operations back for one last
	 * scan; the change waits for it, and nothing is counted twice or lost.
	 */
	@Test
	void overlappedScansFallBackToAnExclusiveOne() throws Exception {
		this.diskVolumes.set(7);
		this.diskBytes.set(70);
		List<Future<?>> changes = new ArrayList<>();
		AtomicInteger completedDuringScan = new AtomicInteger();

		Reconciliation result = this.allocation.reconcile(() -> {
			Future<?> change = this.threads.submit(() -> {
				create("v" + changes.size(), 1);
				return null;
			});
			changes.add(change);
			// The optimistic scans wait for the change to end within them; the exclusive one sees it held back.
			boolean optimistic = changes.size() <= FileAllocation.OPTIMISTIC_TRIES;
			try {
				change.get(optimistic ? 10_000 : 200, TimeUnit.MILLISECONDS);
				completedDuringScan.incrementAndGet();
			}
			catch (java.util.concurrent.TimeoutException held) {
				// the exclusive scan holds the change back
			}
			catch (Exception ex) {
				throw new IOException(ex);
			}
			return disk();
		});
		for (Future<?> change : changes) {
			change.get(10, TimeUnit.SECONDS);
		}

		assertThat(result.exclusive()).isTrue();
		assertThat(this.scans).hasValue(FileAllocation.OPTIMISTIC_TRIES + 1);
		assertThat(completedDuringScan).hasValue(FileAllocation.OPTIMISTIC_TRIES);
		assertThat(this.allocation.usage()).isEqualTo(disk());
	}

	/** Many changes racing with repeated reconciliations leave the figures equal to the disk's. */
	@Test
	void concurrentChangesAndReconciliationsAgree() throws Exception {
		this.diskVolumes.set(5);
		this.diskBytes.set(500);
		AtomicBoolean stop = new AtomicBoolean();
		CountDownLatch started = new CountDownLatch(4);
		List<Future<?>> workers = new ArrayList<>();
		for (int w = 0; w < 4; w++) {
			int worker = w;
			workers.add(this.threads.submit(() -> {
				started.countDown();
				for (int i = 0; !stop.get() || i < 200; i++) {
					String id = worker + "-" + i;
					create(id, 3);
					this.allocation.change(id, () -> {
						this.diskBytes.addAndGet(2);
						return Usage.grown(2);
					});
					if (i % 2 == 0) {
						this.allocation.change(id, () -> {
							this.diskBytes.addAndGet(-5);
							this.diskVolumes.decrementAndGet();
							return Usage.removed(5);
						});
					}
				}
				return null;
			}));
		}
		started.await();
		for (int r = 0; r < 50; r++) {
			this.allocation.reconcile(this::disk);
		}
		stop.set(true);
		for (Future<?> worker : workers) {
			worker.get(20, TimeUnit.SECONDS);
		}

		assertThat(this.allocation.usage()).isEqualTo(disk());
		assertThat(this.allocation.reconcile(this::disk).drifted()).isFalse();
	}

}
