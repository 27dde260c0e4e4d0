package org.stilt.core.transport;

import org.stilt.core.math.StiltMath;
import org.stilt.core.rng.RandomDraws;

/**
 * STILT's vertical dispersion (IDSP = 2; hysplit-reference §2.7) for one particle over one
 * minute: the minute is split into two 30-s halves, each covered by sub-steps of
 * {@code TLFRAC·T_Lw} of the layer the particle is in (the last one truncated at the half-minute);
 * each sub-step is a Langevin update {@code w′ ← R·w′ + σ_w·√(1 − R²)·λ}, R = e^(−δt/T_Lw), then a
 * move {@code Δz = w′·δt}. σ_w and T_Lw are constant within the layers between internal levels
 * ({@link HannaTurbulence#layers}); where the move would cross into another layer the sub-step
 * is split at the interface: the particle moves to the interface and is transmitted with
 * probability min(1, σ₂/σ₁) (then w′ ← w′·σ₂/σ₁) or reflected (w′ ← −w′), and the rest of the
 * sub-step continues from there with the layer it is then in. The ground reflects (z → −z,
 * w′ → −w′). {@code samt} accumulates the sub-step time spent below {@code h} (the particle's
 * height at the end of the piece decides).
 *
 * <p>This is the Java reference of the turbulent part of kernel part 2; the Fortran twin and the
 * coupling with the mean advection come next (docs/transport.md "Turbulence").
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
public final class VerticalDispersion {

    /** Length of one half of the minute, s. */
    public static final double HALF_MINUTE_SECONDS = 30.0;

    /**
     * One particle's turbulent state; mutable, owned by one particle.
     *
     * <p>Thread-safety: not thread-safe.
     */
    public static final class Particle {
        /** Height, m (same frame as the layer boundaries). */
        public double z;
        /** Turbulent vertical velocity, m s⁻¹. */
        public double w;
        /** Next draw index of the particle's random stream. */
        public long draw;
        /** Seconds spent below h during the last minute. */
        public double samtSeconds;
        /** σ_w and T_Lw of the layer the particle ended the minute in. */
        public double sigw;
        public double tlgr;
        /** Where the path's time is recorded for the mean wind along it (null: not recorded). */
        WindPath path;
        /** Scaled metres per metre above ground (ẑ = z·pathScale) for {@link #path}. */
        double pathScale = 1.0;
    }

    private VerticalDispersion() {
    }

    /**
     * Advances {@code p} by one minute in the layer table ({@code levels} the internal level heights,
     * {@code sigw}/{@code tl} per layer as {@link HannaTurbulence#layers}); {@code hMeters} is the
     * height below which time counts as {@code samt}; {@code tlfrac} the sub-step fraction.
     */
    public static void minute(Particle p, double[] levels, double[] sigw, double[] tl, double hMeters,
                              double tlfrac, RandomDraws rng) {
        LayerTable table = LayerTable.of(levels, sigw, tl);
        p.samtSeconds = 0.0;
        half(p, table, hMeters, tlfrac, rng);
        half(p, table, hMeters, tlfrac, rng);
        finish(p, table);
    }

    /**
     * One 30-s half of a minute: sub-steps as in {@link #minute}, adding the time spent below
     * {@code hMeters} to {@code p.samtSeconds} (the caller resets it at the start of the minute).
     */
    public static void half(Particle p, LayerTable table, double hMeters, double tlfrac, RandomDraws rng) {
        double[] levels = table.levels();
        double remaining = HALF_MINUTE_SECONDS;
        int guard = 0;
        while (remaining > 1e-9 && guard++ < 100_000) {
            int layer = HannaTurbulence.layerOf(p.z, levels);
            double t = table.tl(layer);
            double full = tlfrac * t;
            double dt;
            double r;
            double sigmaKeep;
            if (full <= remaining) {
                // a full sub-step: its factors are the layer's (LayerTable.fullR), same bits
                dt = full;
                r = table.fullR(layer, tlfrac);
                sigmaKeep = table.fullSigmaKeep(layer);
            } else {
                dt = remaining;
                r = StiltMath.exp(-dt / t);
                sigmaKeep = table.sigw(layer) * Math.sqrt(Math.max(0.0, 1.0 - r * r));
            }
            double lambda = rng.normal(p.draw++);
            p.w = r * p.w + sigmaKeep * lambda;
            double zFrom = p.z;
            double used = move(p, levels, table, layer, dt, rng);
            if (p.path != null) {
                p.path.piece(zFrom * p.pathScale, p.z * p.pathScale, used);
            }
            if (p.z < hMeters) {
                p.samtSeconds += used;
            }
            remaining -= used;
        }
    }

    /** Sets {@code p.sigw} and {@code p.tlgr} to the layer the particle is in. */
    public static void finish(Particle p, LayerTable table) {
        int layer = HannaTurbulence.layerOf(p.z, table.levels());
        p.sigw = table.sigw(layer);
        p.tlgr = table.tl(layer);
    }

    /**
     * Moves the particle for up to {@code dt} seconds at w′, stopping at a layer interface (where
     * it is transmitted or reflected); returns the time used.
     */
    private static double move(Particle p, double[] levels, LayerTable table, int layer, double dt,
                               RandomDraws rng) {
        double lower = layer == 0 ? 0.0 : levels[layer];
        double upper = layer + 1 < levels.length ? levels[layer + 1] : Double.POSITIVE_INFINITY;
        double z1 = p.z + p.w * dt;
        if (z1 >= lower && z1 < upper) {
            p.z = z1;
            return dt;
        }
        if (z1 < lower && layer == 0) {
            // ground: perfect reflection
            p.z = -z1;
            p.w = -p.w;
            if (p.z >= upper) {
                p.z = Math.nextDown(upper);
            }
            return dt;
        }
        boolean up = z1 >= upper;
        double boundary = up ? upper : lower;
        double tb = (boundary - p.z) / p.w;
        tb = Math.max(0.0, Math.min(dt, tb));
        int next = up ? layer + 1 : layer - 1;
        double s1 = table.sigw(layer);
        double s2 = table.sigw(next);
        double pass = Math.min(1.0, s2 / s1);
        double u = rng.uniform(p.draw++);
        if (u < pass) {
            p.w = p.w * (s2 / s1);
            p.z = up ? boundary : Math.nextDown(boundary);
        } else {
            p.w = -p.w;
            p.z = up ? Math.nextDown(boundary) : boundary;
        }
        return Math.max(tb, 1e-6);
    }
}
