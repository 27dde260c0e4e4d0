package org.stilt.core.project;

import java.util.Objects;

import org.stilt.core.InvalidInputException;
import org.stilt.core.footprint.FootprintDomain;

/**
 * One named footprint grid of a project ({@code footprints.<name>} in {@code config.yaml}): the
 * arguments of R-STILT's {@code calc_footprint}. Edges are in degrees; resolutions in degrees for
 * {@code +proj=longlat}, projection units (m) otherwise (see {@link FootprintDomain}).
 *
 * @param name          the grid's name (the YAML key), used in output file names
 * @param domain        {@code xmn, xmx, ymn, ymx, xres, yres (default xres), projection (default +proj=longlat)}
 * @param smoothFactor  {@code smooth_factor}: kernel bandwidth multiplier (default 1; 0 = no smoothing)
 * @param timeIntegrate {@code time_integrate}: one layer summed over time (true) or hourly layers (false, default)
 *
 * <p>Thread-safety: immutable value.
 */
public record FootprintGridConfig(String name, FootprintDomain domain, double smoothFactor, boolean timeIntegrate) {

    /** R-STILT's default {@code smooth_factor}. */
    public static final double DEFAULT_SMOOTH_FACTOR = 1.0;

    public FootprintGridConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(domain, "domain");
        if (!(smoothFactor >= 0) || !Double.isFinite(smoothFactor)) {
            throw new InvalidInputException("footprints." + name + ".smooth_factor must be a finite number >= 0 (got "
                    + smoothFactor + ")");
        }
    }
}
