package org.stilt.core.plot;

import org.stilt.core.InvalidInputException;

/**
 * Where a receptor is, for the marker on a footprint map.
 *
 * @param latitudeDegrees  degrees north, -90..90
 * @param longitudeDegrees degrees east, -180..360
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public record ReceptorPosition(double latitudeDegrees, double longitudeDegrees) {

    public ReceptorPosition {
        if (!(latitudeDegrees >= -90 && latitudeDegrees <= 90)) {
            throw new InvalidInputException("receptor latitude must be -90..90 degrees north (got "
                    + latitudeDegrees + ")");
        }
        if (!(longitudeDegrees >= -180 && longitudeDegrees <= 360)) {
            throw new InvalidInputException("receptor longitude must be -180..360 degrees east (got "
                    + longitudeDegrees + ")");
        }
    }
}
