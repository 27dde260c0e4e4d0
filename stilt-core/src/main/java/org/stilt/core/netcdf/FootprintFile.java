package org.stilt.core.netcdf;

import java.util.Map;
import java.util.Objects;

/**
 * A footprint as read from a NetCDF file (stilt-java's or R-STILT's {@code foot.nc}).
 *
 * @param x                  cell-centre x coordinates ({@code lon}, or projected {@code x})
 * @param y                  cell-centre y coordinates ({@code lat}, or projected {@code y})
 * @param timesEpochSeconds  layer times, seconds since 1970-01-01T00:00:00Z
 * @param values             {@code foot} as stored (float32), C order (time, y, x); cells equal to
 *                           {@code _FillValue} are NaN
 * @param projected          whether the grid is projected ({@code x}/{@code y} dimensions)
 * @param globalAttributes   global attributes as text, in file order
 * @param footAttributes     attributes of {@code foot} as text, in file order
 *
 * <p>Thread-safety: immutable by contract (do not modify the arrays); safe to share.
 */
public record FootprintFile(double[] x, double[] y, double[] timesEpochSeconds, float[] values, boolean projected,
                            Map<String, String> globalAttributes, Map<String, String> footAttributes) {

    public FootprintFile {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(timesEpochSeconds, "timesEpochSeconds");
        Objects.requireNonNull(values, "values");
        globalAttributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(globalAttributes));
        footAttributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(footAttributes));
        long expected = (long) x.length * y.length * timesEpochSeconds.length;
        if (values.length != expected) {
            throw new IllegalArgumentException("values has " + values.length + " cells, expected " + expected);
        }
    }

    /** Value of cell (ix, iy) in layer it. */
    public float value(int it, int iy, int ix) {
        return values[(it * y.length + iy) * x.length + ix];
    }

    /** Number of cells (all layers) whose value is neither 0 nor NaN. */
    public int nonZeroCount() {
        int n = 0;
        for (float v : values) {
            if (v != 0 && !Float.isNaN(v)) {
                n++;
            }
        }
        return n;
    }

    /** Sum of all non-NaN cells, in double. */
    public double total() {
        double s = 0;
        for (float v : values) {
            if (!Float.isNaN(v)) {
                s += v;
            }
        }
        return s;
    }
}
