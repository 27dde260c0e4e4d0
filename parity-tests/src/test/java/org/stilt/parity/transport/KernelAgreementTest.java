package org.stilt.parity.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.stilt.core.particles.ParticleTable;
import org.stilt.core.transport.ArlFrameSource;
import org.stilt.core.transport.JavaTransportKernel;
import org.stilt.core.transport.TrajectoryRequest;
import org.stilt.core.transport.TrajectoryRunner;
import org.stilt.core.transport.TransportKernel;
import org.stilt.core.transport.TurbulenceOptions;
import org.stilt.core.transport.VerticalMotion;
import org.stilt.ffi.NativeTransportKernel;
import org.stilt.parity.ReferenceAccess;

/**
 * The native kernel and the Java reference produce identical particle tables, bit for bit, on
 * real and synthetic met (every column, every row), for both the optimised and the
 * {@code -fcheck=all} library.
 */
class KernelAgreementTest {

    @ParameterizedTest
    @ValueSource(strings = {"det_shear_column_24h", "det_omega_column_24h", "det_lcc_column_24h",
        "det_hrrr_column_11h"})
    void nativeEqualsJava(String name) {
        Path dir = ReferenceAccess.referenceDir().resolve("transport/deterministic").resolve(name);
        Assumptions.assumeTrue(Files.isDirectory(dir), "missing " + dir);
        DeterministicCase c = DeterministicCase.load(dir);
        double[] release = c.firstHeights();
        TrajectoryRequest request = DeterministicParity.request(c, release, VerticalMotion.ofCode(c.wOption));
        ParticleTable java = run(c, request, new JavaTransportKernel(c.zTop));
        ParticleTable optimised = run(c, request, NativeTransportKernel.create(c.zTop));
        assertSame(java, optimised, name + " optimised library");
        String checked = System.getProperty("stilt.native.checkedLibrary");
        if (checked != null && Files.isRegularFile(Path.of(checked))) {
            ParticleTable fcheck = run(c, request, NativeTransportKernel.create(Path.of(checked), c.zTop));
            assertSame(java, fcheck, name + " -fcheck=all library");
        }
    }

    /** The quasi-Lagrangian vertical motions (w_option 1–3) agree bit for bit too, on time-varying met. */
    @ParameterizedTest
    @EnumSource(value = VerticalMotion.class, names = {"ISOBARIC", "ISENTROPIC", "CONSTANT_DENSITY", "ISOSIGMA"})
    void nativeEqualsJavaForEveryVerticalMotion(VerticalMotion motion) {
        Path dir = ReferenceAccess.referenceDir().resolve("transport/deterministic/det_tvar_column_24h");
        Assumptions.assumeTrue(Files.isDirectory(dir), "missing " + dir);
        DeterministicCase c = DeterministicCase.load(dir);
        TrajectoryRequest request = DeterministicParity.request(c, c.firstHeights(), motion);
        assertSame(run(c, request, new JavaTransportKernel(c.zTop)), run(c, request,
                NativeTransportKernel.create(c.zTop)), motion.toString());
    }

    /**
     * With the STILT dispersion on (turbulent velocities, random streams, foot), the two kernels
     * still agree bit for bit: point and column receptors, convective and stable hours, sigma and
     * pressure-level met, both libraries.
     */
    @ParameterizedTest
    @ValueSource(strings = {"det_hrrr_point_5m_11h", "det_hrrr_column_11h", "det_tvar_column_24h",
        "det_plev_column_36h"})
    void nativeEqualsJavaWithTurbulence(String name) {
        Path dir = ReferenceAccess.referenceDir().resolve("transport/deterministic").resolve(name);
        Assumptions.assumeTrue(Files.isDirectory(dir), "missing " + dir);
        DeterministicCase c = DeterministicCase.load(dir);
        TrajectoryRequest request = DeterministicParity.request(c, c.firstHeights(), VerticalMotion.ofCode(c.wOption))
                .withTurbulence(TurbulenceOptions.rStiltDefaults(42L, 7L));
        // six hours are enough to cross day/night and layer interfaces many times
        ParticleTable java = run(c, request, new JavaTransportKernel(c.zTop), 360);
        assertTrue(java.hasColumn("foot") && java.hasColumn("samt") && java.hasColumn("sigw")
                && java.hasColumn("tlgr"), "turbulent table has foot, samt, sigw, tlgr");
        assertTrue(Arrays.stream(java.column("samt")).anyMatch(v -> v > 0), name + ": some particle is below h");
        assertTrue(Arrays.stream(java.column("sigw")).anyMatch(v -> v > 0.02), name + ": some particle is turbulent");
        if (name.contains("hrrr")) {
            // real met: the free-troposphere sigma_w from the column's shear is exercised too
            double[] z = java.column("zagl");
            double[] h = java.column("mlht");
            double[] s = java.column("sigw");
            assertTrue(IntStream.range(0, z.length).anyMatch(i -> z[i] > h[i] + 200 && s[i] > 0.02),
                    name + ": some particle above the mixed layer has a shear-driven sigma_w");
        }
        assertSame(java, run(c, request, NativeTransportKernel.create(c.zTop), 360), name + " optimised library");
        String checked = System.getProperty("stilt.native.checkedLibrary");
        if (checked != null && Files.isRegularFile(Path.of(checked))) {
            assertSame(java, run(c, request, NativeTransportKernel.create(Path.of(checked), c.zTop), 360),
                    name + " -fcheck=all library");
        }
    }

