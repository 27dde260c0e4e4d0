package org.stilt.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stilt.core.KernelException;
import org.stilt.core.rng.Distribution;
import org.stilt.core.rng.ParticleStream;
import org.stilt.core.rng.ParticleStreams;

/**
 * {@code stilt_rng_fill} (Fortran) against {@link ParticleStreams#fill} (Java): the same bits for
 * several seeds, simulation ids and particle ranges, uniform and normal, on the packaged optimised
 * library and the {@code -fcheck=all} build; plus the entry point's argument checks.
 *
 * <p>Thread-safety: JUnit creates one instance per test method; not shared.
 */
class NativeRngParityTest {

    /** (seed, simulation id, first particle, particles, draws per particle). */
    private static final long[][] CASES = {
        {0, 0, 0, 10, 1001},
        {42, 7, 0, 1000, 50},
        {-1, -1, 123_456, 20, 333},
        {Long.MIN_VALUE, Long.MAX_VALUE, ParticleStream.PARTICLE_LIMIT - 8, 8, 257},
        {0x0123456789abcdefL, 987_654_321_012L, 4_000_000_000L, 100, 2000},
        {20260101, 17, 999, 1, 200_000},
    };

    abstract static class Parity {
        abstract StiltHysplitLibrary library();

        @Test
        void uniformDrawsAreBitIdentical() {
            compare(Distribution.UNIFORM);
        }

        @Test
        void normalDrawsAreBitIdentical() {
            compare(Distribution.NORMAL);
        }

        private void compare(Distribution distribution) {
            for (long[] c : CASES) {
                int n = (int) c[3];
                int draws = (int) c[4];
                double[] fortran = new double[n * draws];
                double[] java = new double[n * draws];
                library().rngFill(c[0], c[1], c[2], n, draws, distribution, fortran);
                ParticleStreams.fill(c[0], c[1], c[2], n, draws, distribution, java);
                for (int i = 0; i < java.length; i++) {
                    if (Double.doubleToRawLongBits(java[i]) != Double.doubleToRawLongBits(fortran[i])) {
                        throw new AssertionError(distribution + " " + Arrays.toString(c) + ": particle "
                                + (c[2] + i / draws) + " draw " + (i % draws) + ": Fortran " + fortran[i] + " ("
                                + Long.toHexString(Double.doubleToRawLongBits(fortran[i])) + "), Java " + java[i]
                                + " (" + Long.toHexString(Double.doubleToRawLongBits(java[i])) + ")");
                    }
                }
            }
        }

        @Test
        void extremeNormalsAreReachedAndIdentical() {
            // 10^6 normals reach both tails of AS 241's middle branch (p < 0.075 and p > 0.925). Its
            // far branch (p < 1.4e-11) is not reached by random draws; test_rng.f90's golden
            // values (computed in Java) cover it.
            double[] fortran = new double[1_000_000];
            library().rngFill(3, 5, 0, 1000, 1000, Distribution.NORMAL, fortran);
            double[] java = new double[fortran.length];
            ParticleStreams.fill(3, 5, 0, 1000, 1000, Distribution.NORMAL, java);
            assertTrue(Arrays.equals(fortran, java));
            assertTrue(Arrays.stream(fortran).min().orElseThrow() < -4.0);
            assertTrue(Arrays.stream(fortran).max().orElseThrow() > 4.0);
        }

        @Test
        void invalidArgumentsAreReportedByTheLibrary() {
            double[] out = new double[8];
            KernelException kind = assertThrows(KernelException.class, () -> library().rngFill(0, 0, 0, 2, 2, 2, out));
            assertEquals("stilt_rng_fill", kind.function());
            assertEquals(KernelStatus.ERR_ARGUMENT.code(), kind.status());
            assertTrue(kind.getMessage().contains("kind=2"), kind.getMessage());
            KernelException range = assertThrows(KernelException.class,
                    () -> library().rngFill(0, 0, ParticleStream.PARTICLE_LIMIT - 1, 2, 2, Distribution.UNIFORM, out));
            assertTrue(range.getMessage().contains("n_particles=2"), range.getMessage());
            assertThrows(KernelException.class, () -> library().rngFill(0, 0, -1, 1, 1, Distribution.UNIFORM, out));
            assertThrows(IllegalArgumentException.class,
                    () -> library().rngFill(0, 0, 0, 3, 3, Distribution.UNIFORM, out));
        }
    }

    @Nested
    class PackagedLibrary extends Parity {
        @Override
        StiltHysplitLibrary library() {
            return LibraryLoader.shared();
        }
    }

    @Nested
    class CheckedLibrary extends Parity {
        @Override
        StiltHysplitLibrary library() {
            return LibraryLoader.load(TestLibraries.checkedLibrary());
        }
    }
}
