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
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.stilt.core.footprint.JavaKernelSpreader;
import org.stilt.core.hnf.ColumnReleaseHeights;
import org.stilt.core.hnf.PlumeDilution;
import org.stilt.core.hnf.PlumeDilutionParameters;
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
 * <p>Our run: the case's receptor, n_hours, numpar, w_option, z_top, KMIXD/KMIX0, TLFRAC, HSCALE,
 * VEGHT and NTURB with a fixed seed, through the native kernel (or the Java one with
 * {@code STILT_PARITY_KERNEL=java}: bit-identical), then R-STILT's hyper-near-field dilution. A case
 * with an {@code achieved} entry in {@code stochastic-parity.json} is not yet at full parity: the
 * entry records what it reaches (statistic checks passed, footprint correlation and total) and the
 * test fails when a change makes it worse; the issue note explains the gaps. A case without one
 * must pass every check. Tolerances are never widened in code.
 *
 * <p>Thread-safety: JUnit runs the dynamic tests sequentially; the report is synchronized.
 */
class StochasticTransportParityTest {

    private static final StochasticParityReport REPORT = new StochasticParityReport();
    private static final StochasticParity.Rules RULES = StochasticParity.Rules.load();
    /**
     * The run seed of our ensembles (any fixed value: the bar is statistical); {@code STILT_PARITY_SEED}
     * overrides it to see how much the figures move from seed to seed (the ratchets are recorded with
     * the default).
     */
    private static final long SEED = System.getenv("STILT_PARITY_SEED") != null
            ? Long.parseLong(System.getenv("STILT_PARITY_SEED")) : 20_211_111L;

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
        String only = System.getenv("STILT_PARITY_CASES");
        java.util.Set<String> selected = only == null || only.isBlank() ? null
                : java.util.Set.of(only.split(","));
        RULES.raw().get("cases").fieldNames().forEachRemaining(name -> {
            if (selected != null && !selected.contains(name)) {
                return;
            }
            StochasticCase c = StochasticCase.load(dir.resolve(name));
            for (TransportKernel kernel : kernels(c.zTop())) {
                tests.add(dynamicTest(name + " / " + kernel.name(), () -> run(c, kernel)));
            }
        });
        return tests.stream();
    }

    /** Our particle table for the case's first {@code maxMinutes} minutes (its settings, {@link #request}). */
    static ParticleTable runCase(StochasticCase c, TransportKernel kernel, long maxMinutes) {
        List<ArlFile> met = new ArrayList<>();
        for (Path p : c.metFiles()) {
            met.add(ArlFile.open(p));
        }
        try (ArlFrameSource source = new ArlFrameSource(met, c.zTop())) {
            return new TrajectoryRunner(kernel).withMixedLayer(mixedLayer(c)).run(request(c), source, maxMinutes)
                    .particles();
        }
    }

    private static void run(StochasticCase c, TransportKernel kernel) {
        ParticleTable ours = hnf(c, StochasticParity.asPrinted(runCase(c, kernel, Math.abs(request(c).minutes())), RULES));
        StochasticParity.Result r = StochasticParity.compare(c, ours, new JavaKernelSpreader(), RULES);
        REPORT.add(c.name() + " / " + kernel.name(), r);
        System.out.println(StochasticParityReport.render(c.name() + " / " + kernel.name(), r));
        Achieved achieved = Achieved.of(RULES.raw().get("cases").get(c.name()));
        long passed = r.statistics().stream().filter(StochasticParity.StatisticCheck::pass).count();
        if (achieved.fullParity()) {
            assertTrue(r.pass(), r.failureReport());
            return;
        }
        // Not yet at full parity: the case file records what was achieved and why (issue note);
        // this fails when a change makes the ensemble agree with hycs_std less well.
        assertTrue(passed >= achieved.minStatisticsPassed(), c.name() + ": " + passed + " of " + r.statistics().size()
                + " statistic checks pass, recorded " + achieved.minStatisticsPassed() + "\n" + r.failureReport());
        // the same against the sampling noise of two independent ensembles: less seed-dependent,
        // so a tighter guard against regressions (diagnostic band, StochasticParity.StatisticCheck)
        long withinNoise = r.withinSamplingNoiseCount();
        assertTrue(withinNoise >= achieved.minWithinSamplingNoise(), c.name() + ": " + withinNoise + " of "
                + r.statistics().size() + " statistic checks within the sampling noise, recorded "
                + achieved.minWithinSamplingNoise());
        StochasticParity.FootprintCheck f = r.footprint();
        assertTrue(f.correlation() >= achieved.minFootprintCorrelation(), c.name() + ": footprint correlation "
                + f.correlation() + ", recorded " + achieved.minFootprintCorrelation());
        double totalDev = Math.abs(f.total() - f.totalMean()) / f.totalBand();
        assertTrue(totalDev <= achieved.maxFootprintTotalBands(), c.name() + ": footprint total " + f.total()
                + " vs hycs_std " + f.totalMean() + " = " + totalDev + " bands, recorded "
                + achieved.maxFootprintTotalBands());
    }

    /**
     * What a case achieved when it is not at full parity (stochastic-parity.json, {@code cases.NAME}).
     *
     * @param fullParity              the rule holds: every check passes
     * @param minStatisticsPassed     statistic checks that pass at least
     * @param minFootprintCorrelation footprint correlation with hycs_std's at least
     * @param maxFootprintTotalBands  |total − hycs mean| in total bands at most
     * @param minWithinSamplingNoise  statistic checks within the sampling noise of two independent
     *                                ensembles at least (0 when not recorded)
     */
    record Achieved(boolean fullParity, int minStatisticsPassed, double minFootprintCorrelation,
                    double maxFootprintTotalBands, int minWithinSamplingNoise) {
        static Achieved of(com.fasterxml.jackson.databind.JsonNode n) {
            if (n == null || !n.has("achieved")) {
                return new Achieved(true, 0, 0, 0, 0);
            }
            com.fasterxml.jackson.databind.JsonNode a = n.get("achieved");
            return new Achieved(false, a.get("min_statistics_passed").asInt(),
                    a.get("min_footprint_correlation").asDouble(), a.get("max_footprint_total_bands").asDouble(),
                    a.has("min_within_sampling_noise") ? a.get("min_within_sampling_noise").asInt() : 0);
        }
    }

    /** R-STILT's hyper-near-field dilution of foot (calc_plume_dilution), as the case was run. */
    static ParticleTable hnf(StochasticCase c, ParticleTable t) {
        double[] z = c.zagl();
        if (c.column()) {
            t = ColumnReleaseHeights.of(z, c.numpar()).appendTo(t);
        }
        return PlumeDilution.apply(t, PlumeDilutionParameters.rStilt(c.column() ? Double.NaN : z[0], c.vegHt()));
    }

    /**
     * The case's receptor as a turbulent request carrying the case's namelist (NTURB, TLFRAC,
     * HSCALE, VEGHT), w_option, the z0 of {@code stochastic-parity.json} and {@link #SEED}.
     */
    static TrajectoryRequest request(StochasticCase c) {
        double[] z = c.zagl();
        java.util.Map<String, String> nl = c.namelist();
        TurbulenceOptions turb = new TurbulenceOptions(!"1".equals(nl.getOrDefault("NTURB", "0")), SEED, 1L,
                Double.parseDouble(nl.getOrDefault("TLFRAC", "0.1")),
                Double.parseDouble(nl.getOrDefault("HSCALE", "10800")), c.vegHt(), z0(c));
        return new TrajectoryRequest(c.runTime(), c.latitude(), c.longitude(), z[0],
                c.column() ? z[z.length - 1] : Double.NaN, c.hours(), c.numpar(), null, SEED,
                VerticalMotion.ofCode(c.wOption()), c.zTop(), turb);
    }

    /** The roughness length at the case's receptor (stochastic-parity.json {@code z0_m}, with why). */
    static double z0(StochasticCase c) {
        com.fasterxml.jackson.databind.JsonNode n = caseRules(c);
        return n != null && n.has("z0_m") ? n.get("z0_m").asDouble() : TurbulenceOptions.DEFAULT_Z0_METERS;
    }

    /** The case's entry in {@code stochastic-parity.json → cases}, or null. */
    private static com.fasterxml.jackson.databind.JsonNode caseRules(StochasticCase c) {
        return RULES.raw().get("cases").get(c.name());
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
