package org.stilt.core.plot;

import java.time.Instant;
import java.util.Objects;

/**
 * Which time layers of a footprint a map shows.
 *
 * <p>Thread-safety: implementations are immutable, safe to share.
 */
public sealed interface LayerSelection {

    /** The sum over all layers (for a time-integrated footprint: its single layer). */
    static LayerSelection sum() {
        return Sum.INSTANCE;
    }

    /** The layer whose time equals {@code time} exactly. */
    static LayerSelection at(Instant time) {
        return new At(time);
    }

    /** The sum over all layers. */
    enum Sum implements LayerSelection {
        /** The only instance. */
        INSTANCE
    }

    /**
     * One layer.
     *
     * @param time the layer's time as written in the file ({@code time} variable)
     */
    record At(Instant time) implements LayerSelection {
        public At {
            Objects.requireNonNull(time, "time");
        }
    }
}
