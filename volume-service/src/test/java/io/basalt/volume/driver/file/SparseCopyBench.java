package io.basalt.volume.driver.file;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

/**
 * Throughput of the file backend's data path ({@link SparseCopy}, what a clone, a volume from a snapshot, a revert
 * and a migration run): a volume of {@code size} GiB holding {@code written} GiB of random data, spread in 1 MiB
 * blocks evenly over it, copied {@code runs} times (the copy deleted between runs). Prints the logical rate (volume
 * size / time, what a user sees for a clone) and the data rate (written bytes / time). Not a test: run by
 * {@code bench/sparse_copy.sh}.
 * <p>
 * {@code java -cp volume-service/target/classes:volume-service/target/test-classes
 * io.basalt.volume.driver.file.SparseCopyBench <dir> [sizeGiB=10] [writtenGiB=1] [runs=3]}
 */
public final class SparseCopyBench {

	private SparseCopyBench() {
	}

	public static void main(String[] args) throws IOException {
		Path dir = Path.of(args[0]);
		long size = ((args.length > 1) ? Long.parseLong(args[1]) : 10) << 30;
		long written = ((args.length > 2) ? Long.parseLong(args[2]) : 1) << 30;
		int runs = (args.length > 3) ? Integer.parseInt(args[3]) : 3;
		Files.createDirectories(dir);
		Path source = dir.resolve("bench-source");
		Path copy = dir.resolve("bench-copy");
		long blocks = written / SparseCopy.BLOCK;
		long stride = size / blocks;
		try (RandomAccessFile raf = new RandomAccessFile(source.toFile(), "rw")) {
			raf.setLength(size);
		}
		byte[] data = new byte[SparseCopy.BLOCK];
		new Random(42).nextBytes(data);
		try (FileChannel out = FileChannel.open(source, StandardOpenOption.WRITE)) {
			for (long b = 0; b < blocks; b++) {
				out.write(ByteBuffer.wrap(data), b * stride);
			}
			out.force(true);
		}
		System.out.printf("source: %d GiB, %d MiB of data in %d blocks of 1 MiB every %d MiB%n", size >> 30,
				written >> 20, blocks, stride >> 20);
		for (int run = 1; run <= runs; run++) {
			Files.deleteIfExists(copy);
			long start = System.nanoTime();
			long bytes = SparseCopy.copy(source, copy, size);
			double seconds = (System.nanoTime() - start) / 1e9;
			System.out.printf("run %d: %.2f s, %.2f GiB/s logical, %.2f GiB/s data (%d MiB written)%n", run, seconds,
					(size / (double) (1L << 30)) / seconds, (bytes / (double) (1L << 30)) / seconds, bytes >> 20);
		}
		Files.deleteIfExists(copy);
		Files.deleteIfExists(source);
	}

}
