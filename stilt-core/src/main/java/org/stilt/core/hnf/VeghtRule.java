package org.stilt.core.hnf;

/**
 * How {@link PlumeDilution} turns {@code veght} into the mixing depth {@code pbl_mixing} (m) that
 * the plume is compared with.
 *
 * <p>Thread-safety: an enum; immutable.
 */
public enum VeghtRule {
    /**
     * R-STILT: {@code pbl_mixing = veght · mlht} for every {@code veght}, also above 1. With
     * {@code veght = 100} (which hycs_std reads as 100 m) R compares the plume with 100·mlht. The
     * default, for parity.
     */
    R_STILT,
    /**
     * hycs_std's own reading of VEGHT: {@code veght · mlht} when {@code veght ≤ 1}, otherwise
     * {@code veght} metres above ground. Not what R-STILT does; offered so that the dilution depth
     * agrees with the depth hycs_std used for {@code samt} and {@code foot}.
     */
    HYSPLIT;

    /** The mixing depth in metres for one row. */
    double mixingDepthMeters(double veght, double mlhtMeters) {
        if (this == HYSPLIT && veght > 1) {
            return veght;
        }
        return veght * mlhtMeters;
    }
}