    /** Transport errors (WINDERR, ZIERR) and ZICONTROL agree bit for bit too. */
    @ParameterizedTest
    @ValueSource(strings = {"det_hrrr_point_5m_11h", "det_tvar_column_24h"})
    void nativeEqualsJavaWithTransportErrors(String name) {
        Path dir = ReferenceAccess.referenceDir().resolve("transport/deterministic").resolve(name);
        Assumptions.assumeTrue(Files.isDirectory(dir), "missing " + dir);
        DeterministicCase c = DeterministicCase.load(dir);
        TrajectoryRequest request = DeterministicParity.request(c, c.firstHeights(), VerticalMotion.ofCode(c.wOption))
                .withTurbulence(TurbulenceOptions.rStiltDefaults(42L, 7L)
                        .withErrors(org.stilt.core.transport.ErrorProcesses.fromRStilt(1.5, 60.0, 1000.0, 100.0, 20.0,
                                60.0, 100.0))
                        .withZiScale(new double[] {1.2, 0.8, 1.0, 1.5}));
        ParticleTable java = run(c, request, new JavaTransportKernel(c.zTop), 360);
        assertSame(java, run(c, request, NativeTransportKernel.create(c.zTop), 360), name + " optimised library");
        String checked = System.getProperty("stilt.native.checkedLibrary");
        if (checked != null && Files.isRegularFile(Path.of(checked))) {
            assertSame(java, run(c, request, NativeTransportKernel.create(Path.of(checked), c.zTop), 360),
                    name + " -fcheck=all library");
        }
    }

    /** Particle chunks on several threads: the native kernel gives the Java one-thread table, bit for bit. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void nativeChunksEqualJavaOneThread(int threads) {
        Path dir = ReferenceAccess.referenceDir().resolve("transport/deterministic/det_hrrr_column_11h");
        Assumptions.assumeTrue(Files.isDirectory(dir), "missing " + dir);
        DeterministicCase c = DeterministicCase.load(dir);
        TrajectoryRequest request = DeterministicParity.request(c, c.firstHeights(), VerticalMotion.ofCode(c.wOption))
                .withTurbulence(TurbulenceOptions.rStiltDefaults(42L, 7L));
        ParticleTable java = run(c, request, new JavaTransportKernel(c.zTop), 240);
        ParticleTable chunked;
        try (ArlFrameSource source = new ArlFrameSource(c.openMet(), c.zTop)) {
            chunked = new TrajectoryRunner(NativeTransportKernel.create(c.zTop)).withThreads(threads)
                    .run(request, source, 240).particles();
        }
        assertSame(java, chunked, threads + " native chunks");
    }

    private static ParticleTable run(DeterministicCase c, TrajectoryRequest request, TransportKernel kernel,
                                     long maxMinutes) {
        try (ArlFrameSource source = new ArlFrameSource(c.openMet(), c.zTop)) {
            return new TrajectoryRunner(kernel).run(request, source, maxMinutes).particles();
        }
    }

    private static ParticleTable run(DeterministicCase c, TrajectoryRequest request, TransportKernel kernel) {
        try (ArlFrameSource source = new ArlFrameSource(c.openMet(), c.zTop)) {
            return new TrajectoryRunner(kernel).run(request, source).particles();
        }
    }

    private static void assertSame(ParticleTable expected, ParticleTable actual, String what) {
        assertEquals(expected.rowCount(), actual.rowCount(), what + ": rows");
        assertEquals(expected.columnNames(), actual.columnNames(), what + ": columns");
        for (String col : expected.columnNames()) {
            double[] e = expected.column(col);
            double[] a = actual.column(col);
            if (!Arrays.equals(e, a)) {
                for (int i = 0; i < e.length; i++) {
                    if (Double.doubleToLongBits(e[i]) != Double.doubleToLongBits(a[i])) {
                        assertArrayEquals(e, a, what + ": column " + col + " first differs at row " + i + " (" + e[i]
                                + " vs " + a[i] + ")");
                    }
                }
            }
        }
    }
}
