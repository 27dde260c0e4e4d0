package org.stilt.core.transport;

/**
 * The analytic transport contract ({@link TransportKernelContractTest}) for the pure-Java
 * reference kernel.
 *
 * <p>Thread-safety: JUnit creates one instance per test method; not shared.
 */
class JavaTransportKernelContractTest extends TransportKernelContractTest {

    @Override
    protected TransportKernel createKernel() {
        return new JavaTransportKernel(TransportTestMet.Z_TOP);
    }
}
