package org.stilt.core.transport;

import org.stilt.core.InvalidInputException;
import org.stilt.core.math.StiltMath;

/**
 * Mixed-layer depth {@code mlht} of one met column, as hycs_std computes it for STILT
 * (hysplit-reference §2.3, docs/transport.md "Mixed-layer depth"). Reference implementation for
 * the kernel; the Fortran twin must do the same operations in the same order (powers through
 * {@link StiltMath}).
 *
 * <h2>KMIXD = 0</h2>
 * {@code mlht = max(PBLH, KMIX0)} with PBLH the file's mixed-layer depth (experiment E5).
 *
 * <h2>KMIXD = 3 (STILT's default): fitted, not known</h2>
 * A bulk-Richardson criterion with a convective excess temperature, evaluated on the column's
 * internal-level profile. With θ_v = θ(1 + 0.61 q) on the internal levels, θ_v1 the value of the
 * first level, the kinematic heat flux {@code F = H/(ρ₁ c_p)} (c_p = 1000, ρ₁ of the first level,
 * as in {@link HannaTurbulence#stability}) and buoyancy flux {@code B = g F/T₁}:
 * <pre>
 *   u_*³ ← max(u_*³, 37.5·k·B)                         (the |L| ≥ 37.5 m clamp of §2.5, k = 0.4)
 *   w_s  = (u_*³ + c₁·B·z_i)^(1/3)                      (c₁ = {@value #CONVECTIVE_WEIGHT})
 *   θ_T  = C·F/w_s                                       (C = {@value #EXCESS_COEFFICIENT})
 *   Ri(ẑ_k) = g·(θ_v(ẑ_k) − θ_v1 − θ_T)·(ẑ_k − z_r) / (θ_v1·D)
 *                                       (z_r = {@value #REFERENCE_HEIGHT_METERS} m, D = {@value #RI_DENOMINATOR_M2S2} m² s⁻²)
 *   z_i  = height where Ri first exceeds 1, linear in Ri between the two levels around it
 * </pre>
 * w_s depends on z_i, so z_i is the fixed point of this map, found from z_i = 500 m by Steffensen's
 * method (Aitken's extrapolation after every two evaluations; the plain iterate where the
 * extrapolation is unusable) until two successive iterates differ by at most
 * {@value #TOLERANCE_METERS} m, at most {@value #MAX_EVALUATIONS} evaluations; then
 * {@code mlht = max(z_i, KMIX0)}. (Until 2026-12-02 the map was applied 40 times: it contracts by
 * only ≈ 0.5 per step, so that cost 40 evaluations per column and frame, half of the met
 * conversion, for a result within 1e-10 m of the fixed point; Steffensen reaches it in 6–8.)
 * Heights are the <em>scaled</em> internal heights ẑ (10, 75, 200,
 * 385 ... m), not metres above ground: over 1400 m terrain this fitted {@code det_wide} 5 % better.
 * H ≤ 0 gives KMIX0 (E10: every H ≤ 0 case, at any lapse rate, printed the floor). The wind does not
 * enter: E10's 5 and 15 m s⁻¹ profiles without shear print the same depth, and adding the shear
 * |V(ẑ) − V₁|² to D made the synthetic and HRRR cases worse on average.
 *
 * <p>The four constants C, c₁, D, z_r were fitted by least squares (relative error) to the six
 * convective E10 rows plus the three horizontally uniform convective reference cases
 * ({@code det_omega}, {@code det_plev}, {@code det_wide}); they are empirical. A Holtslag–Boville
 * form (C = 8.5, c₁ = 0.6, parcel criterion θ_v(z_i) = θ_v1 + θ_T) is 3–11 % off on the same
 * cases. Achieved errors are in {@code mixed-layer-parity.json} (parity-tests).
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
public final class MixedLayerDepth {

    /** R-STILT's minimum mixed-layer depth KMIX0 (run_stilt.r), m. */
    public static final double STILT_KMIX0_METERS = 150.0;
    /** Excess-temperature coefficient C in θ_T = C·F/w_s (fitted; Holtslag–Boville: 8.5). */
    public static final double EXCESS_COEFFICIENT = 6.8665;
    /** Weight c₁ of w*³ in w_s³ = u*³ + c₁·w*³ (fitted; Holtslag–Boville: 0.6). */
    public static final double CONVECTIVE_WEIGHT = 0.2827;
    /** Velocity-squared scale D of the Richardson denominator, m² s⁻² (fitted; critical Ri = 1 on this scale). */
    public static final double RI_DENOMINATOR_M2S2 = 0.4539;
    /** Reference height z_r from which the Richardson length is measured, m (fitted). */
    public static final double REFERENCE_HEIGHT_METERS = 16.8451;
    /** Most evaluations of the z_i map (even: Steffensen rounds use two). */
    public static final int MAX_EVALUATIONS = 40;
    /** Convergence of z_i: two successive iterates at most this far apart, m. */
    public static final double TOLERANCE_METERS = 1e-6;
    /** First guess of z_i for the iteration, m. */
    public static final double FIRST_GUESS_METERS = 500.0;

    private MixedLayerDepth() {
    }

    /**
     * KMIXD = 0: the file's mixed-layer depth with the KMIX0 floor.
     *
     * @param pblhMeters  PBLH (or MXHT/HPBL) at the particle, m
     * @param kmix0Meters minimum depth KMIX0, m
     * @return {@code max(pblh, kmix0)}, m
     * @throws InvalidInputException if an input is not finite or KMIX0 is negative
     */
    public static double fromFile(double pblhMeters, double kmix0Meters) {
        requireFinite("PBLH (m)", pblhMeters);
        requireKmix0(kmix0Meters);
        return Math.max(pblhMeters, kmix0Meters);
    }

    /**
     * KMIXD = 3 for one column given its internal-level profile (level 1 first).
     *
     * @param levelHeightsMeters scaled heights ẑ of the internal levels ({@link InternalLevels#heightsMeters()}), m
     * @param thetaKelvin        potential temperature on the levels, K
     * @param qKgPerKg           specific humidity on the levels, kg/kg
     * @param rho1KgM3           air density of the first level, kg m⁻³
     * @param t1Kelvin           temperature of the first level, K
     * @param shtfWm2            sensible heat flux, W m⁻² (positive upward)
     * @param ustarMs            friction velocity, m s⁻¹
     * @param kmix0Meters        minimum depth KMIX0, m
     * @return the mixed-layer depth, m (≥ KMIX0)
     * @throws InvalidInputException if an input used is not finite, the arrays differ in length or
     *                               have fewer than 2 levels, or KMIX0 is negative
     */
    public static double bulkRichardson(double[] levelHeightsMeters, double[] thetaKelvin, double[] qKgPerKg,
                                        double rho1KgM3, double t1Kelvin, double shtfWm2, double ustarMs,
                                        double kmix0Meters) {
        int n = levelHeightsMeters.length;
        if (n < 2 || thetaKelvin.length != n || qKgPerKg.length != n) {
            throw new InvalidInputException("mixed-layer depth needs at least 2 levels and equal profile lengths (got "
                    + n + " heights, " + thetaKelvin.length + " θ, " + qKgPerKg.length + " q)");
        }
        requireKmix0(kmix0Meters);
        requireFinite("sensible heat flux SHTF (W m-2)", shtfWm2);
        if (shtfWm2 <= 0.0) {
            return kmix0Meters;
        }
        requireFinite("friction velocity USTR (m s-1)", ustarMs);
        requireFinite("first-level density (kg m-3)", rho1KgM3);
        requireFinite("first-level temperature (K)", t1Kelvin);
        for (int k = 0; k < n; k++) {
            requireFinite("θ at internal level " + (k + 1) + " (K)", thetaKelvin[k]);
            requireFinite("q at internal level " + (k + 1) + " (kg/kg)", qKgPerKg[k]);
        }
        return depth(levelHeightsMeters, thetaKelvin, qKgPerKg, rho1KgM3, t1Kelvin, shtfWm2, ustarMs, kmix0Meters);
    }

    /**
     * As {@link #bulkRichardson(double[], double[], double[], double, double, double, double, double)}
     * but NaN instead of an exception when an input is not finite (for whole met frames, where a
     * missing field must not stop the conversion); the arithmetic is the one the Fortran kernel
     * repeats ({@code stilt_metprep.f90}), so both give the same bits.
     */
    public static double bulkRichardsonOrNaN(double[] levelHeightsMeters, double[] thetaKelvin, double[] qKgPerKg,
                                             double rho1KgM3, double t1Kelvin, double shtfWm2, double ustarMs,
                                             double kmix0Meters) {
        if (Double.isNaN(shtfWm2)) {
            return Double.NaN;
        }
        if (shtfWm2 <= 0.0) {
            return kmix0Meters;
        }
        boolean finite = Double.isFinite(ustarMs) && Double.isFinite(rho1KgM3) && Double.isFinite(t1Kelvin)
                && Double.isFinite(shtfWm2);
        for (int k = 0; k < thetaKelvin.length && finite; k++) {
            finite = Double.isFinite(thetaKelvin[k]) && Double.isFinite(qKgPerKg[k]);
        }
        if (!finite) {
            return Double.NaN;
        }
        return depth(levelHeightsMeters, thetaKelvin, qKgPerKg, rho1KgM3, t1Kelvin, shtfWm2, ustarMs, kmix0Meters);
    }

    /** The bulk-Richardson iteration on validated inputs (H &gt; 0). */
    private static double depth(double[] levelHeightsMeters, double[] thetaKelvin, double[] qKgPerKg,
                                double rho1KgM3, double t1Kelvin, double shtfWm2, double ustarMs,
                                double kmix0Meters) {
        int n = levelHeightsMeters.length;
        double[] tv = new double[n];
        for (int k = 0; k < n; k++) {
            tv[k] = thetaKelvin[k] * (1.0 + 0.61 * qKgPerKg[k]);
        }
        double kin = shtfWm2 / (rho1KgM3 * HannaTurbulence.CP);
        double b = HannaTurbulence.GRAVITY / t1Kelvin * kin;
        double u3 = Math.max(ustarMs * ustarMs * ustarMs,
                -HannaTurbulence.MAX_UNSTABLE_OBUKHOV * HannaTurbulence.KARMAN * b);
        double tref = tv[0];
        double scale = tref * RI_DENOMINATOR_M2S2 / HannaTurbulence.GRAVITY;
        double zi = FIRST_GUESS_METERS;
        double x0 = zi;
        double x1 = zi;
        boolean second = false;
        for (int ev = 1; ev <= MAX_EVALUATIONS; ev++) {
            double next = evaluate(levelHeightsMeters, tv, tref, scale, kin, b, u3, zi);
            if (!second) {
                x0 = zi;
                x1 = next;
                zi = next;
                second = true;
                continue;
            }
            double d1 = x1 - x0;
            double d2 = next - x1;
            if (Math.abs(d2) <= TOLERANCE_METERS || ev == MAX_EVALUATIONS) {
                zi = next;
                break;
            }
            double den = d2 - d1;
            double aitken = next - d2 * d2 / den;
            zi = den != 0.0 && aitken > 0.0 && aitken < Double.POSITIVE_INFINITY ? aitken : next;
            second = false;
        }
        return Math.max(zi, kmix0Meters);
    }

    /** One application of the z_i map: the height where Ri first exceeds 1 given w_s(z_i). */
    private static double evaluate(double[] levelHeightsMeters, double[] tv, double tref, double scale, double kin,
                                   double b, double u3, double zi) {
        double ws = StiltMath.pow(u3 + CONVECTIVE_WEIGHT * b * zi, 1.0 / 3.0);
        double excess = EXCESS_COEFFICIENT * kin / ws;
        double prev = 0.0;
        double next = levelHeightsMeters[0];
        for (int k = 0; k < levelHeightsMeters.length; k++) {
            double z = levelHeightsMeters[k];
            double ri = (tv[k] - tref - excess) * (z - REFERENCE_HEIGHT_METERS) / scale;
            if (ri > 1.0) {
                return k == 0 ? z
                        : levelHeightsMeters[k - 1] + (1.0 - prev) / (ri - prev) * (z - levelHeightsMeters[k - 1]);
            }
            prev = ri;
            next = z;
        }
        return next;
    }

    /**
     * KMIXD = 3 at grid point (i, j) of a kernel frame (sub-grid indices), using the frame's θ, q,
     * first-level ρ and T, SHTF and USTR.
     *
     * @param levels      the frame's internal levels
     * @param kmix0Meters minimum depth KMIX0, m
     * @return the mixed-layer depth, m
     */
    public static double bulkRichardson(KernelFrame frame, int i, int j, InternalLevels levels, double kmix0Meters) {
        int n = frame.nz();
        double[] z = levels.heightsMeters();
        if (z.length != n) {
            throw new InvalidInputException("frame has " + n + " internal levels; the levels given have " + z.length);
        }
        double[] theta = new double[n];
        double[] q = new double[n];
        for (int k = 0; k < n; k++) {
            theta[k] = frame.get3(KernelFrame.F3_THETA, i, j, k);
            q[k] = frame.get3(KernelFrame.F3_Q, i, j, k);
        }
        return bulkRichardson(z, theta, q, frame.get3(KernelFrame.F3_RHO, i, j, 0), frame.get3(KernelFrame.F3_T, i, j, 0),
                frame.get2(KernelFrame.F2_SHTF, i, j), frame.get2(KernelFrame.F2_USTR, i, j), kmix0Meters);
    }

    private static void requireFinite(String what, double v) {
        if (!Double.isFinite(v)) {
            throw new InvalidInputException("mixed-layer depth: " + what + " is " + v + "; expected a finite value");
        }
    }

    private static void requireKmix0(double kmix0Meters) {
        if (!(kmix0Meters >= 0.0 && Double.isFinite(kmix0Meters))) {
            throw new InvalidInputException("KMIX0 is " + kmix0Meters + " m; expected a finite value >= 0");
        }
    }
}
