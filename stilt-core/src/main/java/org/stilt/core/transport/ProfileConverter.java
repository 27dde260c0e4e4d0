package org.stilt.core.transport;

import org.stilt.core.InvalidInputException;
import org.stilt.core.math.StiltMath;
import org.stilt.core.met.GridProjection;
import org.stilt.core.met.GridProjection.GeoPoint;
import org.stilt.core.met.VerticalCoordinate;

/**
 * Converts a {@link RawMetFrame} (the file's own levels) to a {@link KernelFrame} on the internal
 * terrain-following levels (docs/transport.md, hysplit-reference §2.3): heights of the data
 * levels (hypsometric integration of the virtual temperature for σ and hybrid data, HGTS − SHGT
 * for pressure data), then linear interpolation in height of wind, ω, temperature, humidity and
 * pressure (log-linear) to each internal level, whose height above ground is {@code ẑ_k·(Z_top − z_g)/Z_top};
 * values above the highest data level are held constant. On each internal level the humidity is
 * capped at saturation ({@link #saturationSpecificHumidity}). The humidity is also carried as
 * relative humidity, as HYSPLIT carries it ({@link #relativeHumidity} on the data levels, capped at
 * 1, interpolated in height like the other fields), and the density is that of the dry air,
 * {@code (p − e)/(R_d·T)} with the vapour pressure {@code e = RH·e_s(T)} ({@link #density}). The
 * vertical velocity {@code w = −ω/(ρ_m·g)} uses the moist density {@code ρ_m = p/(R_d·T_v)} of the
 * file's (uncapped) humidity, expressed in scaled height.
 *
 * <p>Thread-safety: stateless apart from immutable configuration; safe to share.
 */
public final class ProfileConverter implements FrameConverter {

    /** Gas constant of dry air, J kg⁻¹ K⁻¹. */
    public static final double RDRY = 287.04;
    /**
     * hycs_std's gravity, m s⁻²: 9.80616, the value at 45° latitude (WMO), for the hypsometric
     * level heights and for the vertical velocity w = −ω/(ρ g). With it the lat/lon and Lambert
     * reference cases lose their 1e-5 relative speed bias (with 9.80665 our sigma-level heights
     * were 5e-5 relative too low), and experiment E3's w agrees to 4e-6 (print precision) instead
     * of 5e-5 (docs/parity.md).
     */
    public static final double HYCS_GRAVITY = 9.80616;
    /** R_d/c_p for potential temperature θ = T·(1000/p)^κ = T·exp(κ(ln 1000 − ln p)). */
    public static final double KAPPA = 2.0 / 7.0;
    /** ln 1000 with the kernel's own logarithm. */
    static final double LN_1000 = StiltMath.log(1000.0);
    /** Virtual temperature coefficient: T_v = T·(1 + 0.61·q). */
    public static final double VIRTUAL = 0.61;
    /** Saturation vapour pressure e_s = exp(A − B/T) hPa (Clausius–Clapeyron fit): A. */
    static final double SATURATION_A = 21.4;
    /** Saturation vapour pressure e_s = exp(A − B/T) hPa: B, K. */
    static final double SATURATION_B = 5351.0;
    /** Ratio of the gas constants of dry air and water vapour, q_s = ε·e_s/p. */
    static final double SATURATION_EPSILON = 0.622;

    private final InternalLevels levels;
    private final GridProjection projection;
    private final MixedLayerOptions mixedLayer;
    /** The internal level heights, copied once (not per column). */
    private final double[] levelHeights;

    /** A converter with R-STILT's mixed-layer defaults (KMIXD = 3, KMIX0 = 150 m). */
    public ProfileConverter(InternalLevels levels, GridProjection projection) {
        this(levels, projection, MixedLayerOptions.STILT_DEFAULT);
    }

    public ProfileConverter(InternalLevels levels, GridProjection projection, MixedLayerOptions mixedLayer) {
        this.levels = levels;
        this.projection = projection;
        this.mixedLayer = java.util.Objects.requireNonNull(mixedLayer, "mixedLayer");
        this.levelHeights = levels.heightsMeters();
    }

