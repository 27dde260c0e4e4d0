package org.stilt.ffi;

import org.junit.jupiter.api.Nested;
import org.stilt.core.transport.TransportKernel;
import org.stilt.core.transport.TransportKernelContractTest;
import org.stilt.core.transport.TransportTestMet;

/**
 * The analytic transport contract ({@link TransportKernelContractTest}) for the Fortran kernel,
 * run against the packaged optimised library and the {@code -fcheck=all} build (bounds errors
 * and floating-point traps end the JVM, which fails the build).
 *
 * <p>Thread-safety: JUnit creates one instance per test method; not shared.
 */
class NativeTransportKernelContractTest {

    @Nested
    class PackagedLibrary extends TransportKernelContractTest {
        @Override
        protected TransportKernel createKernel() {
            return NativeTransportKernel.create(TransportTestMet.Z_TOP);
        }
    }

    @Nested
    class CheckedLibrary extends TransportKernelContractTest {
        @Override
        protected TransportKernel createKernel() {
            return NativeTransportKernel.create(TestLibraries.checkedLibrary(), TransportTestMet.Z_TOP);
        }
    }
}
