package org.stilt.core.netcdf;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.stilt.core.DurableFiles;
import org.stilt.core.OutputWriteException;
import org.stilt.core.StiltException;

import ucar.ma2.InvalidRangeException;
import ucar.nc2.NetcdfFileWriter;

/**
 * Writes a NetCDF-4 file safely: creates the parent directories, writes to a hidden temporary sibling
 * ({@code .<name>.<random>.tmp}), flushes it to disk, then renames it over the target atomically (falling back to a
 * replacing move where the file system cannot rename atomically). A crash or an error therefore never leaves a partial file
 * under the target name; the temporary file is deleted on failure.
 *
 * <p>Native NetCDF calls are serialised process-wide with {@link NetcdfLibrary#lock()}.
 *
 * <p>Thread-safety: thread-safe; concurrent writes to different targets are serialised on the native lock,
 * concurrent writes to the same target leave one complete file (the last rename wins).
 */
public final class NetcdfOutput {

    /**
     * Defines and writes the content of the file. Called with the lock held, in define mode.
     *
     * <p>Thread-safety: called on the writing thread only, under {@link NetcdfLibrary#lock()}.
     */
    @FunctionalInterface
    public interface Body {
        /**
         * Adds dimensions, variables and attributes, calls {@link NetcdfFileWriter#create()}, then writes data.
         * Must not close the writer.
         */
        void write(NetcdfFileWriter writer) throws IOException, InvalidRangeException;
    }

    private NetcdfOutput() {
    }

    /**
     * Writes {@code target} through a temporary sibling and an atomic rename.
     *
     * @param target   the file to create or replace
     * @param what     what the file is, for messages (e.g. "footprint file")
     * @param chunking chunking/compression policy
     * @param body     defines and writes the content
     * @throws OutputWriteException naming the file if anything fails (library missing, directory not writable,
     *                              disk full, ...); {@link StiltException}s thrown by {@code body} pass through
     *                              unchanged after the temporary file is removed
     */
    public static void write(Path target, String what, DeflateChunking chunking, Body body) {
        Path file = target.toAbsolutePath().normalize();
        Path dir = file.getParent();
        if (dir == null) {
            throw new OutputWriteException("cannot write " + what + " " + file + ": it has no parent directory", null);
        }
        if (Files.isDirectory(file)) {
            throw new OutputWriteException("cannot write " + what + " " + file + ": a directory of that name exists",
                    null);
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw new OutputWriteException("cannot write " + what + " " + file + ": " + e.getFile()
                    + " exists and is not a directory", e);
        } catch (IOException e) {
            throw new OutputWriteException("cannot write " + what + " " + file + ": cannot create directory " + dir
                    + " (" + describe(e) + ")", e);
        }
        if (!Files.isWritable(dir)) {
            throw new OutputWriteException("cannot write " + what + " " + file + ": directory " + dir
                    + " is not writable", null);
        }
        NetcdfLibrary.require(file);
        Path tmp = dir.resolve("." + file.getFileName() + "."
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean done = false;
        NetcdfLibrary.lock().lock();
        try {
            NetcdfFileWriter writer;
            try {
                writer = NetcdfFileWriter.createNew(NetcdfFileWriter.Version.netcdf4, tmp.toString(), chunking);
            } catch (IOException | RuntimeException e) {
                throw new OutputWriteException("cannot write " + what + " " + file + ": cannot open a new NetCDF-4"
                        + " file in " + dir + " (" + describe(e) + ")", e);
            }
            try {
                writer.setFill(true); // unwritten cells read as _FillValue, as in R-STILT's files
                body.write(writer);
            } catch (Throwable t) {
                try {
                    writer.close();
                } catch (IOException | RuntimeException suppressed) {
                    t.addSuppressed(suppressed);
                }
                throw t;
            }
            writer.close();
            if (!Files.isRegularFile(tmp)) {
                throw new OutputWriteException("cannot write " + what + " " + file + ": the NetCDF library did not"
                        + " create " + tmp + " (is " + dir + " writable?)", null);
            }
            done = true;
        } catch (StiltException e) {
            throw e;
        } catch (IOException | InvalidRangeException | RuntimeException e) {
            String reason = Files.exists(tmp) ? describe(e)
                    : "cannot create a file in directory " + dir + " (" + describe(e) + ")";
            throw new OutputWriteException("cannot write " + what + " " + file + ": " + reason, e);
        } finally {
            NetcdfLibrary.lock().unlock();
            if (!done) {
                deleteQuietly(tmp);
            }
        }
        try {
            // flush the data to disk before the rename, so that not even a power loss can expose a partial file
            DurableFiles.commit(tmp, file);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new OutputWriteException("cannot write " + what + " " + file + ": renaming the complete temporary"
                    + " file " + tmp.getFileName() + " failed (" + describe(e) + ")", e);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true); // persist the rename; best effort (not every platform can sync a directory)
        } catch (IOException | RuntimeException e) {
            // the file is complete and in place; durability of the directory entry is the OS's business
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort; the name is hidden and ends in .tmp, so it is never mistaken for a result
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof NoSuchFileException n) {
            return "no such file or directory: " + n.getFile();
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
    }
}