    public InternalLevels levels() {
        return levels;
    }

    /**
     * Checks that a raw frame has what the conversion needs: SHGT, PRSS, and UWND, VWND, TEMP on
     * every level; HGTS for pressure levels; PRES for coordinates other than σ, pressure and hybrid.
     *
     * @throws InvalidInputException naming what is missing
     */
    public static void validate(RawMetFrame raw) {
        required2(raw, "SHGT");
        required2(raw, "PRSS");
        required3(raw, "UWND");
        required3(raw, "VWND");
        required3(raw, "TEMP");
        if (raw.coordinate() == VerticalCoordinate.PRESSURE && raw.upperField("HGTS") == null) {
            throw new InvalidInputException("pressure-level met at " + raw.validTime()
                    + " has no HGTS field; expected HGTS (geopotential height) on every level");
        }
        boolean known = raw.coordinate() == VerticalCoordinate.SIGMA || raw.coordinate() == VerticalCoordinate.PRESSURE
                || raw.coordinate() == VerticalCoordinate.HYBRID;
        if (!known && raw.upperField("PRES") == null) {
            throw new InvalidInputException("vertical coordinate " + raw.coordinate()
                    + " without a PRES field is not supported yet; expected sigma, pressure or hybrid data,"
                    + " or PRES on every level");
        }
        if (raw.levelCount() < 1) {
            throw new InvalidInputException("met at " + raw.validTime() + " has no upper levels; expected at least one");
        }
    }

    /** The map factors of a grid point: metres per grid unit in x and y, as stored in the frame. */
    public static float[] metersPerGridUnit(GridProjection projection, int x0, int y0, int i, int j) {
        GeoPoint geo = projection.toGeo(x0 + i + 1.0, y0 + j + 1.0);
        return new float[] {(float) (1.0 / projection.gridUnitsPerMeterX(geo.latitude(), geo.longitude())),
            (float) (1.0 / projection.gridUnitsPerMeterY(geo.latitude(), geo.longitude()))};
    }

