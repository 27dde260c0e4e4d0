package org.stilt.core.transport;

import java.time.Instant;
import java.util.Objects;
import org.stilt.core.InvalidInputException;

/**
 * One receptor's trajectory run: where and when particles are released, for how long, and how.
 *
 * @param runTime              release time (the receptor's time)
 * @param latitude             receptor latitude, degrees north
 * @param longitude            receptor longitude, degrees east
 * @param zaglBottomMeters     release height (point) or bottom of the column, m above ground
 * @param zaglTopMeters        top of a column receptor, m above ground, or NaN for a point receptor
 * @param hours                run length in hours, negative backward (R-STILT's {@code n_hours})
 * @param particleCount        number of particles ({@code numpar})
 * @param releaseHeightsMeters explicit per-particle release heights (m AGL, particle order), or null
 * @param seed                 seed for the stratified random column release
 * @param verticalMotion       R-STILT's {@code w_option}
 * @param modelTopMeters       R-STILT's {@code z_top}
 * @param turbulence           dispersion settings ({@link TurbulenceOptions#OFF} for deterministic runs)
 * @param heightsAboveSeaLevel release heights (and column bounds) are metres above sea level
 *                             (R-STILT's KMSL = 1 / {@code altitude_ref: msl}), converted to heights above
 *                             the terrain at the receptor when the particles are placed
 *
 * <p>Thread-safety: immutable (the heights array is copied).
 */
public record TrajectoryRequest(Instant runTime, double latitude, double longitude, double zaglBottomMeters,
                                double zaglTopMeters, int hours, int particleCount, double[] releaseHeightsMeters,
                                long seed, VerticalMotion verticalMotion, double modelTopMeters,
                                TurbulenceOptions turbulence, boolean heightsAboveSeaLevel) {

    /** R-STILT's default model top, metres. */
    public static final double DEFAULT_MODEL_TOP_METERS = 25_000.0;

    public TrajectoryRequest {
        Objects.requireNonNull(runTime, "runTime");
        Objects.requireNonNull(verticalMotion, "verticalMotion");
        Objects.requireNonNull(turbulence, "turbulence");
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new InvalidInputException("receptor latitude " + latitude + "; expected -90..90");
        }
        if (!(longitude >= -180 && longitude <= 360)) {
            throw new InvalidInputException("receptor longitude " + longitude + "; expected -180..360");
        }
        if (!(zaglBottomMeters >= 0 && zaglBottomMeters < modelTopMeters)) {
            throw new InvalidInputException("release height " + zaglBottomMeters + " m AGL; expected 0 <= z < "
                    + modelTopMeters);
        }
        if (!Double.isNaN(zaglTopMeters) && !(zaglTopMeters > zaglBottomMeters && zaglTopMeters < modelTopMeters)) {
            throw new InvalidInputException("column top " + zaglTopMeters + " m AGL; expected above the bottom "
                    + zaglBottomMeters + " m and below the model top " + modelTopMeters + " m");
        }
        if (hours == 0 || Math.abs(hours) > 24 * 366) {
            throw new InvalidInputException("n_hours " + hours + "; expected a non-zero number of hours"
                    + " (negative for backward runs)");
        }
        if (particleCount < 1) {
            throw new InvalidInputException("numpar " + particleCount + "; expected at least 1 particle");
        }
        if (releaseHeightsMeters != null) {
            if (releaseHeightsMeters.length != particleCount) {
                throw new InvalidInputException(releaseHeightsMeters.length + " release heights for "
                        + particleCount + " particles; expected one height per particle");
            }
            for (int i = 0; i < releaseHeightsMeters.length; i++) {
                double z = releaseHeightsMeters[i];
                if (!(z >= 0 && z < modelTopMeters)) {
                    throw new InvalidInputException("release height " + z + " m of particle " + (i + 1)
                            + "; expected 0 <= z < " + modelTopMeters + " m AGL");
                }
            }
            releaseHeightsMeters = releaseHeightsMeters.clone();
        }
    }

    /** A deterministic request (turbulence off, NTURB = 1). */
    public TrajectoryRequest(Instant runTime, double latitude, double longitude, double zaglBottomMeters,
                             double zaglTopMeters, int hours, int particleCount, double[] releaseHeightsMeters,
                             long seed, VerticalMotion verticalMotion, double modelTopMeters) {
        this(runTime, latitude, longitude, zaglBottomMeters, zaglTopMeters, hours, particleCount,
                releaseHeightsMeters, seed, verticalMotion, modelTopMeters, TurbulenceOptions.OFF, false);
    }

    /** A request with heights above ground. */
    public TrajectoryRequest(Instant runTime, double latitude, double longitude, double zaglBottomMeters,
                             double zaglTopMeters, int hours, int particleCount, double[] releaseHeightsMeters,
                             long seed, VerticalMotion verticalMotion, double modelTopMeters,
                             TurbulenceOptions turbulence) {
        this(runTime, latitude, longitude, zaglBottomMeters, zaglTopMeters, hours, particleCount,
                releaseHeightsMeters, seed, verticalMotion, modelTopMeters, turbulence, false);
    }

    /** The same request with heights above sea level ({@code true}) or above ground. */
    public TrajectoryRequest withHeightsAboveSeaLevel(boolean msl) {
        return new TrajectoryRequest(runTime, latitude, longitude, zaglBottomMeters, zaglTopMeters, hours,
                particleCount, releaseHeightsMeters, seed, verticalMotion, modelTopMeters, turbulence, msl);
    }

    /** The same request with the given dispersion settings. */
    public TrajectoryRequest withTurbulence(TurbulenceOptions options) {
        return new TrajectoryRequest(runTime, latitude, longitude, zaglBottomMeters, zaglTopMeters, hours,
                particleCount, releaseHeightsMeters, seed, verticalMotion, modelTopMeters, options,
                heightsAboveSeaLevel);
    }

    /** Whether particles are spread over a vertical column. */
    public boolean isColumn() {
        return !Double.isNaN(zaglTopMeters);
    }

    /** Run length in minutes (negative backward). */
    public long minutes() {
        return hours * 60L;
    }

    /**
     * Release heights: the explicit ones, the receptor height for a point, or the stratified random
     * column release of hysplit-reference §2.8: particle i of N at
     * {@code z_bot + (i − 1 + U_i)·(z_top − z_bot)/N} with U_i uniform on [0, 1) from {@code seed}.
     */
    public double[] releaseHeights() {
        if (releaseHeightsMeters != null) {
            return releaseHeightsMeters.clone();
        }
        double[] z = new double[particleCount];
        if (!isColumn()) {
            java.util.Arrays.fill(z, zaglBottomMeters);
            return z;
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double dz = (zaglTopMeters - zaglBottomMeters) / particleCount;
        for (int i = 0; i < particleCount; i++) {
            z[i] = zaglBottomMeters + (i + random.nextDouble()) * dz;
        }
        return z;
    }
}
