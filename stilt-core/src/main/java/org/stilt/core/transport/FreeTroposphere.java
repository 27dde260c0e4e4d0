package org.stilt.core.transport;

/**
 * σ_w of the layers above the mixed layer from the column's wind shear and stability: a
 * mixing-length diffusivity K = ℓ²·|∂V/∂z|·(1 + Ri)⁻³ with ℓ = κz/(1 + κz/250 m) at the layer's
 * top, σ_w = √(max(K, 0.01 m² s⁻¹) / T_L) with T_L = 100 s, so a layer without shear keeps
 * hycs_std's 0.01 m/s. Evaluated at one grid point from both frames and linear in time between
 * them. An empirical form, fitted to hycs_std's free-troposphere σ_w on real HRRR (docs/transport.md
 * "Free troposphere"); hycs_std's own formula is not known. The Fortran twin is the free-troposphere
 * branch of {@code ensure} in {@code stilt_dispersion.f90}, operation for operation.
 *
 * <p>Thread-safety: not thread-safe; one per kernel call, re-aimed for every particle step.
 */
final class FreeTroposphere {

    /** Mixing-length limit λ of ℓ = κz/(1 + κz/λ), m. */
    static final double MIXING_LENGTH_LIMIT_METERS = 250.0;
    /** Smallest diffusivity, m² s⁻¹ (σ_w = 0.01 m/s with T_L = 100 s). */
    static final double MIN_DIFFUSIVITY = 0.01;

    /** The two frames the column is read from. */
    private final KernelFrame[] frames = new KernelFrame[2];
    /** The grid point (sub-grid, 0-based) and the time fraction between the frames. */
    private int i;
    private int j;
    private double ft;

    /** Aims at grid point (i, j) of the sub-grid (0-based) at time fraction {@code ft} between a and b. */
    void aim(KernelFrame a, KernelFrame b, int i, int j, double ft) {
        frames[0] = a;
        frames[1] = b;
        this.i = i;
        this.j = j;
        this.ft = ft;
    }

    /**
     * σ_w of the layer between internal levels k and k + 1 ({@code levels}: heights above ground,
     * m), m s⁻¹.
     */
    double sigmaW(int k, double[] levels) {
        double sa = one(frames[0], k, levels);
        double sb = one(frames[1], k, levels);
        return sa + (sb - sa) * ft;
    }

    private double one(KernelFrame f, int k, double[] levels) {
        double du = (double) f.get3(KernelFrame.F3_U, i, j, k + 1) - f.get3(KernelFrame.F3_U, i, j, k);
        double dv = (double) f.get3(KernelFrame.F3_V, i, j, k + 1) - f.get3(KernelFrame.F3_V, i, j, k);
        double t1 = f.get3(KernelFrame.F3_THETA, i, j, k);
        double t2 = f.get3(KernelFrame.F3_THETA, i, j, k + 1);
        double dz = levels[k + 1] - levels[k];
        double shear = Math.sqrt(du * du + dv * dv) / dz;
        double n2 = HannaTurbulence.GRAVITY * (t2 - t1) / (0.5 * (t1 + t2)) / dz;
        double ri = Math.max(n2, 0.0) / Math.max(shear * shear, 1e-12);
        double z = levels[k + 1];
        double l = HannaTurbulence.KARMAN * z / (1.0 + HannaTurbulence.KARMAN * z / MIXING_LENGTH_LIMIT_METERS);
        double g = 1.0 + ri;
        double diffusivity = l * l * shear / (g * g * g);
        return Math.sqrt(Math.max(diffusivity, MIN_DIFFUSIVITY) / HannaTurbulence.FREE_TL);
    }
}