    @Override
    public KernelFrame convert(RawMetFrame raw) {
        validate(raw);
        int wx = raw.wx();
        int wy = raw.wy();
        int nz = levels.count();
        int nl = raw.levelCount();
        KernelFrame out = new KernelFrame(raw.x0(), raw.y0(), wx, wy, nz, raw.validTime());
        float[] shgt = required2(raw, "SHGT");
        float[] prss = required2(raw, "PRSS");
        float[] uw = required3(raw, "UWND");
        float[] vw = required3(raw, "VWND");
        float[] tt = required3(raw, "TEMP");
        float[] ww = raw.upperField("WWND");
        float[] pres = raw.upperField("PRES");
        float[] hgts = raw.upperField("HGTS");
        float[] sphu = raw.upperField("SPHU");
        float[] relh = raw.upperField("RELH");
        float[] t02m = raw.surfaceField("T02M");
        float[] u10m = raw.surfaceField("U10M");
        float[] v10m = raw.surfaceField("V10M");
        double ztop = levels.modelTopMeters();
        double[] zData = new double[nl + 1];
        double[] pData = new double[nl + 1];
        double[] tData = new double[nl + 1];
        double[] qData = new double[nl + 1];
        double[] rhData = new double[nl + 1];
        double[] uData = new double[nl + 1];
        double[] vData = new double[nl + 1];
        double[] wData = new double[nl + 1];
        double[] lnP = new double[nl + 1];
        double[] theta = new double[nz];
        double[] u1 = new double[nz];
        double[] v1 = new double[nz];
        double[] zAgl = new double[nz];
        int plane = wx * wy;
        for (int j = 0; j < wy; j++) {
            for (int i = 0; i < wx; i++) {
                int c = j * wx + i;
                double zg = shgt[c];
                double ps = prss[c];
                copy2(raw, out, i, j, c);
                float[] g = metersPerGridUnit(projection, raw.x0(), raw.y0(), i, j);
                out.set2(KernelFrame.F2_GX, i, j, g[0]);
                out.set2(KernelFrame.F2_GY, i, j, g[1]);
                // Profile of data levels above ground, bottom up, starting with a surface point at
                // the ground: PRSS, T02M, the 10-m wind and ω = 0 (hycs_std's pres/temp below the
                // lowest data level and its near-surface motion: det_plev and det_hrrr references).
                int n = 0;
                {
                    int at0 = c;
                    zData[0] = 0.0;
                    pData[0] = ps;
                    tData[0] = t02m != null ? t02m[c] : tt[at0];
                    qData[0] = sphu != null ? sphu[at0]
                            : relh != null ? specificHumidity(relh[at0], tData[0], ps) : 0.0;
                    rhData[0] = sphu != null ? relativeHumidity(sphu[at0], tData[0], ps)
                            : relh != null ? relativeHumidityFraction(relh[at0]) : 0.0;
                    uData[0] = u10m != null ? u10m[c] : uw[at0];
                    vData[0] = v10m != null ? v10m[c] : vw[at0];
                    wData[0] = 0.0;
                    n = 1;
                }
                double zPrev = 0.0;
                double pPrev = ps;
                double tvPrev = Double.NaN;
                for (int l = 0; l < nl; l++) {
                    int at = l * plane + c;
                    double t = tt[at];
                    double q = sphu != null ? sphu[at] : 0.0;
                    double p = levelPressure(raw, l, ps, pres, at);
                    if (relh != null && sphu == null) {
                        q = specificHumidity(relh[at], t, p);
                    }
                    double tv = t * (1.0 + VIRTUAL * q);
                    double z;
                    if (raw.coordinate() == VerticalCoordinate.PRESSURE) {
                        z = hgts[at] - zg;
                        if (!(z > 0.0) || p > ps) {
                            continue;
                        }
                    } else {
                        if (Double.isNaN(tvPrev)) {
                            double tsfc = t02m != null ? t02m[c] * (1.0 + VIRTUAL * q) : tv;
                            tvPrev = tsfc;
                        }
                        z = zPrev + RDRY / HYCS_GRAVITY * 0.5 * (tvPrev + tv) * StiltMath.log(pPrev / p);
                    }
                    zData[n] = z;
                    pData[n] = p;
                    tData[n] = t;
                    qData[n] = q;
                    rhData[n] = sphu != null ? relativeHumidity(q, t, p)
                            : relh != null ? relativeHumidityFraction(relh[at]) : 0.0;
                    uData[n] = uw[at];
                    vData[n] = vw[at];
                    wData[n] = ww != null ? ww[at] : 0.0;
                    n++;
                    zPrev = z;
                    pPrev = p;
                    tvPrev = tv;
                }
                for (int d = 0; d < n; d++) {
                    lnP[d] = StiltMath.log(pData[d]);
                }
                double scale = (ztop - zg) / ztop;
                int m = 0;
                for (int k = 0; k < nz; k++) {
                    double z = levels.heightMeters(k) * scale;
                    while (m < n - 1 && zData[m + 1] < z) {
                        m++;
                    }
                    double u;
                    double v;
                    double t;
                    double q;
                    double p;
                    double lnp;
                    double om;
                    double rh;
                    if (z <= zData[0]) {
                        rh = rhData[0];
                        u = uData[0];
                        v = vData[0];
                        t = tData[0];
                        q = qData[0];
                        p = pData[0];
                        lnp = lnP[0];
                        om = wData[0];
                    } else if (m >= n - 1) {
                        rh = rhData[n - 1];
                        u = uData[n - 1];
                        v = vData[n - 1];
                        t = tData[n - 1];
                        q = qData[n - 1];
                        p = pData[n - 1];
                        lnp = lnP[n - 1];
                        om = wData[n - 1];
                    } else {
                        double f = (z - zData[m]) / (zData[m + 1] - zData[m]);
                        rh = lerp(rhData[m], rhData[m + 1], f);
                        u = lerp(uData[m], uData[m + 1], f);
                        v = lerp(vData[m], vData[m + 1], f);
                        t = lerp(tData[m], tData[m + 1], f);
                        q = lerp(qData[m], qData[m + 1], f);
                        lnp = lnP[m] + (lnP[m + 1] - lnP[m]) * f;
                        p = StiltMath.exp(lnp);
                        om = lerp(wData[m], wData[m + 1], f);
                    }
                    // w from the file's humidity; stored humidity capped at saturation; the density
                    // from the relative humidity interpolated from the data levels
                    double rhoMoist = p * 100.0 / (RDRY * t * (1.0 + VIRTUAL * q));
                    // one e_s(T) for the cap and the density
                    double es = saturationVapourPressure(t);
                    double qSaturated = saturationSpecificHumidity(p, es);
                    if (qSaturated < q) {
                        q = qSaturated;
                    }
                    double rho = dryAirDensity(p, t, rh * es);
                    double w = -om * 100.0 / (rhoMoist * HYCS_GRAVITY) / scale;
                    out.set3(KernelFrame.F3_U, i, j, k, (float) u);
                    out.set3(KernelFrame.F3_V, i, j, k, (float) v);
                    out.set3(KernelFrame.F3_W, i, j, k, (float) w);
                    out.set3(KernelFrame.F3_T, i, j, k, (float) t);
                    out.set3(KernelFrame.F3_P, i, j, k, (float) p);
                    out.set3(KernelFrame.F3_RHO, i, j, k, (float) rho);
                    out.set3(KernelFrame.F3_Q, i, j, k, (float) q);
                    out.set3(KernelFrame.F3_THETA, i, j, k, (float) (t * StiltMath.exp(KAPPA * (LN_1000 - lnp))));
                    out.set3(KernelFrame.F3_RH, i, j, k, (float) rh);
                }
                out.set2(KernelFrame.F2_MLHT, i, j, (float) mixedLayerDepth(out, i, j, theta, u1, v1, zAgl));
            }
        }
        return out;
    }

