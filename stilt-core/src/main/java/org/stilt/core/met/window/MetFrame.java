package org.stilt.core.met.window;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Objects;

/**
 * One valid time of the met on one sub-grid: every plane the kernel needs in one direct
 * (off-heap) buffer of {@code float32} in the platform byte order, laid out as
 * {@link MetFrameLayout} says, so that a native kernel reads it in place (through
 * {@code MemorySegment.ofBuffer(frame.bytes())} in the FFM binding) without copying.
 *
 * <p>Memory is released by the garbage collector once the frame is unreachable (direct buffers
 * have no explicit free without {@code java.lang.foreign}, which stilt-core does not use); while a
 * {@link MetFrameCache} holds it, it counts against the cache's budget.
 *
 * <p>Thread-safety: immutable after it is built; the views returned are read-only and each call
 * returns a new view, so concurrent readers are safe.
 */
public final class MetFrame {

    private final MetFrameLayout layout;
    private final ByteBuffer data;
    /** The whole (writable) allocation, possibly larger than the frame; reused by {@link MetFrameCache}. */
    final ByteBuffer storage;

    MetFrame(MetFrameLayout layout, ByteBuffer storage) {
        this.layout = Objects.requireNonNull(layout, "layout");
        if (!storage.isDirect() || storage.capacity() < layout.byteSize()) {
            throw new IllegalArgumentException("frame buffer of " + storage.capacity() + " bytes (direct "
                    + storage.isDirect() + "); the layout needs a direct buffer of " + layout.byteSize());
        }
        this.storage = storage;
        this.data = storage.slice(0, (int) layout.byteSize()).asReadOnlyBuffer().order(MetFrameLayout.BYTE_ORDER);
    }

    /** The layout. */
    public MetFrameLayout layout() {
        return layout;
    }

    /** A read-only view of the frame's bytes (direct, platform byte order, position 0). */
    public ByteBuffer bytes() {
        return data.duplicate().order(MetFrameLayout.BYTE_ORDER);
    }

    /** A read-only view of the frame's values. */
    public FloatBuffer values() {
        return bytes().asFloatBuffer();
    }

    /** Size in bytes. */
    public long byteSize() {
        return layout.byteSize();
    }

    /** Surface variable {@code v} at sub-grid point ({@code i}, {@code j}), 0-based. */
    public float surface(int v, int i, int j) {
        return data.getFloat((layout.surfaceOffset(v) + point(i, j)) * Float.BYTES);
    }

    /** Upper variable {@code v} at upper level {@code k} (file level k+1) and sub-grid point (i, j). */
    public float upper(int v, int k, int i, int j) {
        return data.getFloat((layout.upperOffset(v, k) + point(i, j)) * Float.BYTES);
    }

    private int point(int i, int j) {
        SubGrid s = layout.subGrid();
        Objects.checkIndex(i, s.wx());
        Objects.checkIndex(j, s.wy());
        return j * s.wx() + i;
    }

    @Override
    public String toString() {
        return "MetFrame[" + layout + "]";
    }
}
