package org.stilt.core.transport;

import java.util.Arrays;

/**
 * The kernel's internal terrain-following vertical grid (docs/transport.md,
 * hysplit-reference §2.3): levels {@code ẑ_k = 30k² − 25k + 5} metres for k = 1…n, where n is the
 * first level at or above the model top (30 levels for the default 25 km top). Heights are
 * "scaled heights" ẑ = Z_top·(1 − σ) with σ = (Z_top − z_msl)/(Z_top − z_ground): over flat terrain
 * at sea level ẑ is the height above ground; over terrain of height z_g a level lies at
 * {@code ẑ·(Z_top − z_g)/Z_top} metres above ground.
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public final class InternalLevels {

    /** Quadratic coefficients of the level heights (HYSPLIT's "aa, bb, cc"). */
    public static final double A = 30.0;
    public static final double B = -25.0;
    public static final double C = 5.0;

    private final double modelTopMeters;
    private final double[] heights;

    private InternalLevels(double modelTopMeters, double[] heights) {
        this.modelTopMeters = modelTopMeters;
        this.heights = heights;
    }

    /** The levels for a model top (metres above ground); needs at least 2 levels below it. */
    public static InternalLevels forModelTop(double modelTopMeters) {
        if (!(modelTopMeters > height(2) && modelTopMeters <= 100_000.0)) {
            throw new IllegalArgumentException("model top " + modelTopMeters + " m; expected "
                    + height(2) + " < top <= 100000 m");
        }
        int n = 1;
        while (height(n) < modelTopMeters) {
            n++;
        }
        double[] z = new double[n];
        for (int k = 1; k <= n; k++) {
            z[k - 1] = height(k);
        }
        return new InternalLevels(modelTopMeters, z);
    }

    /** Height of level k (1-based), metres. */
    public static double height(int k) {
        return A * k * k + B * k + C;
    }

    /** Number of levels. */
    public int count() {
        return heights.length;
    }

    /** The model top Z_top, metres. */
    public double modelTopMeters() {
        return modelTopMeters;
    }

    /** Scaled heights of the levels, metres (a copy). */
    public double[] heightsMeters() {
        return heights.clone();
    }

    /** Scaled height of level {@code index} (0-based), metres. */
    public double heightMeters(int index) {
        return heights[index];
    }

    @Override
    public String toString() {
        return "InternalLevels" + Arrays.toString(heights);
    }
}
