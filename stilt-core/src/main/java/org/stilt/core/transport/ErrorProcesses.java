package org.stilt.core.transport;

import org.stilt.core.InvalidInputException;

/**
 * STILT's transport-error processes (R-STILT's WINDERR/ZIERR, Lin &amp; Gerbig 2005; docs/transport.md
 * "Transport errors"), in SI units. Each particle carries a horizontal wind error (u_e, v_e) and a
 * relative mixed-layer height error ε; every minute they decay with
 * {@code R = exp(−Δt/T − Δs/L_h − Δz/L_z)} (Δs, Δz the particle's horizontal and vertical move
 * in that minute) and are refreshed with {@code σ·√(1 − R²)·λ}. The wind error is added to the
 * particle's horizontal motion; the mixed-layer depth used for turbulence and foot is
 * {@code mlht·(1 + ε)}.
 *
 * @param windSigmaMs            σ of the wind error (siguverr), m/s; 0 = no wind error
 * @param windTimeScaleSeconds   its correlation time (tluverr), s
 * @param windVerticalMeters     its vertical correlation length (zcoruverr), m
 * @param windHorizontalMeters   its horizontal correlation length (horcoruverr), m
 * @param ziSigmaFraction        σ of the relative mixed-layer height error (sigzierr/100); 0 = none
 * @param ziTimeScaleSeconds     its correlation time (tlzierr), s
 * @param ziHorizontalMeters     its horizontal correlation length (horcorzierr), m
 *
 * <p>Thread-safety: immutable.
 */
public record ErrorProcesses(double windSigmaMs, double windTimeScaleSeconds, double windVerticalMeters,
                             double windHorizontalMeters, double ziSigmaFraction, double ziTimeScaleSeconds,
                             double ziHorizontalMeters) {

    /** No transport errors. */
    public static final ErrorProcesses NONE = new ErrorProcesses(0, 1, 1, 1, 0, 1, 1);

    public ErrorProcesses {
        positive("wind error sigma (siguverr)", windSigmaMs, true);
        positive("wind error time scale (tluverr)", windTimeScaleSeconds, false);
        positive("wind error vertical correlation length (zcoruverr)", windVerticalMeters, false);
        positive("wind error horizontal correlation length (horcoruverr)", windHorizontalMeters, false);
        positive("mixed-layer height error sigma (sigzierr)", ziSigmaFraction, true);
        positive("mixed-layer height error time scale (tlzierr)", ziTimeScaleSeconds, false);
        positive("mixed-layer height error horizontal correlation length (horcorzierr)", ziHorizontalMeters, false);
    }

    /** Whether the wind error is on. */
    public boolean wind() {
        return windSigmaMs > 0;
    }

    /** Whether the mixed-layer height error is on. */
    public boolean mixedLayer() {
        return ziSigmaFraction > 0;
    }

    /** Whether any error process is on. */
    public boolean any() {
        return wind() || mixedLayer();
    }

    /**
     * From R-STILT's units: siguverr m/s, tluverr min, zcoruverr m, horcoruverr km, sigzierr %,
     * tlzierr min, horcorzierr km; a null group is off.
     */
    public static ErrorProcesses fromRStilt(Double siguverr, Double tluverrMinutes, Double zcoruverrMeters,
                                            Double horcoruverrKm, Double sigzierrPercent, Double tlzierrMinutes,
                                            Double horcorzierrKm) {
        boolean w = siguverr != null;
        boolean z = sigzierrPercent != null;
        return new ErrorProcesses(w ? siguverr : 0, w ? tluverrMinutes * 60.0 : 1, w ? zcoruverrMeters : 1,
                w ? horcoruverrKm * 1000.0 : 1, z ? sigzierrPercent / 100.0 : 0, z ? tlzierrMinutes * 60.0 : 1,
                z ? horcorzierrKm * 1000.0 : 1);
    }

    private static void positive(String what, double v, boolean zeroAllowed) {
        if (!(Double.isFinite(v) && (zeroAllowed ? v >= 0 : v > 0))) {
            throw new InvalidInputException(what + " " + v + "; expected a finite number " + (zeroAllowed ? ">= 0"
                    : "> 0"));
        }
    }
}