    /**
     * The column's mixed-layer depth by the KMIXD rule from the frame's stored (float) values:
     * KMIXD 0 = max(PBLH, KMIX0) (NaN without PBLH), KMIXD 3 = {@link MixedLayerDepth#bulkRichardsonOrNaN}.
     */
    private double mixedLayerDepth(KernelFrame out, int i, int j, double[] theta, double[] u, double[] v,
                                   double[] zAgl) {
        if (mixedLayer.kmixd() == 0) {
            double pblh = out.get2(KernelFrame.F2_PBLH, i, j);
            return Double.isNaN(pblh) ? Double.NaN : Math.max(pblh, mixedLayer.kmix0Meters());
        }
        for (int k = 0; k < theta.length; k++) {
            theta[k] = out.get3(KernelFrame.F3_THETA, i, j, k);
            u[k] = out.get3(KernelFrame.F3_U, i, j, k);
            v[k] = out.get3(KernelFrame.F3_V, i, j, k);
        }
        MixedLayerDepth.aboveGround(levelHeights, out.get2(KernelFrame.F2_ZSFC, i, j), levels.modelTopMeters(), zAgl);
        return MixedLayerDepth.bulkRichardsonOrNaN(zAgl, theta, u, v,
                MixedLayerDepth.fittedDensity(out, i, j), out.get3(KernelFrame.F3_T, i, j, 0),
                out.get2(KernelFrame.F2_SHTF, i, j), out.get2(KernelFrame.F2_USTR, i, j), mixedLayer.kmix0Meters());
    }

    /** Same levels, projection and mixed-layer rule: the same frames. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ProfileConverter c && c.levels.modelTopMeters() == levels.modelTopMeters()
                && c.projection.equals(projection) && c.mixedLayer.equals(mixedLayer);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(levels.modelTopMeters(), projection, mixedLayer);
    }

    /** The mixed-layer rule this converter applies. */
    public MixedLayerOptions mixedLayer() {
        return mixedLayer;
    }

