package org.stilt.core.netcdf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Recognises NetCDF files by their first bytes, so that readers can reject other files with a clear message
 * (instead of NetCDF-Java's generic failure and console noise).
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class NetcdfSignature {

    /** What a file's signature says it is. */
    public enum Kind {
        /** NetCDF-4 (an HDF5 file; the signature may follow a user block at 512, 1024, 2048, ... bytes). */
        NETCDF4_HDF5,
        /** Classic NetCDF ({@code CDF\1}, 64-bit offset {@code CDF\2} or 64-bit data {@code CDF\5}). */
        NETCDF_CLASSIC,
        /** Neither. */
        OTHER
    }

    private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private NetcdfSignature() {
    }

    /**
     * The kind of the file.
     *
     * @throws IOException if it cannot be read
     */
    public static Kind of(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            byte[] head = read(ch, 0, 8);
            if (head.length >= 4 && head[0] == 'C' && head[1] == 'D' && head[2] == 'F'
                    && (head[3] == 1 || head[3] == 2 || head[3] == 5)) {
                return Kind.NETCDF_CLASSIC;
            }
            for (long off = 0; off + 8 <= size; off = off == 0 ? 512 : off * 2) {
                if (Arrays.equals(read(ch, off, 8), HDF5)) {
                    return Kind.NETCDF4_HDF5;
                }
            }
            return Kind.OTHER;
        }
    }

    /**
     * Fails unless the file starts like a NetCDF file.
     *
     * @param what what the file should be, for the message (e.g. "footprint file")
     * @throws org.stilt.core.UnreadableInputException naming the file and how it starts
     */
    public static void require(Path file, String what) {
        Kind kind;
        try {
            kind = of(file);
        } catch (IOException e) {
            throw new org.stilt.core.UnreadableInputException(what + " " + file + " cannot be read ("
                    + e.getMessage() + ")", e);
        }
        if (kind == Kind.OTHER) {
            throw new org.stilt.core.UnreadableInputException(what + " " + file
                    + " is not a NetCDF file (it starts with \"" + describeStart(file, 16) + "\")");
        }
    }

    /** The first bytes of the file as printable text (for messages), at most {@code n} bytes. */
    public static String describeStart(Path file, int n) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] b = read(ch, 0, n);
            StringBuilder sb = new StringBuilder();
            for (byte x : b) {
                int c = x & 0xff;
                sb.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c));
            }
            return sb.toString();
        } catch (IOException e) {
            return "?";
        }
    }

    private static byte[] read(FileChannel ch, long offset, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining()) {
            int r = ch.read(buf, offset + buf.position());
            if (r < 0) {
                break;
            }
        }
        return Arrays.copyOf(buf.array(), buf.position());
    }
}
