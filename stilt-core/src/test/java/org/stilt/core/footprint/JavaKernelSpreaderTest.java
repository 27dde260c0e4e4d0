package org.stilt.core.footprint;

/**
 * The {@link KernelSpreader} contract for the pure-Java implementation (bit-identical to the
 * reference loop).
 *
 * <p>Thread-safety: one instance per test method; not shared.
 */
class JavaKernelSpreaderTest extends KernelSpreaderContractTest {

    @Override
    protected KernelSpreader createSpreader() {
        return new JavaKernelSpreader();
    }
}
