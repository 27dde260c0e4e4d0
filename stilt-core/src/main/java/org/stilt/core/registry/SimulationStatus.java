package org.stilt.core.registry;

import java.util.Locale;

/**
 * Where a registered simulation is in its life: {@code pending → running → complete |
 * complete-empty | failed}, and back to {@code pending} when a lease expires, a retryable failure has
 * attempts left, {@code stilt requeue} resets it, or it is registered again with another
 * configuration.
 *
 * <p>Thread-safety: immutable enum.
 */
public enum SimulationStatus {
    /** Waiting to be claimed. */
    PENDING,
    /** Claimed by a worker that holds an unexpired lease (or held one that is not reaped yet). */
    RUNNING,
    /** Finished with outputs. */
    COMPLETE,
    /** Finished correctly without a footprint (e.g. no particle reached the surface layer). */
    COMPLETE_EMPTY,
    /** Failed permanently: a non-retryable error, or {@code max_attempts} used up (dead letter). */
    FAILED;

    /** The database and CLI spelling: {@code pending}, {@code running}, {@code complete}, {@code complete-empty}, {@code failed}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True for {@code complete}, {@code complete-empty} and {@code failed}. */
    public boolean isFinal() {
        return this == COMPLETE || this == COMPLETE_EMPTY || this == FAILED;
    }

    /**
     * The status spelled {@code key}.
     *
     * @throws IllegalArgumentException naming the value and the valid spellings
     */
    public static SimulationStatus ofKey(String key) {
        for (SimulationStatus s : values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("simulation status \"" + key
                + "\" is unknown; expected pending, running, complete, complete-empty or failed");
    }
}
