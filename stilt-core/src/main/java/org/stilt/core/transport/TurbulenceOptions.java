package org.stilt.core.transport;

import org.stilt.core.InvalidInputException;

/**
 * How particles disperse (kernel part 2, docs/transport.md "Turbulence"): R-STILT's SETUP
 * parameters for the STILT dispersion (IDSP = 2, KBLT = 5) and where the random numbers come from.
 *
 * @param enabled        false = NTURB 1 (mean motion only; {@code foot} and {@code samt} are 0)
 * @param seed           run seed of the per-particle Philox streams (docs/rng.md)
 * @param simulationId   simulation number within the run; with {@code seed} and the particle index
 *                       it names each particle's stream, so results do not depend on threads
 * @param tlfrac         TLFRAC: dispersion sub-step as a fraction of T_Lw (R-STILT 0.1)
 * @param hscaleSeconds  HSCALE: horizontal Lagrangian time scale, s (R-STILT 10800)
 * @param veght          VEGHT: h = VEGHT·mlht when ≤ 1, else VEGHT metres (R-STILT 0.5)
 * @param z0Meters       roughness length used by the Hanna T_Lw where the met has none, m
 * @param errors         transport-error processes (R-STILT's WINDERR/ZIERR; {@link ErrorProcesses#NONE})
 * @param ziScale        ZICONTROL: factor on the mixed-layer depth per simulation hour (first = hour 1,
 *                       hours beyond the list unscaled); empty = off
 *
 * <p>Thread-safety: immutable.
 */
public record TurbulenceOptions(boolean enabled, long seed, long simulationId, double tlfrac,
                                double hscaleSeconds, double veght, double z0Meters, ErrorProcesses errors,
                                double[] ziScale) {

    /** R-STILT's TLFRAC. */
    public static final double DEFAULT_TLFRAC = 0.1;
    /** R-STILT's HSCALE, s. */
    public static final double DEFAULT_HSCALE_SECONDS = 10_800.0;
    /** R-STILT's VEGHT. */
    public static final double DEFAULT_VEGHT = 0.5;
    /** Roughness length where no roughness table or field is used, m. */
    public static final double DEFAULT_Z0_METERS = 0.1;

    /** No turbulence (NTURB = 1): deterministic trajectories. */
    public static final TurbulenceOptions OFF = new TurbulenceOptions(false, 0, 0, DEFAULT_TLFRAC,
            DEFAULT_HSCALE_SECONDS, DEFAULT_VEGHT, DEFAULT_Z0_METERS);

    /** Options without transport errors or ZICONTROL. */
    public TurbulenceOptions(boolean enabled, long seed, long simulationId, double tlfrac, double hscaleSeconds,
                             double veght, double z0Meters) {
        this(enabled, seed, simulationId, tlfrac, hscaleSeconds, veght, z0Meters, ErrorProcesses.NONE, new double[0]);
    }

    public TurbulenceOptions {
        java.util.Objects.requireNonNull(errors, "errors");
        java.util.Objects.requireNonNull(ziScale, "ziScale");
        ziScale = ziScale.clone();
        for (int i = 0; i < ziScale.length; i++) {
            if (!(ziScale[i] > 0 && Double.isFinite(ziScale[i]))) {
                throw new InvalidInputException("ziscale value " + ziScale[i] + " for hour " + (i + 1)
                        + "; expected a positive factor");
            }
        }
        if (!(tlfrac > 0 && tlfrac <= 1)) {
            throw new InvalidInputException("tlfrac " + tlfrac + "; expected 0 < tlfrac <= 1");
        }
        if (!(hscaleSeconds > 0 && Double.isFinite(hscaleSeconds))) {
            throw new InvalidInputException("hscale " + hscaleSeconds + " s; expected a positive time scale");
        }
        if (!(veght > 0 && Double.isFinite(veght))) {
            throw new InvalidInputException("veght " + veght
                    + "; expected a fraction of the mixed layer (0 < veght <= 1) or a height in metres (> 1)");
        }
        if (!(z0Meters > 0 && z0Meters < 10)) {
            throw new InvalidInputException("roughness length " + z0Meters + " m; expected 0 < z0 < 10 m");
        }
        if (simulationId < 0) {
            throw new InvalidInputException("simulation id " + simulationId + "; expected >= 0");
        }
    }

    /** R-STILT's defaults with turbulence on, for the given seed and simulation number. */
    public static TurbulenceOptions rStiltDefaults(long seed, long simulationId) {
        return new TurbulenceOptions(true, seed, simulationId, DEFAULT_TLFRAC, DEFAULT_HSCALE_SECONDS,
                DEFAULT_VEGHT, DEFAULT_Z0_METERS);
    }

    /** The same options with the given transport-error processes. */
    public TurbulenceOptions withErrors(ErrorProcesses e) {
        return new TurbulenceOptions(enabled, seed, simulationId, tlfrac, hscaleSeconds, veght, z0Meters, e, ziScale);
    }

    /** The same options with ZICONTROL factors (one per simulation hour). */
    public TurbulenceOptions withZiScale(double[] factors) {
        return new TurbulenceOptions(enabled, seed, simulationId, tlfrac, hscaleSeconds, veght, z0Meters, errors,
                factors);
    }

    /** The ZICONTROL factors (a copy). */
    @Override
    public double[] ziScale() {
        return ziScale.clone();
    }

    /** ZICONTROL factor for the step centred {@code minutesSinceRelease} (either sign) from the release. */
    public double ziFactorAt(double minutesSinceRelease) {
        int hour = (int) Math.floor(Math.abs(minutesSinceRelease) / 60.0);
        return hour < ziScale.length ? ziScale[hour] : 1.0;
    }

    /** The height below which particles see the surface (h of the footprint), m AGL. */
    public double footprintHeightMeters(double mlhtMeters) {
        return veght <= 1.0 ? veght * mlhtMeters : veght;
    }
}
