package org.stilt.core.footprint;

import java.util.Objects;

/**
 * A footprint grid in R-STILT's layout: {@code foot(time, y, x)} in ppm per (µmol m⁻² s⁻¹).
 *
 * <p>{@code values} is in C order over (time, y, x): the value of cell (ix, iy) in layer it is
 * {@code values[(it * y.length + iy) * x.length + ix]}, exactly the NetCDF variable layout.
 * Values are doubles; the NetCDF file stores them as float32 as R-STILT does.
 *
 * @param x                    cell-centre x coordinates (degrees east, may exceed 180 for wrapped
 *                             grids; projection units for projected grids), ascending
 * @param y                    cell-centre y coordinates, ascending
 * @param timesEpochSeconds    layer times, seconds since 1970-01-01T00:00:00Z, ascending
 * @param values               footprint values, C order (time, y, x)
 * @param domain               the domain as requested (not wrapped, not projected)
 * @param smoothFactor         kernel bandwidth scale used
 * @param timeIntegrate        whether the layers were collapsed into one
 * @param particleCount        number of distinct particles the grid was divided by (R-STILT {@code np})
 * @param densified            whether early-time densification (R-STILT's interpolation) was applied
 * @param deviations           documented deviations from R-STILT applied to this result (empty if none)
 *
 * <p>Thread-safety: immutable by contract (do not modify the arrays); safe to share.
 */
public record Footprint(double[] x, double[] y, long[] timesEpochSeconds, double[] values,
                        FootprintDomain domain, double smoothFactor, boolean timeIntegrate,
                        int particleCount, boolean densified, java.util.List<String> deviations)
        implements FootprintResult {

    public Footprint {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(timesEpochSeconds, "timesEpochSeconds");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(domain, "domain");
        deviations = java.util.List.copyOf(deviations);
        long expected = (long) x.length * y.length * timesEpochSeconds.length;
        if (values.length != expected) {
            throw new IllegalArgumentException("values has " + values.length + " cells, expected "
                    + x.length + " x " + y.length + " x " + timesEpochSeconds.length + " = " + expected);
        }
    }

    /** Value of cell (ix, iy) in layer it. */
    public double value(int it, int iy, int ix) {
        return values[(it * y.length + iy) * x.length + ix];
    }

    /** Whether the grid is projected (x/y in projection units) rather than lon/lat. */
    public boolean projected() {
        return !domain.isLongLat();
    }

    /** Sum of all cells of all layers. */
    public double total() {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
