package org.stilt.core.transport;

import java.util.Arrays;

/**
 * The mutable state of a particle ensemble between kernel calls: positions in full-grid
 * coordinates (1-based, fractional, as ARL grid indices), scaled height ẑ (metres, see
 * {@link InternalLevels}), a status per particle and the turbulent state (w′, u′, v′ in m s⁻¹ and
 * the next draw of the particle's random stream; draw 0 means the turbulent velocities have not
 * been initialised yet). Plain arrays so that the native kernel can
 * work on copies in off-heap memory with the same layout.
 *
 * <p>Thread-safety: not thread-safe; one simulation owns one state.
 */
public final class ParticleState {

    /** Status: moving. */
    public static final int ACTIVE = 0;
    /** Status: left the horizontal met domain (stopped for good). */
    public static final int LEFT_DOMAIN = 1;
    /** Status: ran out of met data in time. */
    public static final int NO_MET = 2;

    final double[] x;
    final double[] y;
    final double[] zs;
    final int[] status;
    final double[] wTurb;
    final double[] uTurb;
    final double[] vTurb;
    final long[] draw;
    /** Transport errors: wind error u_e, v_e (m s⁻¹) and relative mixed-layer height error ε, interleaved. */
    final double[] errors;

    /** A state for {@code n} particles, all active, at the origin. */
    public ParticleState(int n) {
        if (n < 1) {
            throw new org.stilt.core.InvalidInputException("particle count " + n + "; expected at least 1");
        }
        x = new double[n];
        y = new double[n];
        zs = new double[n];
        status = new int[n];
        wTurb = new double[n];
        uTurb = new double[n];
        vTurb = new double[n];
        draw = new long[n];
        errors = new double[3 * n];
    }

    /** Number of particles. */
    public int size() {
        return x.length;
    }

    /** Places particle {@code p} (0-based) at grid position (x, y) and scaled height ẑ. */
    public void place(int p, double gridX, double gridY, double scaledHeightMeters) {
        x[p] = gridX;
        y[p] = gridY;
        zs[p] = scaledHeightMeters;
        status[p] = ACTIVE;
    }

    public double gridX(int p) {
        return x[p];
    }

    public double gridY(int p) {
        return y[p];
    }

    /** Scaled height ẑ of particle p, metres. */
    public double scaledHeightMeters(int p) {
        return zs[p];
    }

    public int status(int p) {
        return status[p];
    }

    /**
     * Normalized turbulent vertical velocity w′/σ_w of particle p (σ_w of the layer it ended its
     * last minute in): the kernels carry w′ in units of the layer's σ_w, so that w′ follows σ_w when
     * the layer's turbulence changes in time (docs/transport.md, "Dispersion").
     */
    public double normalizedTurbulentW(int p) {
        return wTurb[p];
    }

    /** Turbulent velocities u′, v′ of particle p, m s⁻¹ ({0: u′, 1: v′}). */
    public double turbulentHorizontalMs(int p, int component) {
        return component == 0 ? uTurb[p] : vTurb[p];
    }

    /** Next draw index of particle p's random stream (0 before its first turbulent step). */
    public long drawIndex(int p) {
        return draw[p];
    }

    /** Number of active particles. */
    public int activeCount() {
        int n = 0;
        for (int s : status) {
            if (s == ACTIVE) {
                n++;
            }
        }
        return n;
    }

    /**
     * Moves every active particle whose grid x lies below {@code lowX} one {@code period} east
     * (x + period) and every one at or above {@code highX} one period west: on a global grid
     * presented as copies of its columns side by side ({@code GridProjection.Global}) this is the
     * same place, so a particle circling the globe is kept away from the continuous grid's ends.
     * Returns how many particles moved.
     */
    public int wrapColumns(int period, double lowX, double highX) {
        if (!(period > 0 && highX - lowX >= period)) {
            throw new IllegalArgumentException("wrapColumns needs period > 0 and highX − lowX ≥ period (got "
                    + period + ", " + lowX + ", " + highX + ")");
        }
        int moved = 0;
        for (int p = 0; p < x.length; p++) {
            if (status[p] != ACTIVE) {
                continue;
            }
            if (x[p] < lowX) {
                x[p] += period;
                moved++;
            } else if (x[p] >= highX) {
                x[p] -= period;
                moved++;
            }
        }
        return moved;
    }

