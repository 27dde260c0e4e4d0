package org.stilt.core.run;

import org.stilt.core.transport.TransportKernel;

/**
 * Creates the transport kernel of a run for its model top ({@code z_top}): {@code JavaTransportKernel::new}, or
 * {@code org.stilt.ffi.NativeTransportKernel::create} from stilt-native (core never depends on stilt-native; the
 * caller passes it in).
 *
 * <p>Thread-safety: implementations must be safe to call from any thread; the kernels they return must be safe for
 * concurrent simulations (the {@link TransportKernel} contract).
 */
@FunctionalInterface
public interface TransportKernelFactory {

    /** The kernel for a model top, m AGL. */
    TransportKernel create(double modelTopMeters);
}
