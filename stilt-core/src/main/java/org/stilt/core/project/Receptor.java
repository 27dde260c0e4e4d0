package org.stilt.core.project;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

import org.stilt.core.InvalidInputException;

/**
 * One receptor of a project: one row of {@code receptors.csv}. A point receptor releases at
 * {@code altitudeMeters}; a column receptor ({@code altitudeTopMeters} set) releases along the
 * vertical line from {@code altitudeMeters} to {@code altitudeTopMeters} (R-STILT's
 * {@code r_zagl = c(bottom, top)}).
 *
 * @param time              release time (UTC; R-STILT's {@code run_time})
 * @param latitudeDegrees   latitude, degrees north (R-STILT's {@code lati})
 * @param longitudeDegrees  longitude, degrees east (R-STILT's {@code long})
 * @param altitudeMeters    release height (or column bottom), m above {@code altitudeRef}
 * @param altitudeTopMeters column top, m above {@code altitudeRef}; null for a point receptor
 * @param altitudeRef       what the altitudes are measured from
 * @param simulationIdOverride an explicit simulation id (the optional {@code simulation_id} column), or null for R-STILT's
 *
 * <p>Thread-safety: immutable value.
 */
public record Receptor(Instant time, double latitudeDegrees, double longitudeDegrees, double altitudeMeters,
        Double altitudeTopMeters, AltitudeReference altitudeRef, String simulationIdOverride) {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);

    public Receptor {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(altitudeRef, "altitudeRef");
        if (!(latitudeDegrees >= -90 && latitudeDegrees <= 90)) {
            throw new InvalidInputException("latitude must be within -90..90 degrees (got " + latitudeDegrees + ")");
        }
        if (!(longitudeDegrees >= -180 && longitudeDegrees <= 360)) {
            throw new InvalidInputException("longitude must be within -180..360 degrees (got " + longitudeDegrees + ")");
        }
        if (!Double.isFinite(altitudeMeters) || (altitudeRef == AltitudeReference.AGL && altitudeMeters < 0)) {
            throw new InvalidInputException("altitude must be a finite height" + (altitudeRef == AltitudeReference.AGL
                    ? " >= 0 m above ground" : " in m") + " (got " + altitudeMeters + ")");
        }
        if (altitudeTopMeters != null && !(altitudeTopMeters > altitudeMeters && Double.isFinite(altitudeTopMeters))) {
            throw new InvalidInputException("altitude_top must be a finite height above altitude (got altitude="
                    + altitudeMeters + ", altitude_top=" + altitudeTopMeters + ")");
        }
        if (simulationIdOverride != null && !simulationIdOverride.matches("[A-Za-z0-9][A-Za-z0-9_.+-]*")) {
            throw new InvalidInputException("simulation_id \"" + simulationIdOverride + "\" must start with a letter or"
                    + " digit and contain only letters, digits and _ . + - (it names a folder)");
        }
    }

    /** A point receptor at a height above ground, with R-STILT's simulation id. */
    public static Receptor point(Instant time, double latitudeDegrees, double longitudeDegrees, double zaglMeters) {
        return new Receptor(time, latitudeDegrees, longitudeDegrees, zaglMeters, null, AltitudeReference.AGL, null);
    }

    /** True for a column receptor (two release heights). */
    public boolean isColumn() {
        return altitudeTopMeters != null;
    }

    /**
     * The simulation id: the explicit one, else R-STILT's
     * {@code strftime(run_time, "%Y%m%d%H%M_") + long + "_" + lati + "_" + zagl} with R's
     * {@code as.character} numbers ({@link RNumberFormat}) and {@code X} for a column, e.g.
     * {@code 201512100000_-112_40.5_5} ({@code stilt-reference.md} §3.2). Seconds are dropped.
     */
    public String simulationId() {
        if (simulationIdOverride != null) {
            return simulationIdOverride;
        }
        return ID_TIME.format(time) + "_" + RNumberFormat.asCharacter(longitudeDegrees) + "_"
                + RNumberFormat.asCharacter(latitudeDegrees) + "_"
                + (isColumn() ? "X" : RNumberFormat.asCharacter(altitudeMeters));
    }
}
