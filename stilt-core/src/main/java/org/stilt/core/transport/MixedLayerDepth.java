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
 * A bulk-Richardson criterion with a convective excess temperature (HYSPLIT's documented
 * "modified Richardson number approach that includes excess temperature for convective cases"),
 * evaluated on the column's internal-level profile at the levels' <em>heights above ground</em>
 * z_k = ẑ_k·(Z_top − z_sfc)/Z_top. With θ the (dry) potential temperature on the levels, θ₁, u₁,
 * v₁ the first level's, the kinematic heat flux {@code F = H/(ρ₁ c_p)} (c_p = 1000, ρ₁ of the
 * first level, as in {@link HannaTurbulence#stability}) and buoyancy flux {@code B = g F/T₁}:
 * <pre>
 *   u_*³ ← max(u_*³, 37.5·k·B)                         (the |L| ≥ 37.5 m clamp of §2.5, k = 0.4)
 *   w_s  = (u_*³ + c₁·B·z_i)^(1/3)                      (c₁ = {@value #CONVECTIVE_WEIGHT})
 *   θ_T  = C·F/w_s                                       (C = {@value #EXCESS_COEFFICIENT})
 *   Ri(z_k) = g·(θ(z_k) − θ₁ − θ_T)·(z_k − z_r) / (θ₁·(|V(z_k) − V₁|² + S₀))
 *                 (z_r = {@value #REFERENCE_HEIGHT_METERS} m, S₀ = {@value #SHEAR_FLOOR_M2S2} m² s⁻²)
 *   z_i  = height where Ri first exceeds Ri_c = {@value #CRITICAL_RICHARDSON}, linear in Ri between
 *          the two levels around it
 * </pre>
 * w_s depends on z_i, so z_i is the fixed point of this map, found from z_i = 500 m by Steffensen's
 * method (Aitken's extrapolation after every two evaluations; the plain iterate where the
 * extrapolation is unusable) until two successive iterates differ by at most
 * {@value #TOLERANCE_METERS} m, at most {@value #MAX_EVALUATIONS} evaluations; then
 * {@code mlht = max(z_i, KMIX0)} metres above ground. With H ≤ 0 the same formula gives a
 * negative (or zero) θ_T = C·F/u* that does not depend on z_i (w_s = u*, no convective term; one
 * evaluation): on a stable profile Ri exceeds Ri_c within the first levels and the depth is KMIX0
 * (E10: every H ≤ 0 row, at any lapse rate), but over a superadiabatic surface layer it is where θ
 * first exceeds θ₁ + θ_T enough — hycs_std prints 150–350 m for such real-HRRR columns with
 * H ≤ 0 (until 2026-12-02 H ≤ 0 returned KMIX0 at once: the HRRR column's depths were 2.5 % off on
 * average, the point's 2.7 %; with θ_T = 0 for H ≤ 0 1.5 / 0.66 %, with this 0.8 / 0.66 %).
 *
 * <p>Evidence for the form (2026-12-02, docs/transport.md "Mixed-layer depth"): hycs_std's depth
 * is linear in time between met times; on the horizontally uniform {@code sto_tvar_day} met the
 * same profile and fluxes at 17 and 22 UTC give depths 2 m apart, so the wind enters (E10's 5 and
 * 15 m s⁻¹ profiles print the same depth: the wind <em>difference</em> from the first level, not
 * the speed); and the dry θ, heights above ground and the shear term each cut the error on the
 * capped synthetic mixed layers from 2–4 % to 0.1–0.7 %. The critical Richardson number 0.5 is
 * the published one (Troen &amp; Mahrt 1986; Holtslag &amp; Boville 1993, whose excess-temperature
 * form this is, with C = 8.5 and c₁ = 0.6); C, c₁, z_r and S₀ were fitted by least squares
 * (relative error, each case weighted equally) to the six convective E10 rows, the uniform
 * references {@code det_omega}, {@code det_plev}, {@code det_wide} and the first-hour-per-met-time
 * depths of {@code sto_tvar_day} and {@code sto_lcc_day}; they are empirical. Achieved errors are in
 * {@code mixed-layer-parity.json} (parity-tests): E10 0.5 % mean (2.3 % max), the capped diurnal
 * cases 0.08–0.2 %, real HRRR 1.7–2.7 %. (Until 2026-12-02 the form used θ_v, the scaled heights ẑ
 * and a constant denominator: 1–4 % on the capped cases.)
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
public final class MixedLayerDepth {

    /** R-STILT's minimum mixed-layer depth KMIX0 (run_stilt.r), m. */
    public static final double STILT_KMIX0_METERS = 150.0;
    /** Excess-temperature coefficient C in θ_T = C·F/w_s (fitted; Holtslag–Boville: 8.5). */
    public static final double EXCESS_COEFFICIENT = 7.975;
    /** Weight c₁ of w*³ in w_s³ = u*³ + c₁·w*³ (fitted; Holtslag–Boville: 0.6). */
    public static final double CONVECTIVE_WEIGHT = 0.4366;
    /** Critical bulk Richardson number (Troen–Mahrt, Holtslag–Boville). */
    public static final double CRITICAL_RICHARDSON = 0.5;
    /** Added to the squared wind difference from the first level, m² s⁻² (fitted; keeps Ri finite without shear). */
    public static final double SHEAR_FLOOR_M2S2 = 0.01632;
    /** Reference height z_r from which the Richardson length is measured, m above ground (fitted). */
    public static final double REFERENCE_HEIGHT_METERS = 0.911;
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
     * @param levelHeightsAglMeters heights of the internal levels above the ground, m ({@link #aboveGround})
     * @param thetaKelvin           (dry) potential temperature on the levels, K
     * @param uMs                   wind component u on the levels, m s⁻¹ (any fixed orientation)
     * @param vMs                   wind component v on the levels, m s⁻¹
     * @param rho1KgM3              air density of the first level, kg m⁻³
     * @param t1Kelvin              temperature of the first level, K
     * @param shtfWm2               sensible heat flux, W m⁻² (positive upward)
     * @param ustarMs               friction velocity, m s⁻¹
     * @param kmix0Meters           minimum depth KMIX0, m
     * @return the mixed-layer depth, m above ground (≥ KMIX0)
     * @throws InvalidInputException if an input used is not finite, the arrays differ in length or
     *                               have fewer than 2 levels, or KMIX0 is negative
     */
    public static double bulkRichardson(double[] levelHeightsAglMeters, double[] thetaKelvin, double[] uMs,
                                        double[] vMs, double rho1KgM3, double t1Kelvin, double shtfWm2,
                                        double ustarMs, double kmix0Meters) {
        int n = levelHeightsAglMeters.length;
        if (n < 2 || thetaKelvin.length != n || uMs.length != n || vMs.length != n) {
            throw new InvalidInputException("mixed-layer depth needs at least 2 levels and equal profile lengths (got "
                    + n + " heights, " + thetaKelvin.length + " θ, " + uMs.length + " u, " + vMs.length + " v)");
        }
        requireKmix0(kmix0Meters);
        requireFinite("sensible heat flux SHTF (W m-2)", shtfWm2);
        if (shtfWm2 != 0.0) {
            // only the excess temperature uses them
            requireFinite("friction velocity USTR (m s-1)", ustarMs);
            requireFinite("first-level density (kg m-3)", rho1KgM3);
            requireFinite("first-level temperature (K)", t1Kelvin);
        }
        for (int k = 0; k < n; k++) {
            requireFinite("θ at internal level " + (k + 1) + " (K)", thetaKelvin[k]);
            requireFinite("u at internal level " + (k + 1) + " (m/s)", uMs[k]);
            requireFinite("v at internal level " + (k + 1) + " (m/s)", vMs[k]);
            requireFinite("height of internal level " + (k + 1) + " (m)", levelHeightsAglMeters[k]);
        }
        return depth(levelHeightsAglMeters, thetaKelvin, uMs, vMs, rho1KgM3, t1Kelvin, shtfWm2, ustarMs, kmix0Meters);
    }

    /**
     * As {@link #bulkRichardson(double[], double[], double[], double[], double, double, double, double, double)}
     * but NaN instead of an exception when an input is not finite (for whole met frames, where a
     * missing field must not stop the conversion); the arithmetic is the one the Fortran kernel
     * repeats ({@code stilt_metprep.f90}), so both give the same bits.
     */
    public static double bulkRichardsonOrNaN(double[] levelHeightsAglMeters, double[] thetaKelvin, double[] uMs,
                                             double[] vMs, double rho1KgM3, double t1Kelvin, double shtfWm2,
                                             double ustarMs, double kmix0Meters) {
        if (Double.isNaN(shtfWm2)) {
            return Double.NaN;
        }
        boolean finite = Double.isFinite(shtfWm2) && (shtfWm2 == 0.0
                || Double.isFinite(ustarMs) && Double.isFinite(rho1KgM3) && Double.isFinite(t1Kelvin));
        for (int k = 0; k < thetaKelvin.length && finite; k++) {
            finite = Double.isFinite(thetaKelvin[k]) && Double.isFinite(uMs[k]) && Double.isFinite(vMs[k])
                    && Double.isFinite(levelHeightsAglMeters[k]);
        }
        if (!finite) {
            return Double.NaN;
        }
        return depth(levelHeightsAglMeters, thetaKelvin, uMs, vMs, rho1KgM3, t1Kelvin, shtfWm2, ustarMs, kmix0Meters);
    }

    /**
     * The internal levels' heights above the ground where the terrain is {@code zsfcMeters} high:
     * ẑ·(Z_top − z_sfc)/Z_top (hysplit-reference §2.3), written into {@code out}.
     *
     * @param scaledHeightsMeters the levels' scaled heights ẑ ({@link InternalLevels#heightsMeters()}), m
     * @param zsfcMeters          terrain height, m above sea level
     * @param modelTopMeters      Z_top, m
     * @param out                 receives the heights, m above ground (same length)
     * @return {@code out}
     */
    public static double[] aboveGround(double[] scaledHeightsMeters, double zsfcMeters, double modelTopMeters,
                                       double[] out) {
        double factor = (modelTopMeters - zsfcMeters) / modelTopMeters;
        for (int k = 0; k < scaledHeightsMeters.length; k++) {
            out[k] = scaledHeightsMeters[k] * factor;
        }
        return out;
    }

    /** The bulk-Richardson depth on validated inputs (Steffensen on z_i when H &gt; 0, one evaluation otherwise). */
    private static double depth(double[] z, double[] theta, double[] u, double[] v, double rho1KgM3,
                                double t1Kelvin, double shtfWm2, double ustarMs, double kmix0Meters) {
        int n = z.length;
        // the Richardson numerator per unit excess, g·(z − z_r)/(θ₁·(|ΔV|² + S₀)), does not depend on z_i
        double tref = theta[0];
        double[] weight = new double[n];
        for (int k = 0; k < n; k++) {
            double du = u[k] - u[0];
            double dv = v[k] - v[0];
            weight[k] = HannaTurbulence.GRAVITY * (z[k] - REFERENCE_HEIGHT_METERS)
                    / (tref * (du * du + dv * dv + SHEAR_FLOOR_M2S2));
        }
        double kin = shtfWm2 == 0.0 ? 0.0 : shtfWm2 / (rho1KgM3 * HannaTurbulence.CP);
        if (!(shtfWm2 > 0.0)) {
            // H <= 0: θ_T = C·F/u* (negative, zero when H = 0) does not depend on z_i, so one
            // evaluation of the map gives the depth
            double excess = shtfWm2 == 0.0 ? 0.0
                    : EXCESS_COEFFICIENT * kin / StiltMath.pow(ustarMs * ustarMs * ustarMs, 1.0 / 3.0);
            return Math.max(crossing(z, theta, weight, tref, excess), kmix0Meters);
        }
        double b = HannaTurbulence.GRAVITY / t1Kelvin * kin;
        double u3 = Math.max(ustarMs * ustarMs * ustarMs,
                -HannaTurbulence.MAX_UNSTABLE_OBUKHOV * HannaTurbulence.KARMAN * b);
        double zi = FIRST_GUESS_METERS;
        double x0 = zi;
        double x1 = zi;
        boolean second = false;
        for (int ev = 1; ev <= MAX_EVALUATIONS; ev++) {
            double next = evaluate(z, theta, weight, tref, kin, b, u3, zi);
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

    /** One application of the z_i map (H &gt; 0): the height where Ri first exceeds Ri_c given w_s(z_i). */
    private static double evaluate(double[] z, double[] theta, double[] weight, double tref, double kin, double b,
                                   double u3, double zi) {
        double ws = StiltMath.pow(u3 + CONVECTIVE_WEIGHT * b * zi, 1.0 / 3.0);
        return crossing(z, theta, weight, tref, EXCESS_COEFFICIENT * kin / ws);
    }

    /** The height where Ri first exceeds Ri_c with excess temperature {@code excess}, linear in Ri between levels. */
    private static double crossing(double[] z, double[] theta, double[] weight, double tref, double excess) {
        double prev = 0.0;
        double next = z[0];
        for (int k = 0; k < z.length; k++) {
            double ri = (theta[k] - tref - excess) * weight[k];
            if (ri > CRITICAL_RICHARDSON) {
                return k == 0 ? z[k] : z[k - 1] + (CRITICAL_RICHARDSON - prev) / (ri - prev) * (z[k] - z[k - 1]);
            }
            prev = ri;
            next = z[k];
        }
        return next;
    }

    /**
     * KMIXD = 3 at grid point (i, j) of a kernel frame (sub-grid indices), using the frame's θ, u, v,
     * first-level ρ and T, SHTF, USTR and terrain height.
     *
     * @param levels      the frame's internal levels
     * @param kmix0Meters minimum depth KMIX0, m
     * @return the mixed-layer depth, m above ground
     */
    public static double bulkRichardson(KernelFrame frame, int i, int j, InternalLevels levels, double kmix0Meters) {
        int n = frame.nz();
        double[] zs = levels.heightsMeters();
        if (zs.length != n) {
            throw new InvalidInputException("frame has " + n + " internal levels; the levels given have " + zs.length);
        }
        double[] theta = new double[n];
        double[] u = new double[n];
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            theta[k] = frame.get3(KernelFrame.F3_THETA, i, j, k);
            u[k] = frame.get3(KernelFrame.F3_U, i, j, k);
            v[k] = frame.get3(KernelFrame.F3_V, i, j, k);
        }
        double[] z = aboveGround(zs, frame.get2(KernelFrame.F2_ZSFC, i, j), levels.modelTopMeters(), new double[n]);
        return bulkRichardson(z, theta, u, v, fittedDensity(frame, i, j),
                frame.get3(KernelFrame.F3_T, i, j, 0), frame.get2(KernelFrame.F2_SHTF, i, j),
                frame.get2(KernelFrame.F2_USTR, i, j), kmix0Meters);
    }

    /**
     * The first internal level's density with which this form's constants were fitted,
     * {@code (1 − q)·p/(R_d·T_v)} from the frame's level-1 p, T and q: the air density since results
     * 2026-12-03.8 is the dry air's from the relative humidity (ProfileConverter.density), 2–5e-5
     * lower in moist air, which moved the fitted {@code det_omega} depths by 0.005 m (twice the
     * achieved error). Fortran twin: stilt_metprep's mixed_layer_depth.
     */
    static double fittedDensity(KernelFrame frame, int i, int j) {
        double p = frame.get3(KernelFrame.F3_P, i, j, 0);
        double t = frame.get3(KernelFrame.F3_T, i, j, 0);
        double q = frame.get3(KernelFrame.F3_Q, i, j, 0);
        return (1.0 - q) * p * 100.0 / (ProfileConverter.RDRY * t * (1.0 + ProfileConverter.VIRTUAL * q));
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
