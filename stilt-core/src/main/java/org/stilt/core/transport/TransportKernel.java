package org.stilt.core.transport;

/**
 * Moves a particle ensemble through one met interval (docs/transport.md). Implementations: the
 * pure-Java reference {@link JavaTransportKernel} and the native Fortran kernel in stilt-native;
 * both obey the same contract and are tested against each other and against hycs_std.
 *
 * <p>Implementations must be safe to call from several threads at once for different
 * simulations (each call works only on its arguments).
 */
public interface TransportKernel {

    /** A short name, e.g. {@code java} or {@code native}. */
    String name();

    /**
     * Advances {@code state} across {@code step} using frames {@code a} and {@code b}, appending one
     * row per active particle per step to {@code rows}. Particles that leave the met domain get
     * status {@link ParticleState#LEFT_DOMAIN} and produce no further rows.
     *
     * @throws org.stilt.core.KernelException when the frames do not cover a particle's
     *         neighbourhood or hold non-finite values where a particle needs them
     */
    void advance(KernelStep step, KernelFrame a, KernelFrame b, ParticleState state, TrajectoryRows rows);

    /**
     * The met conversion this kernel comes with (same results either way: the Java and Fortran
     * converters are bit-identical); the Java {@link ProfileConverter} unless overridden.
     */
    default FrameConverter frameConverter(InternalLevels levels, org.stilt.core.met.GridProjection projection,
                                          MixedLayerOptions mixedLayer) {
        return new ProfileConverter(levels, projection, mixedLayer);
    }
}
