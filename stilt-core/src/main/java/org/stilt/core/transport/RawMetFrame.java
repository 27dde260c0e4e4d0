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
}
