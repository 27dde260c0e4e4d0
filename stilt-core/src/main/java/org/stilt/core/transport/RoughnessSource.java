package org.stilt.core.transport;

/**
 * Where the roughness length z₀ of a grid point comes from (docs/transport.md "Turbulence"):
 * {@link ArlFrameSource} writes it into every frame's {@link KernelFrame#F2_Z0} field, and the
 * kernels take it at the particle's nearest grid point unless the run fixes z₀.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface RoughnessSource {

    /** z₀ in metres at a position (degrees north, degrees east). */
    double z0Meters(double latitude, double longitude);

    /** The same z₀ everywhere. */
    static RoughnessSource constant(double z0Meters) {
        if (!(z0Meters > 0 && z0Meters < 10)) {
            throw new org.stilt.core.InvalidInputException("roughness length " + z0Meters
                    + " m; expected 0 < z0 < 10 m");
        }
        return (lat, lon) -> z0Meters;
    }
}
