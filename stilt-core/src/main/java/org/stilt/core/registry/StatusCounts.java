package org.stilt.core.registry;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Number of simulations per status, every status present (0 when none).
 *
 * @param counts simulations per status
 *
 * <p>Thread-safety: immutable value.
 */
public record StatusCounts(Map<SimulationStatus, Long> counts) {

    public StatusCounts {
        EnumMap<SimulationStatus, Long> m = new EnumMap<>(SimulationStatus.class);
        for (SimulationStatus s : SimulationStatus.values()) {
            m.put(s, counts.getOrDefault(s, 0L));
        }
        counts = Collections.unmodifiableMap(m);
    }

    /** Simulations with status {@code s}. */
    public long get(SimulationStatus s) {
        return counts.get(s);
    }

    /** All simulations. */
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