    /**
     * Air density (kg m⁻³) as hycs_std reports it: the density of the dry air, {@code (p − e)/(R_d·T)},
     * with the vapour pressure {@code e = RH·e_s(T)}, {@code e_s = exp(21.4 − 5351/T)} hPa (the
     * saturation formula of {@link #saturationVapourPressure}). Found 2026-12-03 against hycs_std's
     * {@code dens} on the deterministic references (docs/transport.md "Met on the internal levels"):
     * with the relative humidity interpolated from the data levels the mean differences are below
     * 1e-5 (the RELH file to 5e-6) where {@code (1 − q)·p/(R_d·T_v)} left up to 8.5e-5.
     *
     * @param rhFraction relative humidity as a fraction (0–1)
     */
    public static double density(double pHpa, double tK, double rhFraction) {
        return dryAirDensity(pHpa, tK, rhFraction * saturationVapourPressure(tK));
    }

    /**
     * The air density (kg m⁻³) at time fraction {@code ft} between two frames, formed as hycs_std
     * forms its {@code dens}: {@link #density} of the temperature, pressure and relative humidity
     * interpolated linearly in time, not the two frames' densities interpolated. The kernels call
     * it per internal level with the values interpolated horizontally to the particle (the four
     * grid points' T, p and RH, not their densities), then interpolate the density linearly in
     * height. Where the temperature changes between the frames the density falls below the
     * time-linear one by about {@code 3·s(1 − s)·(ΔT/T)²} (the curvature of 1/T and of e_s(T)):
     * −5.6e-4 at mid-interval for 283 → 291 K, as hycs_std's {@code dens} on det_tvar and det_lcc;
     * across terrain, where the corners' p and T differ, above the bilinear density by
     * ~{@code w(1 − w)·(Δp/p)(ΔT/T)} (real HRRR at 2–3 km AGL: up to 5.6e-4;
     * docs/transport.md "Met on the internal levels"). Both kernels compute it in this order
     * (Fortran {@code stilt_density_between}).
     *
     * @param tA  temperature at frame a, K ({@code tB} at frame b)
     * @param pA  pressure at frame a, hPa ({@code pB} at frame b)
     * @param rhA relative humidity at frame a as a fraction ({@code rhB} at frame b)
     * @param ft  time fraction from frame a (0) to frame b (1)
     */
    public static double densityBetween(double tA, double pA, double rhA, double tB, double pB, double rhB,
                                        double ft) {
        return density(lerp(pA, pB, ft), lerp(tA, tB, ft), lerp(rhA, rhB, ft));
    }

    /** The dry air's density (kg m⁻³) {@code (p − e)/(R_d·T)} at vapour pressure {@code eHpa}. */
    private static double dryAirDensity(double pHpa, double tK, double eHpa) {
        return (pHpa - eHpa) * 100.0 / (RDRY * tK);
    }

    /** Saturation vapour pressure (hPa) as hycs_std computes it: {@code e_s = exp(21.4 − 5351/T)}. */
    static double saturationVapourPressure(double tK) {
        return StiltMath.exp(SATURATION_A - SATURATION_B / tK);
    }

    /**
     * Relative humidity (fraction, 0–1) of specific humidity {@code q} as HYSPLIT carries humidity:
     * {@code q/q_s} with {@code q_s = 0.622·e_s/p} ({@link #saturationSpecificHumidity}), capped at 1
     * (the saturation cap) and at 0.
     */
    public static double relativeHumidity(double q, double tK, double pHpa) {
        double rh = q * pHpa / (SATURATION_EPSILON * saturationVapourPressure(tK));
        return Math.min(1.0, Math.max(0.0, rh));
    }

    /** A file's relative humidity (%) as a fraction, capped at 1 and at 0. */
    static double relativeHumidityFraction(double rhPercent) {
        return Math.min(1.0, Math.max(0.0, rhPercent / 100.0));
    }

