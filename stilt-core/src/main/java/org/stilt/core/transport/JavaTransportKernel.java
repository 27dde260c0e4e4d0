package org.stilt.core.transport;

import org.stilt.core.KernelException;
import org.stilt.core.math.StiltMath;

/**
 * The pure-Java reference implementation of the deterministic transport (docs/transport.md):
 * bilinear horizontal, linear vertical and linear time interpolation of the kernel frames, and
 * one-minute predictor–corrector (Heun) steps in grid units and scaled height. Below the first
 * internal level the horizontal and vertical wind go linearly to zero at the ground and scalars
 * are constant. The native kernel implements exactly the same arithmetic.
 *
 * <p>Thread-safety: stateless; safe to call from many threads for different simulations.
 */
public final class JavaTransportKernel implements TransportKernel {
    /** A cell touches a pole when its smallest corner spacing is below this fraction of its largest. */
    static final double POLE_SPACING_RATIO = 1e-6;

    /** Status (as the native kernel's STILT_ERR_DOMAIN) for a particle outside the frames' sub-grid. */
    public static final int STATUS_OUTSIDE_WINDOW = 2;
    /** Status (STILT_ERR_NUMERIC) for a non-finite velocity at a particle. */
    public static final int STATUS_BAD_MET = 3;
    /** Status (STILT_ERR_ARGUMENT) for inconsistent frames or arguments. */
    public static final int STATUS_BAD_FRAMES = 1;

    private final double modelTopMeters;

