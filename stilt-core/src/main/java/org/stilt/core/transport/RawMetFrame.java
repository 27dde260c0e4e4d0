package org.stilt.core.transport;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.stilt.core.met.VerticalCoordinate;

/**
 * One met time on a sub-grid as stored in the ARL file, before conversion to the kernel's internal
 * levels: surface fields and upper-level fields on the file's own levels.
 *
 * @param x0             0-based column of the sub-grid's first point in the full grid
 * @param y0             0-based row of the sub-grid's first point in the full grid
 * @param wx             sub-grid columns
 * @param wy             sub-grid rows
 * @param validTime      the valid time of the fields
 * @param coordinate     the file's vertical coordinate
 * @param levelValues    the value of each upper level as listed in the index (σ, hPa, ...), bottom up
 * @param topPressureHpa the sigma top pressure (the index's reserved field, 0 for HRRR)
 * @param surface        surface fields by ARL name, {@code wx·wy} values each (x fastest)
 * @param upper          upper fields by ARL name, {@code levels·wx·wy} values each ([level][y][x])
 *
 * <p>Thread-safety: immutable by contract (callers must not modify the arrays); safe to share.
 */
public record RawMetFrame(int x0, int y0, int wx, int wy, Instant validTime, VerticalCoordinate coordinate,
                          double[] levelValues, double topPressureHpa, Map<String, float[]> surface,
                          Map<String, float[]> upper) {

    public RawMetFrame {
        Objects.requireNonNull(validTime, "validTime");
        Objects.requireNonNull(coordinate, "coordinate");
        surface = Map.copyOf(surface);
        upper = Map.copyOf(upper);
        if (wx < 2 || wy < 2) {
            throw new IllegalArgumentException("sub-grid " + wx + " × " + wy + "; expected at least 2 × 2");
        }
    }

    /** Number of upper levels. */
    public int levelCount() {
        return levelValues.length;
    }

    /** A surface field or null. */
    public float[] surfaceField(String name) {
        return surface.get(name);
    }

    /** An upper field or null. */
    public float[] upperField(String name) {
        return upper.get(name);
    }

    /**
     * Rows {@code [fromRow, toRow)} of this frame as a frame of their own, for converting a frame in
     * row bands: {@code window(0, fromRow, wx, toRow - fromRow)}.
     *
     * @throws IllegalArgumentException unless the band lies inside the frame and has at least 2 rows
     */
    public RawMetFrame rows(int fromRow, int toRow) {
        return window(0, fromRow, wx, toRow - fromRow);
    }

    /**
     * The {@code w × h} points whose first point is (i0, j0) of this frame, as a frame of their own
     * (copies of those points of every field; {@code x0}, {@code y0} move with them): for converting
     * parts of a frame separately (the conversion works column by column).
     *
     * @throws IllegalArgumentException unless the window lies inside the frame and is at least 2 × 2
     */
    public RawMetFrame window(int i0, int j0, int w, int h) {
        if (i0 < 0 || j0 < 0 || w < 2 || h < 2 || i0 + w > wx || j0 + h > wy) {
            throw new IllegalArgumentException("window of " + w + " × " + h + " points at (" + i0 + ", " + j0
                    + ") of a " + wx + " × " + wy + " frame; expected at least 2 × 2 points inside it");
        }
        int plane = wx * wy;
        int part = w * h;
        Map<String, float[]> sfc = new java.util.HashMap<>();
        for (Map.Entry<String, float[]> e : surface.entrySet()) {
            float[] out = new float[part];
            copyWindow(e.getValue(), 0, out, 0, i0, j0, w, h);
            sfc.put(e.getKey(), out);
        }
        Map<String, float[]> up = new java.util.HashMap<>();
        int nl = levelValues.length;
        for (Map.Entry<String, float[]> e : upper.entrySet()) {
            float[] out = new float[nl * part];
            for (int l = 0; l < nl; l++) {
                copyWindow(e.getValue(), l * plane, out, l * part, i0, j0, w, h);
            }
            up.put(e.getKey(), out);
        }
        return new RawMetFrame(x0 + i0, y0 + j0, w, h, validTime, coordinate, levelValues, topPressureHpa, sfc, up);
    }

    private void copyWindow(float[] src, int srcPlane, float[] dst, int dstPlane, int i0, int j0, int w, int h) {
        for (int j = 0; j < h; j++) {
            System.arraycopy(src, srcPlane + (j0 + j) * wx + i0, dst, dstPlane + j * w, w);
        }
    }
}
