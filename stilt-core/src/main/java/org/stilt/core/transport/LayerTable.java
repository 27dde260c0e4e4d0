package org.stilt.core.transport;

import org.stilt.core.math.StiltMath;

/**
 * The σ_w / T_Lw layer table of one column for the dispersion ({@link HannaTurbulence#layers}),
 * either given in full or computed lazily: a layer's values are computed the first time the
 * dispersion asks for them (a particle visits 1–3 of the 7–15 turbulent layers in a minute, and
 * each costs several powers). Lazy and full tables give the same values, so results do not depend
 * on the choice. The Fortran twin is {@code layer_table_t} in {@code stilt_dispersion.f90}.
 *
 * <p>Thread-safety: not thread-safe; one per kernel call, reset for every particle step.
 */
public final class LayerTable {

    private final double[] levels;
    private final double[] sigw;
    private final double[] tl;
    private final boolean[] ready;
    /**
     * Per layer, the Langevin factors of a full sub-step δt = TLFRAC·T_Lw (R = e^(−δt/T_Lw) and
     * σ_w·√(1 − R²)), the same for every full sub-step in the layer: computed once per table
     * instead of once per sub-step (an exp and a sqrt each; bit for bit the same values).
     */
    private final double[] fullR;
    private final double[] fullSigmaKeep;
    private final boolean[] fullReady;
    private double fullTlfrac = Double.NaN;
    private final double[] scratch = new double[2];
    private HannaTurbulence.Stability stability;
    private double z0Meters;
    private FreeTroposphere free;

    /** A lazy table over {@code levels} (heights of the internal levels, m AGL; read, not copied). */
    public LayerTable(double[] levels) {
        this.levels = levels;
        this.sigw = new double[levels.length];
        this.tl = new double[levels.length];
        this.ready = new boolean[levels.length];
        this.fullR = new double[levels.length];
        this.fullSigmaKeep = new double[levels.length];
        this.fullReady = new boolean[levels.length];
    }

    /** A full table from given per-layer values (copied). */
    public static LayerTable of(double[] levels, double[] sigw, double[] tl) {
        LayerTable t = new LayerTable(levels);
        System.arraycopy(sigw, 0, t.sigw, 0, levels.length);
        System.arraycopy(tl, 0, t.tl, 0, levels.length);
        java.util.Arrays.fill(t.ready, true);
        return t;
    }

    /** Starts a new lazy table for a column with stability {@code s} and roughness {@code z0Meters}. */
    public void reset(HannaTurbulence.Stability s, double z0) {
        reset(s, z0, null);
    }

    /**
     * As {@link #reset(HannaTurbulence.Stability, double)}, with the layers above the mixed layer
     * taking σ_w from the column's shear and stability ({@link FreeTroposphere}; null: the
     * constant free-troposphere values).
     */
    void reset(HannaTurbulence.Stability s, double z0, FreeTroposphere freeTroposphere) {
        this.stability = s;
        this.z0Meters = z0;
        this.free = freeTroposphere;
        java.util.Arrays.fill(ready, false);
        java.util.Arrays.fill(fullReady, false);
    }

    /** The level heights. */
    double[] levels() {
        return levels;
    }

    /** σ_w of layer k, m s⁻¹. */
    public double sigw(int k) {
        ensure(k);
        return sigw[k];
    }

    /** T_Lw of layer k, s. */
    public double tl(int k) {
        ensure(k);
        return tl[k];
    }

    /**
     * R = e^(−δt/T_Lw) of a full sub-step δt = {@code tlfrac}·T_Lw in layer k (its
     * σ_w·√(1 − R²) is then {@link #fullSigmaKeep}).
     */
    double fullR(int k, double tlfrac) {
        ensureFull(k, tlfrac);
        return fullR[k];
    }

    /** σ_w·√(max(0, 1 − R²)) of a full sub-step in layer k ({@link #fullR} first). */
    double fullSigmaKeep(int k) {
        return fullSigmaKeep[k];
    }

    private void ensureFull(int k, double tlfrac) {
        if (tlfrac != fullTlfrac) {
            java.util.Arrays.fill(fullReady, false);
            fullTlfrac = tlfrac;
        }
        if (fullReady[k]) {
            return;
        }
        double t = tl(k);
        double r = StiltMath.exp(-(tlfrac * t) / t);
        fullR[k] = r;
        fullSigmaKeep[k] = sigw(k) * Math.sqrt(Math.max(0.0, 1.0 - r * r));
        fullReady[k] = true;
    }

    private void ensure(int k) {
        if (ready[k]) {
            return;
        }
        HannaTurbulence.layerValue(stability, levels[k], z0Meters, scratch);
        if (free != null && levels[k] >= stability.ziMeters() && k + 1 < levels.length) {
            scratch[0] = free.sigmaW(k, levels);
        }
        sigw[k] = scratch[0];
        tl[k] = scratch[1];
        ready[k] = true;
    }
}
