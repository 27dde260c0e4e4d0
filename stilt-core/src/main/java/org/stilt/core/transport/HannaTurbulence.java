package org.stilt.core.transport;

import org.stilt.core.math.StiltMath;

/**
 * Vertical turbulence of STILT's dispersion (hysplit-reference §2.5–2.6, docs/transport.md
 * "Turbulence"): stability from the surface fluxes (KBLS = 1) and Hanna's (1982) σ_w and
 * Lagrangian time scale T_Lw (KBLT = 5), piecewise constant in the layers between internal levels.
 * The Fortran kernel has the same arithmetic ({@code hysplit/src/transport/stilt_turbulence.f90});
 * both use {@link StiltMath} for powers and exponentials so that they agree bit for bit.
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
public final class HannaTurbulence {

    /** Gravity used in the buoyancy flux, m s⁻². */
    public static final double GRAVITY = 9.80665;
    /** Effective specific heat of air in the buoyancy flux, J kg⁻¹ K⁻¹ (hysplit-reference §2.5). */
    public static final double CP = 1000.0;
    /** von Kármán constant. */
    public static final double KARMAN = 0.4;
    /** Smallest buoyancy flux in the unstable branch, m² s⁻³. */
    public static final double MIN_BUOYANCY = 1.0211e-6;
    /** Largest (least negative) Obukhov length in the unstable branch, m. */
    public static final double MAX_UNSTABLE_OBUKHOV = -37.5;
    /** σ_w above the mixed layer, m s⁻¹. */
    public static final double FREE_SIGMA_W = 0.01;
    /**
     * Smallest σ_w used, m s⁻¹: keeps calm columns (u* = 0, stable) finite; far below anything
     * observable (hycs_std shows no floor down to 0.002 m s⁻¹).
     */
    public static final double MIN_SIGMA_W = 1e-6;
    /** T_Lw above the mixed layer, s. */
    public static final double FREE_TL = 100.0;

    /**
     * Surface-layer state of one column.
     *
     * @param unstable       sensible heat flux ≥ 0 (the unstable/neutral branch)
     * @param ustarMs        friction velocity, m s⁻¹
     * @param wstarMs        convective velocity scale w* = (B·z_i)^(1/3), m s⁻¹ (unstable only)
     * @param obukhovMeters  Obukhov length L = −u*³/(k B), clamped to ≤ −37.5 m (unstable only)
     * @param ziMeters       mixed-layer depth, m
     *
     * <p>Thread-safety: immutable.
     */
    public record Stability(boolean unstable, double ustarMs, double wstarMs, double obukhovMeters, double ziMeters) {
    }

    private HannaTurbulence() {
    }

    /**
     * Stability (KBLS = 1) from the surface fluxes: buoyancy flux {@code B = g·H/(ρ c_p T)} with
     * ρ and T of the first internal level, floored at {@link #MIN_BUOYANCY} when H ≥ 0.
     *
     * @param ustarMs   friction velocity, m s⁻¹
     * @param shtfWm2   sensible heat flux, W m⁻² (positive upward)
     * @param rhoKgM3   air density near the surface, kg m⁻³
     * @param tKelvin   temperature near the surface, K
     * @param ziMeters  mixed-layer depth, m
     */
    public static Stability stability(double ustarMs, double shtfWm2, double rhoKgM3, double tKelvin,
                                      double ziMeters) {
        return stability(ustarMs, shtfWm2, rhoKgM3, tKelvin, ziMeters, MAX_UNSTABLE_OBUKHOV);
    }

    /**
     * {@link #stability(double, double, double, double, double)} with the unstable Obukhov-length
     * clamp {@code L ≤ maxObukhovMeters} given (the kernels scale −37.5 m with the terrain:
     * −37.5·(Z_top − z_g)/Z_top, i.e. z₂/L ≥ −2 on the scaled levels; docs/transport.md).
     */
    public static Stability stability(double ustarMs, double shtfWm2, double rhoKgM3, double tKelvin,
                                      double ziMeters, double maxObukhovMeters) {
        if (shtfWm2 < 0.0) {
            return new Stability(false, ustarMs, 0.0, 0.0, ziMeters);
        }
        double b = GRAVITY * shtfWm2 / (rhoKgM3 * CP * tKelvin);
        b = Math.max(b, MIN_BUOYANCY);
        double wstar = StiltMath.pow(b * ziMeters, 1.0 / 3.0);
        double l = -(ustarMs * ustarMs * ustarMs) / (KARMAN * b);
        l = Math.min(l, maxObukhovMeters);
        return new Stability(true, ustarMs, wstar, l, ziMeters);
    }

    /**
     * σ_w (m s⁻¹) and T_Lw (s) at height {@code z} (m above ground) inside the mixed layer
     * (the caller decides z &lt; z_i), written to {@code out[0]} and {@code out[1]}.
     *
     * @param z0Meters roughness length, m
     */
    public static void hanna(Stability s, double z, double z0Meters, double[] out) {
        double zi = s.ziMeters();
        double zeta = z / zi;
        double sigw;
        double tl;
        if (!s.unstable()) {
            sigw = Math.max(1.3 * s.ustarMs() * (1.0 - zeta), MIN_SIGMA_W);
            tl = 0.1 * zi / sigw * StiltMath.pow(zeta, 0.8);
        } else {
            double ws = s.wstarMs();
            double l = s.obukhovMeters();
            if (zeta < 0.03) {
                sigw = 0.96 * StiltMath.pow(3.0 * zeta - l / zi, 1.0 / 3.0) * ws;
            } else if (zeta < 0.4) {
                sigw = Math.min(0.96 * StiltMath.pow(3.0 * zeta - l / zi, 1.0 / 3.0),
                        0.763 * StiltMath.pow(zeta, 0.175)) * ws;
            } else if (zeta < 0.96) {
                sigw = 0.722 * StiltMath.pow(1.0 - zeta, 0.207) * ws;
            } else {
                sigw = 0.37 * ws;
            }
            sigw = Math.max(sigw, MIN_SIGMA_W);
            if (zeta < 0.1) {
                double dz = z - z0Meters;
                if (dz < -l) {
                    tl = 0.1 * z / (sigw * (0.55 + 0.38 * dz / l));
                } else {
                    tl = 0.59 * z / sigw;
                }
            } else {
                tl = 0.15 * zi / sigw * (1.0 - StiltMath.exp(-5.0 * zeta));
            }
        }
        out[0] = sigw;
        out[1] = tl;
    }

    /**
     * The layer table of a column: for each internal layer (layer 0 = [0, z₂), layer k =
     * [z_{k+1}, z_{k+2}) for k ≥ 1, heights {@code levelsAglMeters} 0-based), σ_w and T_Lw
     * evaluated at the layer's lower internal level (z₁ for layer 0) when that height is below
     * z_i, else the free-troposphere values. {@code sigw} and {@code tl} get one value per level.
     */
    public static void layers(Stability s, double[] levelsAglMeters, double z0Meters, double[] sigw, double[] tl) {
        double[] v = new double[2];
        for (int k = 0; k < levelsAglMeters.length; k++) {
            layerValue(s, levelsAglMeters[k], z0Meters, v);
            sigw[k] = v[0];
            tl[k] = v[1];
        }
    }

    /**
     * One layer-table entry (Fortran {@code stilt_layer_value}): Hanna's σ_w and T_Lw at the layer's
     * evaluation height {@code z} inside the mixed layer, the free-troposphere values at or above z_i;
     * written to {@code out[0]}, {@code out[1]}.
     */
    public static void layerValue(Stability s, double z, double z0Meters, double[] out) {
        if (z < s.ziMeters()) {
            hanna(s, z, z0Meters, out);
        } else {
            out[0] = FREE_SIGMA_W;
            out[1] = FREE_TL;
        }
    }

    /**
     * Index of the layer table entry for a particle at {@code z} (same units as the levels):
     * 0 below z₂ (layer 0 uses z₁), else the highest level at or below z.
     */
    public static int layerOf(double z, double[] levels) {
        if (levels.length < 2 || z < levels[1]) {
            return 0;
        }
        int k = 1;
        while (k + 1 < levels.length && levels[k + 1] <= z) {
            k++;
        }
        return k;
    }
}
