package io.basalt.volume.driver.file;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file backend's one data path: copies a file writing only its non-zero blocks, so holes (and zero blocks)
 * stay holes in the copy. Used for snapshots, clones, volumes from snapshots, reverts and migrations.
 * <p>
 * Stateless and thread-safe; each call uses its own 1 MiB buffer.
 */
final class SparseCopy {

	/** The unit of the zero test and of the writes; a block with any non-zero byte is written whole. */
	static final int BLOCK = 1 << 20;

	private SparseCopy() {
	}

	/**
	 * Copies {@code source} into {@code target} (created or truncated), then sets the target's length to
	 * {@code length} (the source's length if negative) without writing the trailing holes, and forces the data to
	 * disk (so that the caller's rename publishes a whole copy).
	 * @return the bytes written (non-zero blocks only)
	 */
	static long copy(Path source, Path target, long length) throws IOException {
		long written = 0;
		try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
				FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
						StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SPARSE)) {
			long size = in.size();
			ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
			long position = 0;
			while (position < size) {
				block.clear();
				int read = in.read(block, position);
				if (read < 0) {
					break;
				}
				block.flip();
				if (!isZero(block)) {
					while (block.hasRemaining()) {
						written += out.write(block, position + block.position());
					}
				}
				position += read;
			}
			// Set the full length without writing the trailing holes.
			long finalLength = (length < 0) ? size : length;
			if (out.size() < finalLength) {
				// FileChannel cannot grow a file without writing (one byte at the end would allocate a block).
				try (RandomAccessFile raf = new RandomAccessFile(target.toFile(), "rw")) {
					raf.setLength(finalLength);
				}
			}
			else if (out.size() > finalLength) {
				out.truncate(finalLength);
			}
			out.force(true);
		}
		return written;
	}

	static boolean isZero(ByteBuffer block) {
		int i = block.position();
		for (; i + Long.BYTES <= block.limit(); i += Long.BYTES) {
			if (block.getLong(i) != 0) {
				return false;
			}
		}
		for (; i < block.limit(); i++) {
			if (block.get(i) != 0) {
				return false;
			}
		}
		return true;
	}

}