    /**
     * Saturation specific humidity (kg/kg) at {@code pHpa} and saturation vapour pressure
     * {@code esHpa} ({@link #saturationVapourPressure}) as hycs_std caps humidity:
     * {@code 0.622·e_s/p} with {@code e_s = exp(21.4 − 5351/T)} hPa. Where a file's humidity exceeds it
     * (a constant-SPHU synthetic profile above its condensation level, cloud layers in real data),
     * hycs_std's {@code dens} is that of saturated air: on {@code det_omega} (SPHU 0.008 at every
     * level) its density from 2.2 to 5.8 km is 0.03–0.9 % above the uncapped one, reproduced to
     * 5e-5 by this cap applied on the internal levels (docs/transport.md "Met on the internal levels").
     */
    private static double saturationSpecificHumidity(double pHpa, double esHpa) {
        return SATURATION_EPSILON * esHpa / pHpa;
    }

    private static double lerp(double a, double b, double f) {
        return a + (b - a) * f;
    }

    private static double levelPressure(RawMetFrame raw, int l, double ps, float[] pres, int at) {
        if (pres != null) {
            return pres[at];
        }
        double value = raw.levelValues()[l];
        return switch (raw.coordinate()) {
            case SIGMA -> value * (ps - raw.topPressureHpa()) + raw.topPressureHpa();
            case PRESSURE -> value;
            case HYBRID -> {
                double offset = Math.floor(value);
                yield offset + (value - offset) * ps;
            }
            default -> throw new InvalidInputException("vertical coordinate " + raw.coordinate()
                    + " without a PRES field is not supported yet; expected sigma, pressure or hybrid data,"
                    + " or PRES on every level");
        };
    }

    /** Specific humidity (kg/kg) from relative humidity (%), temperature (K) and pressure (hPa). */
    static double specificHumidity(double rhPercent, double tK, double pHpa) {
        double es = 6.112 * StiltMath.exp(17.67 * (tK - 273.15) / (tK - 29.65));
        double e = Math.max(0.0, rhPercent) / 100.0 * es;
        return 0.622 * e / Math.max(pHpa - 0.378 * e, 1e-6);
    }

    private static void copy2(RawMetFrame raw, KernelFrame out, int i, int j, int c) {
        out.set2(KernelFrame.F2_ZSFC, i, j, raw.surfaceField("SHGT")[c]);
        out.set2(KernelFrame.F2_PSFC, i, j, raw.surfaceField("PRSS")[c]);
        out.set2(KernelFrame.F2_PBLH, i, j, first(raw, c, "PBLH", "MXHT", "HPBL"));
        out.set2(KernelFrame.F2_SHTF, i, j, first(raw, c, "SHTF"));
        out.set2(KernelFrame.F2_USTR, i, j, first(raw, c, "USTR"));
        out.set2(KernelFrame.F2_LHTF, i, j, first(raw, c, "LHTF"));
        out.set2(KernelFrame.F2_DSWF, i, j, first(raw, c, "DSWF"));
        out.set2(KernelFrame.F2_T02M, i, j, first(raw, c, "T02M"));
    }

    private static float first(RawMetFrame raw, int c, String... names) {
        for (String n : names) {
            float[] f = raw.surfaceField(n);
            if (f != null) {
                return f[c];
            }
        }
        return Float.NaN;
    }

    private static float[] required2(RawMetFrame raw, String name) {
        float[] f = raw.surfaceField(name);
        if (f == null) {
            throw new InvalidInputException("met at " + raw.validTime() + " has no surface field " + name
                    + "; the transport kernel needs SHGT, PRSS, and UWND, VWND, TEMP on every level");
        }
        return f;
    }

    private static float[] required3(RawMetFrame raw, String name) {
        float[] f = raw.upperField(name);
        if (f == null) {
            throw new InvalidInputException("met at " + raw.validTime() + " has no upper-level field " + name
                    + "; the transport kernel needs SHGT, PRSS, and UWND, VWND, TEMP on every level");
        }
        return f;
    }
}
