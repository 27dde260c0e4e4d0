package org.stilt.parity.stochastic;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.stilt.core.footprint.JavaKernelSpreader;
import org.stilt.core.met.ArlFile;
import org.stilt.core.particles.ParticleTable;
import org.stilt.core.transport.ArlFrameSource;
import org.stilt.core.transport.MixedLayerOptions;
import org.stilt.core.transport.TrajectoryRequest;
import org.stilt.core.transport.TurbulenceOptions;
import org.stilt.core.transport.TrajectoryRunner;
import org.stilt.core.transport.TransportKernel;
import org.stilt.core.transport.VerticalMotion;
import org.stilt.ffi.NativeTransportKernel;
import org.stilt.parity.ReferenceAccess;

/**
 * Issue 5's statistical parity: every complete stochastic case of
 * {@code ../shared/reference/transport/stochastic} run through our transport kernel with
 * turbulence, its ensemble compared with hycs_std's by {@link StochasticParity} (rules in
 * {@code stochastic-parity.json}), the per-case tables written to
 * {@code target/stochastic-parity-report.md}.
 *
 * <p>Disabled until the stochastic kernel exists. Today's kernels are deterministic (no
 * turbulence, no {@code foot}/{@code samt}/{@code mlht}/{@code sigw}/{@code tlgr} columns), so
 * enabling this test now fails honestly: {@link EnsembleStatistics} rejects the missing columns. To
 * plug the kernel in when it lands: (1) replace {@link #request} by the turbulence-enabled request
 * built from {@link StochasticCase#namelist()} (KRAND, KMIXD, KMIX0, KBLS/KBLT, IDSP, TLFRAC, HSCALE,
 * VEGHT, VARSIWANT...) with a seed; (2) apply R-STILT's hyper-near-field dilution in stilt-core so
 * the table carries {@code foot} and {@code foot_no_hnf_dilution}; (3) remove {@link Disabled}.
 * Recorded gaps (e.g. KMIXD=3 depths) go to {@code stochastic-parity.json} with the achieved error,
 * never into wider tolerances in code.
 *
 * <p>Thread-safety: JUnit runs the dynamic tests sequentially; the report is synchronized.
 */
class StochasticTransportParityTest {

    private static final StochasticParityReport REPORT = new StochasticParityReport();
    private static final StochasticParity.Rules RULES = StochasticParity.Rules.load();
    /** The run seed of our ensembles (any fixed value: the bar is statistical). */
    private static final long SEED = 20_211_111L;

    static List<TransportKernel> kernels(double zTop) {
        if ("java".equals(System.getenv("STILT_PARITY_KERNEL"))) {
            return List.of(new org.stilt.core.transport.JavaTransportKernel(zTop));
        }
        return List.of(NativeTransportKernel.create(zTop));
    }

    @TestFactory
    Stream<DynamicTest> stochasticCases() {
        Path dir = ReferenceAccess.referenceDir().resolve("transport/stochastic");
        Assumptions.assumeTrue(Files.isDirectory(dir), "no transport/stochastic in the reference data");
        List<DynamicTest> tests = new ArrayList<>();
        RULES.raw().get("cases").fieldNames().forEachRemaining(name -> {
            StochasticCase c = StochasticCase.load(dir.resolve(name));
            for (TransportKernel kernel : kernels(c.zTop())) {
                tests.add(dynamicTest(name + " / " + kernel.name(), () -> run(c, kernel)));
            }
        });
        return tests.stream();
    }

    private static void run(StochasticCase c, TransportKernel kernel) {
        List<ArlFile> met = new ArrayList<>();
        for (Path p : c.metFiles()) {
            met.add(ArlFile.open(p));
        }
        ParticleTable ours;
        try (ArlFrameSource source = new ArlFrameSource(met, c.zTop())) {
            ours = new TrajectoryRunner(kernel).withMixedLayer(mixedLayer(c)).run(request(c), source).particles();
        }
        StochasticParity.Result r = StochasticParity.compare(c, ours, new JavaKernelSpreader(), RULES);
        REPORT.add(c.name() + " / " + kernel.name(), r);
        System.out.println(StochasticParityReport.render(c.name() + " / " + kernel.name(), r));
        assertTrue(r.pass(), r.failureReport());
    }

    /**
     * The case's receptor as today's (deterministic) request. TODO(issue 5): the turbulence-enabled
     * request, carrying the case's namelist and {@link #SEED}.
     */
    static TrajectoryRequest request(StochasticCase c) {
        double[] z = c.zagl();
        java.util.Map<String, String> nl = c.namelist();
        TurbulenceOptions turb = new TurbulenceOptions(!"1".equals(nl.getOrDefault("NTURB", "0")), SEED, 1L,
                Double.parseDouble(nl.getOrDefault("TLFRAC", "0.1")),
                Double.parseDouble(nl.getOrDefault("HSCALE", "10800")), c.vegHt(), TurbulenceOptions.DEFAULT_Z0_METERS);
        return new TrajectoryRequest(c.runTime(), c.latitude(), c.longitude(), z[0],
                c.column() ? z[z.length - 1] : Double.NaN, c.hours(), c.numpar(), null, SEED,
                VerticalMotion.ofCode(c.wOption()), c.zTop(), turb);
    }

    /** The case's KMIXD and KMIX0. */
    static MixedLayerOptions mixedLayer(StochasticCase c) {
        java.util.Map<String, String> nl = c.namelist();
        return new MixedLayerOptions(Integer.parseInt(nl.getOrDefault("KMIXD", "3")),
                Double.parseDouble(nl.getOrDefault("KMIX0", "150")));
    }

    @AfterAll
    static void writeReport() {
        if (!REPORT.isEmpty()) {
            String base = System.getProperty("basedir");
            REPORT.write((base != null ? Path.of(base) : Path.of("")).resolve("target")
                    .resolve("stochastic-parity-report.md"));
        }
    }
}
