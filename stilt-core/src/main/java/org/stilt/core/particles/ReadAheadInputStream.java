package org.stilt.core.particles;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a source stream on a background thread into a few chunks ahead of the consumer, so that
 * producing the bytes (gzip inflation of a particle CSV) overlaps with parsing them. An exception
 * of the source is rethrown to the consumer; closing stops the reader thread and closes the source.
 *
 * <p>Thread-safety: one consumer thread only (plus the internal reader thread it owns).
 */
final class ReadAheadInputStream extends InputStream {

    private static final int CHUNK = 1 << 18;
    private static final int CHUNKS_AHEAD = 4;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    private final Thread reader;
    private final InputStream source;
    private byte[] current = new byte[0];
    private int currentLength;
    private int position;
    private boolean ended;

    ReadAheadInputStream(InputStream source, String name) {
        this.source = source;
        this.reader = Thread.ofPlatform().daemon().name("read-ahead " + name).unstarted(this::pump);
        this.reader.start();
    }

    private void pump() {
        try {
            while (true) {
                byte[] chunk = new byte[CHUNK];
                int n = source.readNBytes(chunk, 0, CHUNK);
                if (n > 0) {
                    queue.put(n == CHUNK ? chunk : java.util.Arrays.copyOf(chunk, n));
                }
                if (n < CHUNK) {
                    queue.put(END);
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            try {
                queue.put(e);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Moves to the next chunk; false at the end of the stream. */
    private boolean advance() throws IOException {
        if (ended) {
            return false;
        }
        Object next;
        try {
            next = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading ahead");
        }
        if (next instanceof IOException e) {
            ended = true;
            throw e;
        }
        if (next instanceof RuntimeException e) {
            ended = true;
            throw e;
        }
        byte[] chunk = (byte[]) next;
        if (chunk == END) {
            ended = true;
            return false;
        }
        current = chunk;
        currentLength = chunk.length;
        position = 0;
        return true;
    }

    @Override
    public int read() throws IOException {
        if (position == currentLength && !advance()) {
            return -1;
        }
        return current[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (position == currentLength && !advance()) {
            return -1;
        }
        int n = Math.min(len, currentLength - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        reader.interrupt();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            source.close();
        }
    }
}
