package org.stilt.core.transport;

/**
 * Converts a met period on the file's levels into a {@link KernelFrame} on the internal levels.
 * {@link ProfileConverter} is the Java implementation; the native kernel brings a Fortran one with
 * bit-identical output (docs/transport.md).
 *
 * <p>Implementations are thread-safe, and equal when they produce the same frames (the frame
 * source keeps its cached frames across an equal converter).
 */
public interface FrameConverter {

    /** Converts one raw frame into a new kernel frame. */
    KernelFrame convert(RawMetFrame raw);
}
