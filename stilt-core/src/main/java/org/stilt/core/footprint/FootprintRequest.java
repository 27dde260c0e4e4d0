package org.stilt.core.footprint;

import java.time.Instant;
import java.util.Objects;

import org.stilt.core.InvalidInputException;

/**
 * Everything {@code calc_footprint} needs besides the particles.
 *
 * @param domain        the output grid
 * @param runTime       receptor time (R-STILT {@code r_run_time}); layer times are relative to it
 * @param smoothFactor  kernel bandwidth scale, &gt;= 0 (R-STILT default 1; 0 = no smoothing)
 * @param timeIntegrate true: one layer at {@code runTime}; false: hourly receptor-relative layers
 *
 * <p>Thread-safety: immutable value.
 */
public record FootprintRequest(FootprintDomain domain, Instant runTime, double smoothFactor, boolean timeIntegrate) {

    public FootprintRequest {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(runTime, "runTime");
        if (!(smoothFactor >= 0) || !Double.isFinite(smoothFactor)) {
            throw new InvalidInputException("smooth_factor must be a finite number >= 0 (got " + smoothFactor + ")");
        }
    }
}
