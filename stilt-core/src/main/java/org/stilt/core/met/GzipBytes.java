package org.stilt.core.met;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

/**
 * Inflates a gzip file into one array. A single-member file (what {@code gzip} writes) is inflated
 * straight into an array of the size its trailer records (RFC 1952 ISIZE), checked against the
 * trailer's CRC-32 and size: one allocation, where reading the stream to its end allocates the data
 * about twice in pieces (a 48 MB ARL file: 0.10 s instead of 0.10–0.17 s, and half the garbage;
 * docs/performance.md). Multi-member files and files larger than one array take the stream.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
final class GzipBytes {

    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int TRAILER_BYTES = 8;

    private GzipBytes() {
    }

    /**
     * The inflated content of {@code path}, at most {@code maxBytes} bytes.
     *
     * @throws IOException when the file cannot be read, is not gzip, is corrupt (CRC-32 or size
     *                     mismatch) or inflates to more than {@code maxBytes} (message says so)
     */
    static byte[] inflate(Path path, long maxBytes) throws IOException {
        byte[] gz = Files.readAllBytes(path);
        byte[] direct = singleMember(gz, maxBytes);
        if (direct != null) {
            return direct;
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz), 1 << 16)) {
            byte[] bytes = in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 8L));
            if (in.read() >= 0) {
                throw new IOException("inflates to more than " + maxBytes + " bytes; expected a gzip file that fits"
                        + " one in-memory array (gunzip it so that it is mapped instead)");
            }
            return bytes;
        }
    }

    /**
     * The content of a single-member gzip file inflated in one piece, or null when the file is
     * multi-member or its recorded size does not fit (the caller streams it instead).
     */
    private static byte[] singleMember(byte[] gz, long maxBytes) throws IOException {
        int offset = headerLength(gz);
        if (offset < 0 || gz.length - offset < TRAILER_BYTES) {
            return null;
        }
        ByteBuffer trailer = ByteBuffer.wrap(gz, gz.length - TRAILER_BYTES, TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long crc = trailer.getInt() & 0xffffffffL;
        long size = trailer.getInt() & 0xffffffffL;   // the size modulo 2^32
        if (size > maxBytes || size > Integer.MAX_VALUE - 8L) {
            return null;
        }
        byte[] out = new byte[(int) size];
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(gz, offset, gz.length - offset);
            int n = 0;
            while (!inflater.finished() && n < out.length) {
                int k = inflater.inflate(out, n, out.length - n);
                if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IOException("truncated gzip data after " + n + " of " + size + " bytes");
                }
                n += k;
            }
            if (!inflater.finished()) {
                // more data than the trailer records: a member of more than 4 GiB or several
                // members; let the stream decide
                return null;
            }
            if (inflater.getRemaining() != TRAILER_BYTES) {
                return null;   // several members (or trailing bytes): the stream reads them all
            }
            if (n != out.length) {
                throw new IOException("gzip data is " + n + " bytes; its trailer records " + size);
            }
        } catch (DataFormatException e) {
            throw new IOException("corrupt gzip data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
        CRC32 check = new CRC32();
        check.update(out);
        if (check.getValue() != crc) {
            throw new IOException("gzip CRC-32 mismatch (corrupt file)");
        }
        return out;
    }

    /** Length of the gzip member header at the start of {@code gz}, or -1 when it is not gzip (RFC 1952 §2.3). */
    private static int headerLength(byte[] gz) {
        if (gz.length < 10 || (gz[0] & 0xff) != 0x1f || (gz[1] & 0xff) != 0x8b || gz[2] != 8) {
            return -1;
        }
        int flags = gz[3] & 0xff;
        int p = 10;
        if ((flags & FEXTRA) != 0) {
            if (p + 2 > gz.length) {
                return -1;
            }
            p += 2 + ((gz[p] & 0xff) | ((gz[p + 1] & 0xff) << 8));
        }
        if ((flags & FNAME) != 0) {
            p = afterZero(gz, p);
        }
        if ((flags & FCOMMENT) != 0 && p >= 0) {
            p = afterZero(gz, p);
        }
        if ((flags & FHCRC) != 0 && p >= 0) {
            p += 2;
        }
        return p >= 0 && p <= gz.length ? p : -1;
    }

    private static int afterZero(byte[] gz, int p) {
        while (p < gz.length && gz[p] != 0) {
            p++;
        }
        return p < gz.length ? p + 1 : -1;
    }
}
