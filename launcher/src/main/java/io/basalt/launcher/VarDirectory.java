package io.basalt.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher's claims on its var directory: {@code launcher.lock} (one launcher per directory) and
 * {@code services.pid} (the pids of the service JVMs, rewritten after every start and restart, so that the next
 * launcher can stop what a killed one left behind). Used by the launcher's main thread and its stop.
 */
final class VarDirectory {

	private static final Logger log = LoggerFactory.getLogger(VarDirectory.class);

	private final Path dir;

	private FileChannel lockChannel;

	private FileLock lock;

	VarDirectory(Path dir) {
		this.dir = dir;
	}

	/** One launcher per var directory: the lock is held until {@link #unlock} (the OS frees it if the JVM dies). */
	void lock() throws IOException {
		Path lockFile = this.dir.resolve("launcher.lock");
		this.lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		this.lock = this.lockChannel.tryLock();
		if (this.lock == null) {
			this.lockChannel.close();
			this.lockChannel = null;
			throw new IllegalStateException("another launcher is running on " + this.dir);
		}
	}

	void unlock() {
		try {
			if (this.lock != null) {
				this.lock.release();
			}
			if (this.lockChannel != null) {
				this.lockChannel.close();
			}
		}
		catch (IOException ex) {
			log.debug("cannot release the launcher lock", ex);
		}
		this.lock = null;
		this.lockChannel = null;
	}

	Path pidFile() {
		return this.dir.resolve("services.pid");
	}

	void writePids(List<ServiceProcess> services) throws IOException {
		StringBuilder sb = new StringBuilder();
		for (ServiceProcess p : services) {
			if (p.pid() > 0) {
				sb.append(p.pid()).append(' ').append(p.name).append('\n');
			}
		}
		Files.writeString(pidFile(), sb, StandardCharsets.UTF_8);
	}

	void deletePids() {
		try {
			Files.deleteIfExists(pidFile());
		}
		catch (IOException ex) {
			log.debug("cannot delete {}", pidFile(), ex);
		}
	}

	/**
	 * Services left running by a launcher that was killed (SIGKILL, a crash) would hold the ports: stop them
	 * (SIGTERM, SIGKILL after {@code bound}). We hold the lock, so no live launcher owns them; only service JVMs
	 * ({@code -exec.jar}) are touched.
	 */
	void stopLeftovers(Duration bound) throws IOException, InterruptedException {
		Path file = pidFile();
		if (!Files.exists(file)) {
			return;
		}
		List<ProcessHandle> stale = new ArrayList<>();
		for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
			String[] parts = line.trim().split("\\s+", 2);
			try {
				ProcessHandle.of(Long.parseLong(parts[0]))
					.filter(ProcessHandle::isAlive)
					.filter(h -> h.info().commandLine().map(c -> c.contains("-exec.jar")).orElse(false))
					.ifPresent(h -> {
						log.warn("Stopping {} (pid {}) left running by an earlier launcher",
								parts.length > 1 ? parts[1] : "a service", h.pid());
						h.destroy();
						stale.add(h);
					});
			}
			catch (NumberFormatException ex) {
				// not ours
			}
		}
		long deadline = System.nanoTime() + bound.toNanos();
		for (ProcessHandle h : stale) {
			while (h.isAlive() && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
			if (h.isAlive()) {
				h.destroyForcibly();
			}
		}
		Files.deleteIfExists(file);
	}

}
