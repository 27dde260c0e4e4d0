package org.stilt.core.met;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GzipBytes}: the one-piece inflate gives the stream's bytes for every gzip form, and
 * corrupt or oversized files fail with a message instead of wrong data.
 *
 * <p>Thread-safety: JUnit creates one instance per test method; not shared.
 */
class GzipBytesTest {

    @TempDir
    Path dir;

    private static byte[] content(int size) {
        byte[] b = new byte[size];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i % 97 < 60 ? 'A' + (i % 7) : r.nextInt(256));   // partly compressible
        }
        return b;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void singleMemberFileInflatesToItsContent() throws IOException {
        byte[] data = content(3_000_000);
        assertArrayEquals(data, GzipBytes.inflate(write("a.gz", gzip(data)), Long.MAX_VALUE));
    }

    @Test
    void headerWithFileNameCommentAndExtraFieldIsSkipped() throws IOException {
        byte[] data = content(10_000);
        byte[] plain = gzip(data);
        // rebuild the header with FEXTRA, FNAME and FCOMMENT set
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 3);
        out.write(0x04 | 0x08 | 0x10);
        out.write(plain, 4, 6);
        out.write(new byte[] {3, 0, 'x', 'y', 'z'});
        out.write("met.arl\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write("a comment\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(plain, 10, plain.length - 10);
        assertArrayEquals(data, GzipBytes.inflate(write("b.gz", out.toByteArray()), Long.MAX_VALUE));
    }

    @Test
    void multiMemberFileGivesAllMembers() throws IOException {
        byte[] first = content(5_000);
        byte[] second = content(7_000);
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(gzip(first));
        both.write(gzip(second));
        byte[] expected = new byte[first.length + second.length];
        System.arraycopy(first, 0, expected, 0, first.length);
        System.arraycopy(second, 0, expected, first.length, second.length);
        assertArrayEquals(expected, GzipBytes.inflate(write("c.gz", both.toByteArray()), Long.MAX_VALUE));
    }

    @Test
    void corruptCrcFails() throws IOException {
        byte[] gz = gzip(content(20_000));
        gz[gz.length - 8] ^= 0x55;
        IOException e = assertThrows(IOException.class, () -> GzipBytes.inflate(write("d.gz", gz), Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("CRC"), e.getMessage());
    }

    @Test
    void truncatedFileFails() throws IOException {
        byte[] gz = gzip(content(200_000));
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length / 2);
        assertThrows(IOException.class, () -> GzipBytes.inflate(write("e.gz", cut), Long.MAX_VALUE));
    }

    @Test
    void moreThanTheLimitFailsNamingIt() throws IOException {
        Path p = write("f.gz", gzip(content(50_000)));
        IOException e = assertThrows(IOException.class, () -> GzipBytes.inflate(p, 40_000));
        assertTrue(e.getMessage().contains("more than 40000 bytes"), e.getMessage());
    }

    @Test
    void notGzipFails() throws IOException {
        assertThrows(IOException.class, () -> GzipBytes.inflate(write("g.gz", content(1000)), Long.MAX_VALUE));
    }
}
