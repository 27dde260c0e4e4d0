package org.stilt.core.met.window;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.List;

import org.stilt.core.met.ArlFile;
import org.stilt.core.met.ArlIndex;
import org.stilt.core.met.ArlPeriod;

/**
 * Builds {@link MetFrame}s: allocates the direct buffer and unpacks every plane of the sub-grid
 * straight into it ({@link ArlFile#readWindow}), adding {@code DIF*} records where the selection
 * names one.
 *
 * <p>Thread-safety: stateless; safe for concurrent use (per-thread scratch only).
 */
public final class MetFrames {

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][0]);

    private MetFrames() {
    }

    /** The layout of a frame of {@code entry} with {@code selection} on {@code subGrid}. */
    public static MetFrameLayout layout(MetSeries.Entry entry, MetVariables.Selection selection, SubGrid subGrid) {
        ArlIndex idx = entry.period().index();
        double[] levels = new double[idx.levelCount() - 1];
        for (int k = 1; k < idx.levelCount(); k++) {
            levels[k - 1] = idx.levels().get(k).value();
        }
        return new MetFrameLayout(entry.validTime(), idx.grid(), subGrid, idx.verticalCoordinate(), levels,
                idx.grid().reserved(), selection.surfaceNames(), selection.upperNames());
    }

    /** Reads one frame into a new direct buffer (in the calling thread). */
    public static MetFrame build(MetSeries.Entry entry, MetVariables.Selection selection, SubGrid subGrid) {
        return build(entry, selection, subGrid, null);
    }

    /**
     * Reads one frame into {@code storage} (direct, at least the layout's size; every byte of the
     * frame is overwritten, so it need not be zeroed), or into a new buffer when null.
     */
    static MetFrame build(MetSeries.Entry entry, MetVariables.Selection selection, SubGrid subGrid,
                          ByteBuffer storage) {
        MetFrameLayout layout = layout(entry, selection, subGrid);
        ByteBuffer buf = storage != null ? storage
                : ByteBuffer.allocateDirect((int) layout.byteSize()).order(MetFrameLayout.BYTE_ORDER);
        FloatBuffer fb = buf.duplicate().order(MetFrameLayout.BYTE_ORDER).asFloatBuffer();
        ArlFile file = entry.file();
        ArlPeriod period = entry.period();
        List<MetVariables.Resolved> sfc = selection.surface();
        for (int v = 0; v < sfc.size(); v++) {
            plane(file, period, sfc.get(v), 0, subGrid, fb, layout.surfaceOffset(v));
        }
        List<MetVariables.Resolved> up = selection.upper();
        for (int v = 0; v < up.size(); v++) {
            for (int k = 0; k < layout.nlev(); k++) {
                plane(file, period, up.get(v), k + 1, subGrid, fb, layout.upperOffset(v, k));
            }
        }
        return new MetFrame(layout, buf);
    }

    private static void plane(ArlFile file, ArlPeriod period, MetVariables.Resolved var, int level, SubGrid s,
                              FloatBuffer dst, int offset) {
        if (var.differenceName() == null) {
            dst.position(offset);
            file.readWindow(period, var.name(), level, s.x0(), s.y0(), s.wx(), s.wy(), dst);
            return;
        }
        int n = s.points();
        float[][] scratch = SCRATCH.get();
        if (scratch[0].length < n) {
            scratch[0] = new float[n];
            scratch[1] = new float[n];
        }
        float[] a = scratch[0];
        float[] d = scratch[1];
        file.readWindow(period, var.name(), level, s.x0(), s.y0(), s.wx(), s.wy(), FloatBuffer.wrap(a, 0, n));
        file.readWindow(period, var.differenceName(), level, s.x0(), s.y0(), s.wx(), s.wy(), FloatBuffer.wrap(d, 0, n));
        for (int i = 0; i < n; i++) {
            a[i] += d[i];
        }
        dst.put(offset, a, 0, n);
    }
}
