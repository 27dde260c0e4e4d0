package org.stilt.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The last step of every output writer: a complete temporary file is flushed to disk and renamed
 * over its final name, so that neither a crash nor a power loss can expose a partial file under
 * the final name.
 *
 * <p>Thread-safety: stateless; safe for concurrent use on different files.
 */
public final class DurableFiles {

    private DurableFiles() {
    }

    /**
     * Forces {@code tmp} to disk and moves it to {@code file} (atomically where the file system can,
     * else replacing an existing file).
     */
    public static void commit(Path tmp, Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
