package org.stilt.core.transport;

import org.stilt.core.InvalidInputException;

/**
 * How the mixed-layer depth {@code mlht} is obtained (SETUP's KMIXD and KMIX0; docs/transport.md
 * "Mixed-layer depth").
 *
 * @param kmixd       0 = the file's PBLH/MXHT/HPBL; 3 = computed from the profile (bulk Richardson,
 *                    STILT's default)
 * @param kmix0Meters the smallest depth, m (R-STILT's run_stilt.r default 150)
 *
 * <p>Thread-safety: immutable.
 */
public record MixedLayerOptions(int kmixd, double kmix0Meters) {

    /** R-STILT's defaults: KMIXD = 3, KMIX0 = 150 m. */
    public static final MixedLayerOptions STILT_DEFAULT = new MixedLayerOptions(3, MixedLayerDepth.STILT_KMIX0_METERS);

    public MixedLayerOptions {
        if (kmixd != 0 && kmixd != 3) {
            throw new InvalidInputException("kmixd " + kmixd + "; expected 0 (met file PBLH) or 3 (bulk Richardson);"
                    + " 1, 2 and constant depths are not supported yet");
        }
        if (!(kmix0Meters >= 0.0 && kmix0Meters < 10_000.0)) {
            throw new InvalidInputException("kmix0 " + kmix0Meters + " m; expected 0 <= kmix0 < 10000 m");
        }
    }
}