    /** Bounding box of the active particles in grid units: {xmin, xmax, ymin, ymax}, or null. */
    public double[] activeBounds() {
        double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        boolean any = false;
        for (int p = 0; p < x.length; p++) {
            if (status[p] == ACTIVE) {
                any = true;
                b[0] = Math.min(b[0], x[p]);
                b[1] = Math.max(b[1], x[p]);
                b[2] = Math.min(b[2], y[p]);
                b[3] = Math.max(b[3], y[p]);
            }
        }
        return any ? b : null;
    }

    /** Copies the whole state into the given arrays (each at least {@link #size()} long). */
    public void copyOut(double[] gridX, double[] gridY, double[] scaledHeight, int[] statuses) {
        int n = size();
        System.arraycopy(x, 0, gridX, 0, n);
        System.arraycopy(y, 0, gridY, 0, n);
        System.arraycopy(zs, 0, scaledHeight, 0, n);
        System.arraycopy(status, 0, statuses, 0, n);
    }

    /** Replaces the whole state from the given arrays (as written by {@link #copyOut}). */
    public void copyIn(double[] gridX, double[] gridY, double[] scaledHeight, int[] statuses) {
        int n = size();
        System.arraycopy(gridX, 0, x, 0, n);
        System.arraycopy(gridY, 0, y, 0, n);
        System.arraycopy(scaledHeight, 0, zs, 0, n);
        System.arraycopy(statuses, 0, status, 0, n);
    }

    /** Copies the turbulent state into the given arrays (each at least {@link #size()} long). */
    public void copyOutTurbulence(double[] w, double[] u, double[] v, long[] draws) {
        int n = size();
        System.arraycopy(wTurb, 0, w, 0, n);
        System.arraycopy(uTurb, 0, u, 0, n);
        System.arraycopy(vTurb, 0, v, 0, n);
        System.arraycopy(draw, 0, draws, 0, n);
    }

    /** Replaces the turbulent state from the given arrays (as written by {@link #copyOutTurbulence}). */
    public void copyInTurbulence(double[] w, double[] u, double[] v, long[] draws) {
        int n = size();
        System.arraycopy(w, 0, wTurb, 0, n);
        System.arraycopy(u, 0, uTurb, 0, n);
        System.arraycopy(v, 0, vTurb, 0, n);
        System.arraycopy(draws, 0, draw, 0, n);
    }

    /** Copies the transport-error state (u_e, v_e, ε per particle, interleaved; 3·size() values). */
    public void copyOutErrors(double[] out) {
        System.arraycopy(errors, 0, out, 0, errors.length);
    }

    /** Replaces the transport-error state (as written by {@link #copyOutErrors}). */
    public void copyInErrors(double[] in) {
        System.arraycopy(in, 0, errors, 0, errors.length);
    }

    /** Wind error u_e (component 0), v_e (1) in m s⁻¹ or relative mixed-layer height error ε (2) of particle p. */
    public double transportError(int p, int component) {
        return errors[3 * p + component];
    }

    /** Replaces this whole state (positions, statuses, turbulence, errors) by {@code other}'s, of the same size. */
    public void setFrom(ParticleState other) {
        if (other.size() != size()) {
            throw new IllegalArgumentException("state of " + other.size() + " particles; expected " + size());
        }
        other.copyOut(x, y, zs, status);
        other.copyOutTurbulence(wTurb, uTurb, vTurb, draw);
        other.copyOutErrors(errors);
    }

    /** A deep copy. */
    public ParticleState copy() {
        ParticleState c = new ParticleState(size());
        c.setFrom(this);
        return c;
    }

    @Override
    public String toString() {
        return "ParticleState[n=" + size() + ", active=" + activeCount() + ", x=" + Arrays.toString(
                Arrays.copyOf(x, Math.min(3, x.length))) + "...]";
    }
}
