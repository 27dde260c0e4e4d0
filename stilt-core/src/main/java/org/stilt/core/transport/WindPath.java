package org.stilt.core.transport;

import java.util.Arrays;

/**
 * The time a particle's turbulent vertical path spends at each internal level during one minute,
 * as weights of the levels' winds: the mean horizontal wind along the path is
 * {@code Σ_k weight_k·V_k / seconds}, V_k the wind of internal level k at the particle's
 * horizontal position. The wind between levels is linear in the fractional level index and below
 * internal level 1 goes linearly to zero at the ground (as {@code JavaTransportKernel} interpolates
 * it), so each recorded height spreads its seconds over at most two levels.
 *
 * <p>Heights are recorded in scaled metres ẑ (terrain-following, {@code zagl·Z_top/(Z_top − z_g)}).
 *
 * <p>Thread-safety: not thread-safe; one instance per kernel call.
 */
final class WindPath {
    private final double[] zk;
    private final double groundWindHeight;
    private final double[] weight;
    private int lo;
    private int hi;
    private double seconds;
    // the end of the last piece, whose time is added when the next piece does not start there
    private boolean pending;
    private double pendingZ;
    private double pendingSeconds;

    /**
     * @param levelHeights     internal level heights ẑ_k, m
     * @param groundWindHeight height below which the wind goes linearly to zero, m
     */
    WindPath(double[] levelHeights, double groundWindHeight) {
        this.zk = levelHeights;
        this.groundWindHeight = groundWindHeight;
        this.weight = new double[levelHeights.length];
        reset();
    }

    /** Starts a new minute. */
    void reset() {
        if (lo <= hi) {
            Arrays.fill(weight, lo, hi + 1, 0.0);
        }
        lo = Integer.MAX_VALUE;
        hi = -1;
        seconds = 0.0;
        pending = false;
    }

    /**
     * Records a piece of the path from {@code fromScaled} to {@code toScaled} taking
     * {@code dtSeconds}, half of its time at each end (the trapezoidal rule). Consecutive pieces
     * share their common end, so that height is located once. Call {@link #flush()} before reading.
     */
    void piece(double fromScaled, double toScaled, double dtSeconds) {
        double half = 0.5 * dtSeconds;
        if (pending && fromScaled == pendingZ) {
            add(fromScaled, pendingSeconds + half);
        } else {
            flush();
            add(fromScaled, half);
        }
        pending = true;
        pendingZ = toScaled;
        pendingSeconds = half;
    }

    /** Adds the time still held for the end of the last piece. */
    void flush() {
        if (pending) {
            add(pendingZ, pendingSeconds);
            pending = false;
        }
    }

    /** Records {@code dtSeconds} spent at scaled height {@code zScaled}. */
    void add(double zScaled, double dtSeconds) {
        int nz = zk.length;
        seconds += dtSeconds;
        if (zScaled < zk[0]) {
            put(0, dtSeconds * Math.max(0.0, zScaled) / groundWindHeight);
            return;
        }
        if (zScaled >= zk[nz - 1]) {
            put(nz - 1, dtSeconds);
            return;
        }
        double li = JavaTransportKernel.levelIndex(zScaled);
        int k = JavaTransportKernel.lowerLevel(zScaled, li, zk);
        double f = Math.max(0.0, Math.min(1.0, li - (k + 1)));
        put(k, dtSeconds * (1.0 - f));
        put(k + 1, dtSeconds * f);
    }

    private void put(int k, double w) {
        weight[k] += w;
        lo = Math.min(lo, k);
        hi = Math.max(hi, k);
    }

    /** Seconds recorded since {@link #reset()} (after {@link #flush()}). */
    double seconds() {
        return seconds;
    }

    /** Lowest level with a weight, or {@code Integer.MAX_VALUE} when none. */
    int lowest() {
        return lo;
    }

    /** Highest level with a weight, or −1 when none. */
    int highest() {
        return hi;
    }

    /** The seconds-weight of level k. */
    double weight(int k) {
        return weight[k];
    }
}
