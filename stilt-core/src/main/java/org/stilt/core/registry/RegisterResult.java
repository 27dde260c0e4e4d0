package org.stilt.core.registry;

/**
 * What {@link Registry#register} did.
 *
 * @param inserted  new simulations
 * @param updated   simulations whose scene, receptor or configuration fingerprint changed (a changed receptor or
 *                  fingerprint also resets them to pending)
 * @param unchanged simulations already registered exactly so
 *
 * <p>Thread-safety: immutable value.
 */
public record RegisterResult(int inserted, int updated, int unchanged) {

    /** All simulations handled. */
    public int total() {
        return inserted + updated + unchanged;
    }
}
