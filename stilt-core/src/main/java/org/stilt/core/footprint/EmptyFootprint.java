package org.stilt.core.footprint;

import java.util.Objects;

/**
 * No non-zero footprint within the domain (R-STILT: {@code calc_footprint} returns NULL and
 * {@code simulation_step} logs "No non-zero footprint values found within the footprint domain.").
 *
 * @param reason why it is empty, e.g. "all 12000 particle rows have foot <= 0"
 *
 * <p>Thread-safety: immutable value.
 */
public record EmptyFootprint(String reason) implements FootprintResult {

    /** R-STILT's log line for this outcome. */
    public static final String RSTILT_MESSAGE = "No non-zero footprint values found within the footprint domain.";

    public EmptyFootprint {
        Objects.requireNonNull(reason, "reason");
    }
}