    /** A kernel for the given model top (metres; R-STILT's {@code z_top}, default 25000). */
    public JavaTransportKernel(double modelTopMeters) {
        this.modelTopMeters = modelTopMeters;
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public void advance(KernelStep step, KernelFrame a, KernelFrame b, ParticleState state, TrajectoryRows rows) {
        checkFrames(a, b);
        InternalLevels levels = InternalLevels.forModelTop(modelTopMeters);
        if (levels.count() != a.nz()) {
            throw new KernelException(STATUS_BAD_FRAMES, "advance", "frames have " + a.nz()
                    + " internal levels; the model top " + modelTopMeters + " m needs " + levels.count());
        }
        // internal level 1 as hycs_std holds it: the ground wind's height and layer 0's turbulence level
        double level1Held = groundWindHeight(levels.heightMeters(0), modelTopMeters);
        Sampler s = new Sampler(a, b, levels.heightsMeters(), step.frameBMinute() - step.frameAMinute(), level1Held);
        double[] v1 = new double[3];
        double[] v2 = new double[3];
        int dt = step.dtMinutes();
        int n = state.size();
        // positions are advanced relative to hycs_std's sub-grid corner (whole grid units: exact)
        double ox = step.advectionX0();
        double oy = step.advectionY0();
        TurbulenceOptions turb = step.turbulence();
        boolean turbulent = turb.enabled();
        ErrorProcesses errors = turb.errors();
        double[] zk = levels.heightsMeters();
        double[] levelsAgl = new double[zk.length];
        LayerTable table = new LayerTable(levelsAgl);
        FreeTroposphere free = new FreeTroposphere();
        double[] hanna = new double[2];
        VerticalDispersion.Particle dp = new VerticalDispersion.Particle();
        org.stilt.core.rng.BlockCursor cursor = new org.stilt.core.rng.BlockCursor();
        WindPath path = new WindPath(levels.heightsMeters(), level1Held);
        dp.path = path;
        double[] pv1 = new double[2];
        double[] pv2 = new double[2];
        Sampler.Cell cell1 = new Sampler.Cell();
        Sampler.Cell cell2 = new Sampler.Cell();
        double rHorizontal = StiltMath.exp(-60.0 / turb.hscaleSeconds());
        double footValue = 0.0;
        double samtMinutes = 0.0;
        double sigwValue = 0.0;
        double tlgrValue = 0.0;
        for (int k = 0; k < step.steps(); k++) {
            double t0 = step.startMinute() + (double) k * dt;
            double t1 = t0 + dt;
            double f0 = (t0 - step.frameAMinute()) / (step.frameBMinute() - step.frameAMinute());
            double f1 = (t1 - step.frameAMinute()) / (step.frameBMinute() - step.frameAMinute());
            double fMid = (t0 + 0.5 * dt - step.frameAMinute()) / (step.frameBMinute() - step.frameAMinute());
            for (int p = 0; p < n; p++) {
                if (state.status[p] != ParticleState.ACTIVE) {
                    continue;
                }
                double x = state.x[p];
                double y = state.y[p];
                double z = state.zs[p];
                if (x < 2.0 || x > step.gridNx() - 1.0 || y < 2.0 || y > step.gridNy() - 1.0) {
                    state.status[p] = ParticleState.LEFT_DOMAIN;
                    continue;
                }
                s.velocity(x, y, z, f0, step.verticalMotion(), v1, p);
                s.keep(cell1);
                // hycs_std's arithmetic: positions are single precision, the vertical one as
                // σ = 1 − ẑ/Z_top, the horizontal ones relative to the corner of its sub-grid that
                // follows the particles (AdvectionSubGrid), all with the corrector
                // P1 = ½(P + P' + V(P')·Δt) (docs/transport.md "Positions and their precision")
                float sx = (float) (x - ox);
                float sy = (float) (y - oy);
                float ss = sigmaOf(z);
                float px = sx + (float) (v1[0] * dt);
                float py = sy + (float) (v1[1] * dt);
                float ps = reflect(ss + (float) (-v1[2] * dt / modelTopMeters));
                double xp = px + ox;
                double yp = py + oy;
                double zp = heightOf(ps);
                double scale = 0.0;
                org.stilt.core.rng.BlockCursor stream = null;
                HannaTurbulence.Stability st = null;
                double h = 0.0;
                double mlhtUsed = 0.0;
                double z0 = 0.0;
                if (turbulent) {
                    // STILT dispersion: turbulence from the met at the middle of the step, the grid
                    // point nearest to the particle (docs/transport.md "One minute of one particle").
                    s.surface(x, y, fMid, f1);
                    scale = (modelTopMeters - s.zsfc) / modelTopMeters;
                    // layer 0's turbulence is evaluated at internal level 1 as hycs_std holds it (its
                    // single-precision σ: 10.00017 m for 10 m and a 25 km top), like the ground wind
                    levelsAgl[0] = level1Held * scale;
                    for (int k2 = 1; k2 < zk.length; k2++) {
                        levelsAgl[k2] = zk[k2] * scale;
                    }
                    // the particle's stream, each Philox block computed once (same draws)
                    stream = cursor.aim(new org.stilt.core.rng.ParticleStream(turb.seed(), turb.simulationId(),
                            step.particleIndex(p)));
                    boolean first = state.draw[p] == 0;
                    if (first && errors.any()) {
                        state.errors[3 * p] = errors.windSigmaMs() * stream.normal(3);
                        state.errors[3 * p + 1] = errors.windSigmaMs() * stream.normal(4);
                        state.errors[3 * p + 2] = errors.ziSigmaFraction() * stream.normal(5);
                    }
                    mlhtUsed = s.pblh * turb.ziFactorAt(t0 + 0.5 * dt);
                    if (errors.mixedLayer()) {
                        mlhtUsed = mlhtUsed * (1.0 + state.errors[3 * p + 2]);
                    }
                    st = HannaTurbulence.stability(s.ustr, s.shtf, s.rho1, s.theta1, mlhtUsed,
                            HannaTurbulence.MAX_UNSTABLE_OBUKHOV * scale);
                    z0 = turb.z0Meters() > 0 ? turb.z0Meters() : s.z0;
                    // above the mixed layer σ_w follows the column's shear and stability
                    free.aim(a, b, s.ni, s.nj, f1);
                    table.reset(st, z0, free);
                    h = turb.footprintHeightMeters(mlhtUsed);
                    dp.z = z * scale;
                    if (first) {
                        double su0 = horizontalSigma(st, dp.z, levelsAgl[0], z0, hanna);
                        state.wTurb[p] = stream.normal(0);
                        state.uTurb[p] = su0 * stream.normal(1);
                        state.vTurb[p] = su0 * stream.normal(2);
                        state.draw[p] = errors.any() ? 6 : 3;
                    }
                    // wTurb holds w'/σ_w (normalized): a layer whose σ_w changes in time (the mixed
                    // layer growing or collapsing) scales w' with it, as crossing an interface does
                    dp.w = state.wTurb[p] * table.sigw(HannaTurbulence.layerOf(dp.z, levelsAgl));
                    dp.draw = state.draw[p];
                    dp.samtSeconds = 0.0;
                    // the path's time at each level gives the mean wind along it (below)
                    path.reset();
                    dp.pathScale = 1.0 / scale;

                }
                s.velocity(xp, yp, zp, f1, step.verticalMotion(), v2, p);
                s.keep(cell2);
                float nx = 0.5f * ((sx + px) + (float) (v2[0] * dt));
                float ny = 0.5f * ((sy + py) + (float) (v2[1] * dt));
                float ns = reflect(0.5f * ((ss + ps) + (float) (-v2[2] * dt / modelTopMeters)));
                // sub-grid coordinates until the minute's horizontal moves are all added
                double xn = nx;
                double yn = ny;
                double zn = heightOf(ns);
                if (turbulent) {
                    // the mean motion's height change first, then both 30-s halves of the vertical
                    // dispersion from there, then the wind along that path, horizontal turbulence
                    dp.z = Math.abs(dp.z + (zn - z) * scale);
                    VerticalDispersion.half(dp, table, h, turb.tlfrac(), stream);
                    VerticalDispersion.half(dp, table, h, turb.tlfrac(), stream);
                    VerticalDispersion.finish(dp, table);
                    // the mean motion follows the wind along the turbulent path: each level's wind
                    // weighted by the time the path spent there, at the start and at the
                    // predictor position (docs/transport.md "Wind along the path")
                    path.flush();
                    if (path.seconds() > 0.0) {
                        s.pathVelocity(cell1, f0, path, pv1, p);
                        s.pathVelocity(cell2, f1, path, pv2, p);
                        xn = 0.5f * ((sx + (sx + (float) (pv1[0] * dt))) + (float) (pv2[0] * dt));
                        yn = 0.5f * ((sy + (sy + (float) (pv1[1] * dt))) + (float) (pv2[1] * dt));
                    }
                    double su = horizontalSigma(st, dp.z, levelsAgl[0], z0, hanna);
                    double keep = su * Math.sqrt(Math.max(0.0, 1.0 - rHorizontal * rHorizontal));
                    double u = rHorizontal * state.uTurb[p] + keep * stream.normal(dp.draw);
                    double v = rHorizontal * state.vTurb[p] + keep * stream.normal(dp.draw + 1);
                    state.uTurb[p] = u;
                    state.vTurb[p] = v;
                    state.wTurb[p] = dp.w / dp.sigw;
                    long d = dp.draw + 2;
                    double ue = state.errors[3 * p];
                    double ve = state.errors[3 * p + 1];
                    xn = (float) (xn + (u + ue) * 60.0 / s.gx) + ox;
                    yn = (float) (yn + (v + ve) * 60.0 / s.gy) + oy;
                    zn = heightOf(reflect((float) (1.0 - (dp.z / scale) / modelTopMeters)));
                    if (errors.any()) {
                        double ds = Math.sqrt(((xn - x) * s.gx) * ((xn - x) * s.gx) + ((yn - y) * s.gy) * ((yn - y) * s.gy));
                        double dzm = Math.abs(dp.z - z * scale);
                        if (errors.wind()) {
                            double r = StiltMath.exp(-(60.0 / errors.windTimeScaleSeconds()
                                    + ds / errors.windHorizontalMeters() + dzm / errors.windVerticalMeters()));
                            double kk = errors.windSigmaMs() * Math.sqrt(Math.max(0.0, 1.0 - r * r));
                            state.errors[3 * p] = r * ue + kk * stream.normal(d);
                            state.errors[3 * p + 1] = r * ve + kk * stream.normal(d + 1);
                            d += 2;
                        }
                        if (errors.mixedLayer()) {
                            double r = StiltMath.exp(-(60.0 / errors.ziTimeScaleSeconds()
                                    + ds / errors.ziHorizontalMeters()));
                            double kk = errors.ziSigmaFraction() * Math.sqrt(Math.max(0.0, 1.0 - r * r));
                            state.errors[3 * p + 2] = r * state.errors[3 * p + 2] + kk * stream.normal(d);
                            d += 1;
                        }
                    }
                    state.draw[p] = d;
                    samtMinutes = dp.samtSeconds / 60.0;
                    footValue = samtMinutes > 0.0 ? FOOT_FACTOR * samtMinutes * 60.0 / s.columnMass(h, levelsAgl, fMid)
                            : 0.0;
                    sigwValue = dp.sigw;
                    tlgrValue = dp.tlgr;
                } else {
                    xn += ox;
                    yn += oy;
                }
                state.x[p] = xn;
                state.y[p] = yn;
                state.zs[p] = zn;
                int row = rows.append();
                s.sample(xn, yn, zn, f1, p);
                rows.set(row, TrajectoryRows.TIME, t1);
                rows.set(row, TrajectoryRows.INDX, (double) step.particleIndex(p) + 1);
                rows.set(row, TrajectoryRows.GRIDX, xn);
                rows.set(row, TrajectoryRows.GRIDY, yn);
                double zagl = zn * (modelTopMeters - s.zsfc) / modelTopMeters;
                rows.set(row, TrajectoryRows.ZAGL, zagl);
                rows.set(row, TrajectoryRows.ZSFC, s.zsfc);
                rows.set(row, TrajectoryRows.PRES, s.pres);
                rows.set(row, TrajectoryRows.DENS, s.dens);
                rows.set(row, TrajectoryRows.TEMP, s.temp1);
                double outScale = (modelTopMeters - s.zsfc) / modelTopMeters;
                rows.set(row, TrajectoryRows.WOUT, 0.5 * (v1[2] + v2[2]) * Integer.signum(dt) * outScale / 60.0);
                rows.set(row, TrajectoryRows.MLHT, turbulent ? mlhtUsed : s.pblh);
                rows.set(row, TrajectoryRows.SHTF, s.shtf);
                rows.set(row, TrajectoryRows.USTR, s.ustr);
                rows.set(row, TrajectoryRows.DSWF, s.dswf);
                rows.set(row, TrajectoryRows.LHTF, s.lhtf);
                rows.set(row, TrajectoryRows.SPHU, s.sphu);
                rows.set(row, TrajectoryRows.FOOT, footValue);
                rows.set(row, TrajectoryRows.SAMT, samtMinutes);
                rows.set(row, TrajectoryRows.SIGW, sigwValue);
                rows.set(row, TrajectoryRows.TLGR, tlgrValue);
            }
        }
    }

    /**
     * Empirical factor of hycs_std's column mass D = ρ̄·h (experiment E5: 1.00451 ± 0.00002 over
     * its 19 rows); its origin is unknown (docs/transport.md).
     */
    public static final double E5_DENSITY_FACTOR = 1.00451;

    /** Molar mass of dry air, kg mol⁻¹, of foot = M·samt·60/(ρ̄·h) (hysplit-reference §2.9). */
    public static final double FOOT_FACTOR = 0.02897;

    /**
     * Horizontal turbulent velocity scale σ_u = σ_v = σ_w(z)/√2 (experiment E8): Hanna's σ_w at
     * the particle height, not below the first internal level, inside the mixed layer; the
     * free-troposphere σ_w above it.
     */
    static double horizontalSigma(HannaTurbulence.Stability st, double zAglMeters, double firstLevelMeters,
                                  double z0Meters, double[] scratch) {
        HannaTurbulence.layerValue(st, Math.max(zAglMeters, firstLevelMeters), z0Meters, scratch);
        return scratch[0] / Math.sqrt(2.0);
    }

    /**
     * The height (scaled, m) below which the wind goes linearly to zero at the ground: internal
     * level 1 as hycs_std holds it, σ₁ = 1 − z₁/Z_top in single precision (10.00017 m for z₁ = 10 m
     * and a 25 km top). With the exact 10 m, every particle below level 1 in the reference cases ran
     * 2–3e-5 relative faster than hycs_std (docs/parity.md, "Near the ground").
     */
    static double groundWindHeight(double level1Meters, double modelTopMeters) {
        return (1.0 - (double) (float) (1.0 - level1Meters / modelTopMeters)) * modelTopMeters;
    }

    /** σ = 1 − ẑ/Z_top in single precision, as hycs_std stores a particle's vertical position. */
    private float sigmaOf(double scaledHeightMeters) {
        return (float) (1.0 - scaledHeightMeters / modelTopMeters);
    }

    /** ẑ of a σ. */
    private double heightOf(float sigma) {
        return (1.0 - sigma) * modelTopMeters;
    }

    /** Keeps σ in [0, 1]: reflection at the ground (σ &gt; 1), the model top caps at σ = 0. */
    private static float reflect(float sigma) {
        if (sigma > 1.0f) {
            return 2.0f - sigma;
        }
        return Math.max(sigma, 0.0f);
    }

    /**
     * Rounds a scaled height to the single-precision σ grid on which hycs_std keeps particles
     * (2⁻²⁴·(Z_top − z_g) ≈ 1.5 mm near the ground for a 25 km top).
     */
    public static double quantizeHeight(double scaledHeightMeters, double modelTopMeters) {
        float sigma = (float) (1.0 - scaledHeightMeters / modelTopMeters);
        return (1.0 - sigma) * modelTopMeters;
    }

    private static void checkFrames(KernelFrame a, KernelFrame b) {
        if (a.x0() != b.x0() || a.y0() != b.y0() || a.wx() != b.wx() || a.wy() != b.wy() || a.nz() != b.nz()) {
            throw new KernelException(STATUS_BAD_FRAMES, "advance", "frames A and B cover different sub-grids ("
                    + a.x0() + "," + a.y0() + " " + a.wx() + "×" + a.wy() + " vs " + b.x0() + "," + b.y0() + " "
                    + b.wx() + "×" + b.wy() + "); expected the same");
        }
    }

    /**
     * 0-based lower level of the interval [zk[k], zk[k + 1]) holding scaled height z (zk[0] ≤ z <
     * zk[last]), searched from its fractional level index {@code li} ({@link #levelIndex}).
     */
    static int lowerLevel(double z, double li, double[] zk) {
        int nz = zk.length;
        int k = Math.max(0, Math.min(nz - 2, (int) li - 1));
        while (k > 0 && zk[k] > z) {
            k--;
        }
        while (k < nz - 2 && zk[k + 1] <= z) {
            k++;
        }
        return k;
    }

    /** Fractional 1-based internal level index of scaled height z: the root of 30k² − 25k + 5 = z. */
    static double levelIndex(double z) {
        double b = InternalLevels.B;
        double a = InternalLevels.A;
        return (-b + Math.sqrt(b * b - 4.0 * a * (InternalLevels.C - z))) / (2.0 * a);
    }

    /** Interpolation at one position and time; fields are read from both frames and blended. */
    private static final class Sampler {
        private final KernelFrame a;
        private final KernelFrame b;
        private final double[] zk;
        // corner weights and indices
        private int i0;
        private int j0;
        private final double frameGapMinutes;
        private double ax;
        private double ay;
        private double w00;
        private double w10;
        private double w01;
        private double w11;
        private int k;
        private double fz;
        private double fk;
        private double windScale;
        /** Height over which the wind goes to zero at the ground ({@link #groundWindHeight(double, double)}). */
        private final double groundWindHeight;
        /** Cell and weights of the particle for D = ρ̄·h (set by {@link #surface}). */
        private int mi0;
        private int mj0;
        private double m00;
        private double m10;
        private double m01;
        private double m11;
        double zsfc;
        double pres;
        double dens;
        double temp1;
        double pblh;
        double shtf;
        double ustr;
        double dswf;
        double lhtf;
        double sphu;
        double gx;
        double gy;
        double rho1;
        double theta1;
        double z0;
        // nearest grid point (sub-grid indices, 0-based)
        private int ni;
        private int nj;

        Sampler(KernelFrame a, KernelFrame b, double[] zk, double frameGapMinutes, double groundWindHeight) {
            this.frameGapMinutes = frameGapMinutes;
            this.groundWindHeight = groundWindHeight;
            this.a = a;
            this.b = b;
            this.zk = zk;
        }

        private void locate(double x, double y, double z, int particle) {
            double fx = x - 1.0 - a.x0();
            double fy = y - 1.0 - a.y0();
            if (!(fx >= 0.0 && fy >= 0.0 && fx < a.wx() - 1 && fy < a.wy() - 1)) {
                throw new KernelException(STATUS_OUTSIDE_WINDOW, "advance", "particle " + (particle + 1)
                        + " at grid x " + x + ", y " + y + " is outside the met sub-grid x " + (a.x0() + 1) + ".."
                        + (a.x0() + a.wx()) + ", y " + (a.y0() + 1) + ".." + (a.y0() + a.wy()));
            }
            i0 = (int) Math.floor(fx);
            j0 = (int) Math.floor(fy);
            ax = fx - i0;
            ay = fy - j0;
            w00 = (1 - ax) * (1 - ay);
            w10 = ax * (1 - ay);
            w01 = (1 - ax) * ay;
            w11 = ax * ay;
            int nz = zk.length;
            if (z < zk[0]) {
                k = 0;
                fz = 0.0;
                fk = 0.0;
                windScale = z / groundWindHeight;
            } else if (z >= zk[nz - 1]) {
                k = nz - 2;
                fz = 1.0;
                fk = 1.0;
                windScale = 1.0;
            } else {
                double li = levelIndex(z);
                k = lowerLevel(z, li, zk);
                fz = (z - zk[k]) / (zk[k + 1] - zk[k]);
                fk = li - (k + 1);
                fk = Math.max(0.0, Math.min(1.0, fk));
                windScale = 1.0;
            }
        }

        private double h2(KernelFrame f, int field) {
            return w00 * f.get2(field, i0, j0) + w10 * f.get2(field, i0 + 1, j0)
                    + w01 * f.get2(field, i0, j0 + 1) + w11 * f.get2(field, i0 + 1, j0 + 1);
        }

        private double col(KernelFrame f, int field, int i, int j, double frac) {
            double lo = f.get3(field, i, j, k);
            if (frac == 0.0) {
                return lo;
            }
            return lo + (f.get3(field, i, j, k + 1) - lo) * frac;
        }

        /** Scalars: linear in height between internal levels. */
        private double h3(KernelFrame f, int field) {
            return h3(f, field, fz);
        }

        /** Winds: linear in the fractional level index (hysplit-reference §2.3, docs/transport.md). */
        private double h3k(KernelFrame f, int field) {
            return h3(f, field, fk);
        }

        private double h3(KernelFrame f, int field, double frac) {
            return w00 * col(f, field, i0, j0, frac) + w10 * col(f, field, i0 + 1, j0, frac)
                    + w01 * col(f, field, i0, j0 + 1, frac) + w11 * col(f, field, i0 + 1, j0 + 1, frac);
        }

        private double t3k(int field, double ft) {
            double va = h3k(a, field);
            return va + (h3k(b, field) - va) * ft;
        }

        /**
         * A wind component in grid units per second, converted at each corner of the cell by that
         * grid point's metres per grid unit and then interpolated bilinearly (hycs_std's order,
         * docs/transport.md "Map factors"), on the particle's fractional level. In a cell touching
         * a pole ({@link #touchesPole}) the wind and the spacing are interpolated separately.
         */
        private double rate(KernelFrame f, int field, int spacing) {
            double c00 = col(f, field, i0, j0, fk);
            double c10 = col(f, field, i0 + 1, j0, fk);
            double c01 = col(f, field, i0, j0 + 1, fk);
            double c11 = col(f, field, i0 + 1, j0 + 1, fk);
            double g00 = f.get2(spacing, i0, j0);
            double g10 = f.get2(spacing, i0 + 1, j0);
            double g01 = f.get2(spacing, i0, j0 + 1);
            double g11 = f.get2(spacing, i0 + 1, j0 + 1);
            return cornerRate(w00, w10, w01, w11, c00, c10, c01, c11, g00, g10, g01, g11);
        }

        private double t2(int field, double ft) {
            double va = h2(a, field);
            return va + (h2(b, field) - va) * ft;
        }

        private double t3(int field, double ft) {
            double va = h3(a, field);
            return va + (h3(b, field) - va) * ft;
        }

        void velocity(double x, double y, double z, double ft, VerticalMotion motion, double[] out, int particle) {
            locate(x, y, z, particle);
            double ua = rate(a, KernelFrame.F3_U, KernelFrame.F2_GX);
            double ub = rate(b, KernelFrame.F3_U, KernelFrame.F2_GX);
            double va = rate(a, KernelFrame.F3_V, KernelFrame.F2_GY);
            double vb = rate(b, KernelFrame.F3_V, KernelFrame.F2_GY);
            out[0] = (ua + (ub - ua) * ft) * windScale * 60.0;
            out[1] = (va + (vb - va) * ft) * windScale * 60.0;
            out[2] = switch (motion) {
                case DATA -> t3k(KernelFrame.F3_W, ft) * windScale * 60.0;
                case ISOSIGMA -> 0.0;
                case ISOBARIC -> following(KernelFrame.F3_P, ft, out[0], out[1]);
                case ISENTROPIC -> following(KernelFrame.F3_THETA, ft, out[0], out[1]);
                case CONSTANT_DENSITY -> following(KernelFrame.F3_RHO, ft, out[0], out[1]);
            };
            double w = out[2] / 60.0;
            if (!(Double.isFinite(out[0]) && Double.isFinite(out[1]) && Double.isFinite(out[2]))) {
                throw new KernelException(STATUS_BAD_MET, "advance", "non-finite wind (" + out[0] + ", " + out[1]
                        + " grid units/min, " + w + " m/s) at particle " + (particle + 1) + ", grid x " + x + ", y " + y
                        + ", ẑ " + z + " m");
            }
        }

        /**
         * Vertical velocity (scaled metres per minute) that keeps the scalar {@code field} constant along the
         * motion: {@code w = −(∂s/∂t + u·∂s/∂x + v·∂s/∂y) / (∂s/∂ẑ)}, the derivatives taken from the
         * frames at the located point (time: between the frames; horizontal: of the bilinear
         * interpolant; vertical: across the layer). 0 where s does not change with height.
         */
        private double following(int field, double ft, double dxPerMinute, double dyPerMinute) {
            double sa = h3(a, field);
            double sb = h3(b, field);
            double dsdt = (sb - sa) / frameGapMinutes;
            double gxa = gradX(a, field);
            double gxs = gxa + (gradX(b, field) - gxa) * ft;
            double gya = gradY(a, field);
            double gys = gya + (gradY(b, field) - gya) * ft;
            double dza = gradZ(a, field);
            double dzs = dza + (gradZ(b, field) - dza) * ft;
            if (!(Math.abs(dzs) > 1e-12)) {
                return 0.0;
            }
            double change = (dsdt + dxPerMinute * gxs) + dyPerMinute * gys;
            return -change / dzs;
        }

        /** ∂s/∂x (per grid unit) of the bilinear interpolant at the located point. */
        private double gradX(KernelFrame f, int field) {
            return (1 - ay) * (col(f, field, i0 + 1, j0, fz) - col(f, field, i0, j0, fz))
                    + ay * (col(f, field, i0 + 1, j0 + 1, fz) - col(f, field, i0, j0 + 1, fz));
        }

        /** ∂s/∂y (per grid unit) of the bilinear interpolant at the located point. */
        private double gradY(KernelFrame f, int field) {
            return (1 - ax) * (col(f, field, i0, j0 + 1, fz) - col(f, field, i0, j0, fz))
                    + ax * (col(f, field, i0 + 1, j0 + 1, fz) - col(f, field, i0 + 1, j0, fz));
        }

        /** ∂s/∂ẑ (per metre) across the located layer, interpolated horizontally. */
        private double gradZ(KernelFrame f, int field) {
            double up = atLevel(f, field, k + 1);
            double lo = atLevel(f, field, k);
            return (up - lo) / (zk[k + 1] - zk[k]);
        }

        /**
         * A located cell (corner indices and weights) at a velocity's position,
         * kept for the wind along the path there ({@link #keep}, {@link #pathVelocity}).
         *
         * <p>Thread-safety: not thread-safe; owned by one kernel call.
         */
        static final class Cell {
            int i0;
            int j0;
            double w00;
            double w10;
            double w01;
            double w11;
        }

        /** Copies the cell of the last {@link #velocity} call into {@code c}. */
        void keep(Cell c) {
            c.i0 = i0;
            c.j0 = j0;
            c.w00 = w00;
            c.w10 = w10;
            c.w01 = w01;
            c.w11 = w11;
        }

        /**
         * The mean horizontal wind along a particle's recorded vertical path ({@link WindPath}) in
         * a kept cell, linear in time: grid units per minute in {@code out[0..1]}.
         */
        void pathVelocity(Cell c, double ft, WindPath path, double[] out, int particle) {
            double ua = 0.0;
            double ub = 0.0;
            double va = 0.0;
            double vb = 0.0;
            for (int kk = path.lowest(); kk <= path.highest(); kk++) {
                double w = path.weight(kk);
                if (w == 0.0) {
                    continue;
                }
                ua += w * bilinearRate(a, KernelFrame.F3_U, KernelFrame.F2_GX, kk, c);
                ub += w * bilinearRate(b, KernelFrame.F3_U, KernelFrame.F2_GX, kk, c);
                va += w * bilinearRate(a, KernelFrame.F3_V, KernelFrame.F2_GY, kk, c);
                vb += w * bilinearRate(b, KernelFrame.F3_V, KernelFrame.F2_GY, kk, c);
            }
            double u = ua + (ub - ua) * ft;
            double v = va + (vb - va) * ft;
            double seconds = path.seconds();
            out[0] = u / seconds * 60.0;
            out[1] = v / seconds * 60.0;
            if (!(Double.isFinite(out[0]) && Double.isFinite(out[1]))) {
                throw new KernelException(STATUS_BAD_MET, "advance", "non-finite wind along the path of particle "
                        + (particle + 1) + " near grid cell " + (a.x0() + c.i0 + 1) + ", " + (a.y0() + c.j0 + 1)
                        + " (met NaN or infinite)");
            }
        }

        /** A 3-D field on internal level {@code level}, interpolated horizontally. */
        private double atLevel(KernelFrame f, int field, int level) {
            return bilinear(f, field, level, i0, j0, w00, w10, w01, w11);
        }

        /**
         * A wind component on one level in grid units per second: converted at each corner of the kept
         * cell by its metres per grid unit, then bilinear (as {@link #rate}).
         */
        private static double bilinearRate(KernelFrame f, int field, int spacing, int level, Cell c) {
            int i = c.i0;
            int j = c.j0;
            return cornerRate(c.w00, c.w10, c.w01, c.w11, f.get3(field, i, j, level), f.get3(field, i + 1, j, level),
                    f.get3(field, i, j + 1, level), f.get3(field, i + 1, j + 1, level), f.get2(spacing, i, j),
                    f.get2(spacing, i + 1, j), f.get2(spacing, i, j + 1), f.get2(spacing, i + 1, j + 1));
        }

        /**
         * Σ w·(u/g) over the four corners (weights w, winds u in m/s, metres per grid unit g), or
         * (Σ w·u)/(Σ w·g) in a cell touching a pole, where g at the pole is (almost) zero and u/g
         * unbounded. Both kernels sum in this order.
         */
        static double cornerRate(double w00, double w10, double w01, double w11, double u00, double u10,
                                 double u01, double u11, double g00, double g10, double g01, double g11) {
            if (touchesPole(g00, g10, g01, g11)) {
                return (((w00 * u00 + w10 * u10) + w01 * u01) + w11 * u11)
                        / (((w00 * g00 + w10 * g10) + w01 * g01) + w11 * g11);
            }
            return ((w00 * (u00 / g00) + w10 * (u10 / g10)) + w01 * (u01 / g01)) + w11 * (u11 / g11);
        }

        /**
         * Whether a cell's corner spacings include a pole point: the smallest below
         * {@link #POLE_SPACING_RATIO} times the largest (a real grid's neighbouring spacings differ by
         * a factor 2 at most, next to a pole; at the pole cos φ is ~1e-16).
         */
        static boolean touchesPole(double g00, double g10, double g01, double g11) {
            return Math.min(Math.min(g00, g10), Math.min(g01, g11))
                    < POLE_SPACING_RATIO * Math.max(Math.max(g00, g10), Math.max(g01, g11));
        }

        /** A 3-D field on one level, bilinear in cell (i, j) with corner weights (the kernels' summation order). */
        private static double bilinear(KernelFrame f, int field, int level, int i, int j, double c00, double c10,
                                       double c01, double c11) {
            return ((c00 * f.get3(field, i, j, level) + c10 * f.get3(field, i + 1, j, level))
                    + c01 * f.get3(field, i, j + 1, level)) + c11 * f.get3(field, i + 1, j + 1, level);
        }

        /**
         * The fields the turbulence needs at a particle (docs/transport.md "Turbulence"): the
         * terrain height zsfc (bilinear, as for zagl) and, at the grid point nearest to the
         * particle, mlht at the middle of the step ({@code ftMid}), and at its end ({@code ftEnd})
         * shtf, ustr, the grid spacing, and the moist density ρ = ρ_dry/(1 − q) and potential
         * temperature θ of the first internal level (the buoyancy flux B = gH/(ρ c_p θ)). Uses the
         * cell located last: the caller has just taken the velocity at (x, y) at the step's start.
         */
        void surface(double x, double y, double ftMid, double ftEnd) {
            zsfc = t2(KernelFrame.F2_ZSFC, ftMid);
            // the cell and weights at (x, y) for D = ρ̄·h (columnMass), which is bilinear
            mi0 = i0;
            mj0 = j0;
            m00 = w00;
            m10 = w10;
            m01 = w01;
            m11 = w11;
            nearest(x, y);
            pblh = point2(KernelFrame.F2_MLHT, ftMid);
            shtf = point2(KernelFrame.F2_SHTF, ftEnd);
            ustr = point2(KernelFrame.F2_USTR, ftEnd);
            gx = point2(KernelFrame.F2_GX, ftEnd);
            gy = point2(KernelFrame.F2_GY, ftEnd);
            if (gx < POLE_SPACING_RATIO * gy) {
                // the nearest point is a pole (no metres per grid unit in x, only on a grid continued
                // through the poles): the horizontal turbulent step uses the spacing of the cell's
                // other row (docs/transport.md "Poles")
                int keep = nj;
                int lower = (int) Math.floor(y) - 1 - a.y0();
                nj = nj == lower ? lower + 1 : lower;
                gx = point2(KernelFrame.F2_GX, ftEnd);
                nj = keep;
            }
            rho1 = pointLevel(KernelFrame.F3_RHO, 0, ftEnd) / (1.0 - pointLevel(KernelFrame.F3_Q, 0, ftEnd));
            theta1 = pointLevel(KernelFrame.F3_THETA, 0, ftEnd);
            z0 = point2(KernelFrame.F2_Z0, ftEnd);
        }

        /** Selects the grid point nearest to (x, y) (inside the located cell). */
        private void nearest(double x, double y) {
            ni = (int) Math.floor(x + 0.5) - 1 - a.x0();
            nj = (int) Math.floor(y + 0.5) - 1 - a.y0();
        }

        /** A 2-D field at the nearest grid point (set by {@link #nearest}), linear in time. */
        private double point2(int field, double ft) {
            double va = a.get2(field, ni, nj);
            return va + (b.get2(field, ni, nj) - va) * ft;
        }

        /**
         * The density on one internal level in a cell (corner indices and weights), formed from the
         * temperature, pressure and relative humidity interpolated bilinearly and then in time
         * ({@link ProfileConverter#densityBetween}), as hycs_std forms it: the particle's
         * {@code dens} (the two levels around it) and each level of foot's D. hycs_std's D = ρ̄·h
         * is horizontally interpolated (real HRRR over the Wasatch, where the four corners' terrain
         * spans 1328–1664 m: the nearest point's D was 1.7 % below hycs_std's, the interpolated one
         * is within 0.1 %; docs/parity.md).
         */
        private double levelDensity(int level, int i, int j, double c00, double c10, double c01, double c11,
                                    double ft) {
            return ProfileConverter.densityBetween(
                    bilinear(a, KernelFrame.F3_T, level, i, j, c00, c10, c01, c11),
                    bilinear(a, KernelFrame.F3_P, level, i, j, c00, c10, c01, c11),
                    bilinear(a, KernelFrame.F3_RH, level, i, j, c00, c10, c01, c11),
                    bilinear(b, KernelFrame.F3_T, level, i, j, c00, c10, c01, c11),
                    bilinear(b, KernelFrame.F3_P, level, i, j, c00, c10, c01, c11),
                    bilinear(b, KernelFrame.F3_RH, level, i, j, c00, c10, c01, c11), ft);
        }

        /** A 3-D field on one internal level at the nearest grid point, linear in time. */
        private double pointLevel(int field, int level, double ft) {
            double va = a.get3(field, ni, nj, level);
            return va + (b.get3(field, ni, nj, level) - va) * ft;
        }

        /**
         * D = ρ̄·h of foot, horizontally interpolated (experiment E5): each layer between internal
         * levels ({@code levelsAgl}, from the ground) below h counts with the density of its upper
         * level, the part of h above the highest level strictly below h with that level's density
         * (the first level's below z₁), times {@link #E5_DENSITY_FACTOR}. This reproduces hycs_std's
         * D(h) table, including its drops when h crosses a level, to 5e-5.
         */
        double columnMass(double h, double[] levelsAgl, double ft) {
            double d = 0.0;
            double below = 0.0;
            double rho = 0.0;
            int k2 = 0;
            for (; k2 < levelsAgl.length && levelsAgl[k2] < h; k2++) {
                rho = levelDensity(k2, mi0, mj0, m00, m10, m01, m11, ft);
                d += rho * (levelsAgl[k2] - below);
                below = levelsAgl[k2];
            }
            if (k2 == 0) {
                // h at or below the first level: its density (formed once, not before the loop)
                rho = levelDensity(0, mi0, mj0, m00, m10, m01, m11, ft);
            }
            d += rho * (h - below);
            return E5_DENSITY_FACTOR * d;
        }

        void sample(double x, double y, double z, double ft, int particle) {
            locate(x, y, z, particle);
            zsfc = t2(KernelFrame.F2_ZSFC, ft);
            pres = t3(KernelFrame.F3_P, ft);
            // formed on the two levels around the particle, then linear in height (hycs_std)
            double below = levelDensity(k, i0, j0, w00, w10, w01, w11, ft);
            double above = levelDensity(k + 1, i0, j0, w00, w10, w01, w11, ft);
            dens = below + (above - below) * fz;
            sphu = t3(KernelFrame.F3_Q, ft);
            nearest(x, y);
            pblh = point2(KernelFrame.F2_MLHT, ft);
            shtf = t2(KernelFrame.F2_SHTF, ft);
            ustr = t2(KernelFrame.F2_USTR, ft);
            dswf = t2(KernelFrame.F2_DSWF, ft);
            lhtf = t2(KernelFrame.F2_LHTF, ft);
            int keepK = k;
            double keepF = fz;
            k = 0;
            fz = 0.0;
            temp1 = t3(KernelFrame.F3_T, ft);
            k = keepK;
            fz = keepF;
        }
    }
}
