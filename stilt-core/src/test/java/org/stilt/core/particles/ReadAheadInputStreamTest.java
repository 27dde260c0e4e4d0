package org.stilt.core.particles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** The read-ahead stream must deliver the source's bytes unchanged, rethrow its errors and stop cleanly. */
class ReadAheadInputStreamTest {

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return b;
    }

    @Test
    void deliversEveryByteInOrderThroughBothReadMethods() throws IOException {
        byte[] data = randomBytes(3 * (1 << 18) + 12345); // several chunks and a partial one
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new ReadAheadInputStream(new ByteArrayInputStream(data), "test")) {
            out.write(in.read());
            byte[] buf = new byte[7777];
            int n;
            while ((n = in.read(buf, 0, buf.length)) > 0) {
                out.write(buf, 0, n);
            }
            assertEquals(-1, in.read());
            assertEquals(-1, in.read(buf, 0, 10));
        }
        assertArrayEquals(data, out.toByteArray());
    }

    @Test
    void emptySourceIsEmpty() throws IOException {
        try (InputStream in = new ReadAheadInputStream(new ByteArrayInputStream(new byte[0]), "empty")) {
            assertEquals(-1, in.read());
        }
    }

    @Test
    void sourceErrorReachesTheConsumerAfterTheGoodBytes() throws IOException {
        byte[] good = randomBytes(1 << 18);
        InputStream failing = new InputStream() {
            int pos;

            @Override
            public int read() throws IOException {
                if (pos < good.length) {
                    return good[pos++] & 0xff;
                }
                throw new IOException("disk on fire");
            }
        };
        try (InputStream in = new ReadAheadInputStream(failing, "failing")) {
            byte[] first = in.readNBytes(good.length);
            assertArrayEquals(good, first);
            IOException e = assertThrows(IOException.class, in::read);
            assertEquals("disk on fire", e.getMessage());
        }
    }

    @Test
    void closingEarlyStopsTheReaderAndClosesTheSource() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 1;
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
        InputStream in = new ReadAheadInputStream(endless, "endless");
        assertEquals(1, in.read());
        in.close();
        assertTrue(closed.get(), "source closed");
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("read-ahead endless")),
                "reader thread ended");
    }
}
