package org.stilt.parity.stochastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.stilt.core.footprint.JavaKernelSpreader;
import org.stilt.core.particles.ParticleCsvReader;
import org.stilt.core.particles.ParticleTable;
import org.stilt.parity.ReferenceAccess;

/**
 * Checks of the stochastic parity harness itself, runnable before the stochastic kernel exists:
 * (a) {@link EnsembleStatistics} recomputed from hycs_std's own {@code particles.csv.gz} equal the
 * case file's KRAND=2 values (and every minute of {@code stats.csv.gz}) to their printed precision;
 * (b) hycs_std's KRAND=2 results pass {@link StochasticParity} against their own case (the printed
 * statistics for every case, the particle table where it is kept); (c) perturbed tables fail with a
 * report naming the statistic, checkpoint, our value, hycs_std's mean and the band; (d) hycs_std's
 * particles reproduce R-STILT's {@code foot.nc} through our {@code FootprintCalculator}.
 *
 * <p>Thread-safety: JUnit runs these sequentially; the particle cache is a concurrent map.
 */
class StochasticHarnessSelfCheckTest {

    private static final Map<Path, ParticleTable> PARTICLES = new ConcurrentHashMap<>();
    private static final StochasticParityReport REPORT = new StochasticParityReport();
    private static final StochasticParity.Rules RULES = StochasticParity.Rules.load();

    private static Path stochasticDir() {
        Path dir = ReferenceAccess.referenceDir().resolve("transport/stochastic");
        Assumptions.assumeTrue(Files.isDirectory(dir), "no transport/stochastic in the reference data");
        return dir;
    }

    private static List<StochasticCase> cases() {
        Path dir = stochasticDir();
        List<StochasticCase> out = new ArrayList<>();
        RULES.raw().get("cases").fieldNames().forEachRemaining(n -> out.add(StochasticCase.load(dir.resolve(n))));
        return out;
    }

    private static List<StochasticCase> casesWithParticles() {
        List<StochasticCase> out = cases().stream().filter(c -> c.particles().isPresent()).toList();
        assertFalse(out.isEmpty(), "no stochastic case keeps particles.csv.gz: the harness cannot be self-checked");
        return out;
    }

    private static ParticleTable particles(StochasticCase c) {
        return PARTICLES.computeIfAbsent(c.particles().orElseThrow(), p -> ParticleCsvReader.read(p, null));
    }

    @AfterAll
    static void writeReport() {
        if (!REPORT.isEmpty()) {
            String base = System.getProperty("basedir");
            Path target = (base != null ? Path.of(base) : Path.of("")).resolve("target")
                    .resolve("stochastic-harness-selfcheck.md");
            REPORT.write(target);
            System.out.println("stochastic harness self-check report: " + target.toAbsolutePath());
        }
    }

    @Test
    void everyReferenceCaseIsConfigured() throws IOException {
        Path dir = stochasticDir();
        List<String> complete;
        List<String> incomplete;
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> all = s.filter(Files::isDirectory).sorted().toList();
            complete = all.stream().filter(p -> Files.isRegularFile(p.resolve("case.json")))
                    .map(p -> p.getFileName().toString()).toList();
            incomplete = all.stream().filter(p -> !Files.isRegularFile(p.resolve("case.json")))
                    .map(p -> p.getFileName().toString()).toList();
        }
        List<String> configured = new ArrayList<>();
        RULES.raw().get("cases").fieldNames().forEachRemaining(configured::add);
        List<String> known = new ArrayList<>();
        RULES.raw().get("incomplete").fieldNames().forEachRemaining(known::add);
        assertEquals(complete, configured.stream().sorted().toList(), "cases with case.json vs stochastic-parity.json");
        assertEquals(incomplete, known.stream().sorted().toList(),
                "case directories without case.json vs stochastic-parity.json 'incomplete'");
    }

    /** Every statistic of every case is one this harness can compute, with consistent arrays. */
    @TestFactory
    Stream<DynamicTest> everyCaseStatisticIsDefined() {
        return cases().stream().map(c -> dynamicTest(c.name(), () -> {
            assertFalse(c.statistics().isEmpty(), c.name() + ": no statistics");
            for (String s : c.statistics().keySet()) {
                assertTrue(EnsembleStatistics.NAMES.contains(s), c.name() + ": statistic " + s + " has no definition");
            }
            assertTrue(c.checkpoints().length > 0, c.name() + ": no checkpoints");
            assertEquals(3, c.footprint().corrVsK2().size(), c.name() + ": seeds in footprint.run_to_run");
        }));
    }

    /** (b) for every case: hycs_std's own KRAND=2 statistics and footprint pass against the case. */
    @TestFactory
    Stream<DynamicTest> hycsKrand2ValuesPassTheirOwnCase() {
        return cases().stream().map(c -> dynamicTest(c.name(), () -> {
            Map<String, double[]> ref = new LinkedHashMap<>();
            c.statistics().forEach((k, v) -> ref.put(k, v.ref()));
            StochasticParity.FootprintCheck fp = StochasticParity.footprintCheck(c, c.rFootprintValues(), RULES, "");
            StochasticParity.Result r = new StochasticParity.Result(c.name(),
                    StochasticParity.compareStatistics(c, ref, RULES), fp);
            REPORT.add(c.name() + " / hycs_std KRAND=2 (case-file values)", r);
            assertTrue(r.pass(), r.failureReport());
            assertEquals(c.footprint().sumFootK2(), fp.total(), 1e-9 * c.footprint().sumFootK2(),
                    "foot_values.csv.gz total vs footprint.sum_foot");
        }));
    }

    /**
     * {@link StochasticParity#asPrinted} rounds exactly as hycs_std prints: hycs_std's own printed
     * table (its foot before R's HNF dilution as {@code foot}) comes back unchanged, bit for bit, in
     * every column it rounds (to 1 ulp); a decimal too few in any column would change values.
     */
    @TestFactory
    Stream<DynamicTest> printedPrecisionIsHycsStdsOwn() {
        return casesWithParticles().stream().map(c -> dynamicTest(c.name(), () -> {
            ParticleTable hycs = particles(c);
            Map<String, double[]> cols = new LinkedHashMap<>();
            for (String n : RULES.printDecimals().keySet()) {
                cols.put(n, hycs.column("foot".equals(n) ? "foot_no_hnf_dilution" : n));
            }
            ParticleTable printed = StochasticParity.asPrinted(new ParticleTable(cols), RULES);
            for (String n : cols.keySet()) {
                double[] a = cols.get(n);
                double[] b = printed.column(n);
                for (int i = 0; i < a.length; i++) {
                    // 1 ulp: R's decimal parser, which made these doubles, is 1 ulp off for ~1 value in 3000
                    assertEquals(a[i], b[i], Math.ulp(a[i]), c.name() + ": column " + n + " row " + i
                            + " changed by rounding");
                }
            }
            // and it does round: a value between two printed steps moves to the nearer one
            ParticleTable one = StochasticParity.asPrinted(new ParticleTable(Map.of("long",
                    new double[] {-111.84996, -111.84994})), RULES);
            assertEquals(-111.85, one.column("long")[0], 0.0);
            assertEquals(-111.8499, one.column("long")[1], 0.0);
        }));
    }

    /** (a) statistics recomputed from particles.csv.gz equal the case file's KRAND=2 values. */
    @TestFactory
    Stream<DynamicTest> statisticsFromHycsParticlesMatchTheCaseFile() {
        return casesWithParticles().stream().map(c -> dynamicTest(c.name(), () -> {
            List<String> names = List.copyOf(c.statistics().keySet());
            Map<String, double[]> ours = EnsembleStatistics.compute(particles(c), c.numpar(), c.vegHt(),
                    c.checkpoints(), names);
            List<String> bad = new ArrayList<>();
            int[] t = c.checkpoints();
            for (String s : names) {
                double[] ref = c.statistics().get(s).ref();
                double[] meanRef = sdPartnerMean(c, s);
                for (int i = 0; i < t.length; i++) {
                    check(bad, s, t[i], ours.get(s)[i], ref[i], meanRef == null ? 0 : meanRef[i]);
                }
            }
            assertTrue(bad.isEmpty(), c.name() + ": " + bad.size() + " statistics differ from case.json beyond the"
                    + " printed precision:\n" + String.join("\n", bad.subList(0, Math.min(40, bad.size()))));
        }));
    }

    /** (a, every minute) statistics recomputed from particles.csv.gz equal every KRAND=2 row of stats.csv.gz. */
    @TestFactory
    Stream<DynamicTest> statisticsFromHycsParticlesMatchEveryMinuteOfStatsCsv() {
        return casesWithParticles().stream().map(c -> dynamicTest(c.name(), () -> {
            Map<Integer, Map<String, Double>> k2 = statsCsv(c.dir().resolve("stats.csv.gz"), "k2");
            int[] minutes = k2.keySet().stream().mapToInt(Integer::intValue).toArray();
            List<String> names = List.copyOf(c.statistics().keySet());
            Map<String, double[]> ours = EnsembleStatistics.compute(particles(c), c.numpar(), c.vegHt(), minutes, names);
            List<String> bad = new ArrayList<>();
            for (String s : names) {
                String meanName = s.endsWith("_sd") ? s.replace("_sd", "_mean") : null;
                for (int i = 0; i < minutes.length; i++) {
                    Map<String, Double> row = k2.get(minutes[i]);
                    double meanRef = meanName == null ? 0 : row.get(meanName);
                    check(bad, s, minutes[i], ours.get(s)[i], row.get(s), meanRef);
                }
            }
            assertEquals(Math.abs(c.hours()) * 60, minutes.length, "minutes in stats.csv.gz");
            assertTrue(bad.isEmpty(), c.name() + ": " + bad.size() + " statistics differ from stats.csv.gz beyond"
                    + " the printed precision:\n" + String.join("\n", bad.subList(0, Math.min(40, bad.size()))));
        }));
    }

    /** (b) hycs_std's KRAND=2 particle table passes the full comparison (statistics and footprint). */
    @TestFactory
    Stream<DynamicTest> hycsParticlesPassTheComparison() {
        return casesWithParticles().stream().map(c -> dynamicTest(c.name(), () -> {
            StochasticParity.Result r = StochasticParity.compare(c, particles(c), new JavaKernelSpreader(), RULES);
            REPORT.add(c.name() + " / hycs_std KRAND=2 particles", r);
            assertTrue(r.pass(), r.failureReport());
            assertEquals(c.statistics().size() * c.checkpoints().length, r.statistics().size());
        }));
    }

    /** (c) heights × 1.2 fail, naming the height statistics with value, mean and band. */
    @TestFactory
    Stream<DynamicTest> heightsTimesOnePointTwoFail() {
        return casesWithParticles().stream().map(c -> dynamicTest(c.name(), () -> {
            ParticleTable t = scaled(particles(c), List.of("zagl"), z -> 1.2 * z);
            StochasticParity.Result r = StochasticParity.compare(c, t, new JavaKernelSpreader(), RULES);
            REPORT.add(c.name() + " / perturbed: zagl × 1.2", r);
            assertFalse(r.pass(), "heights × 1.2 must fail:\n" + r.failureReport());
            List<String> failed = r.failures().stream().map(StochasticParity.StatisticCheck::statistic).distinct().toList();
            assertTrue(failed.containsAll(List.of("zagl_mean", "zagl_p50", "zagl_sd")), "failed statistics " + failed);
            assertTrue(failed.stream().allMatch(s -> s.startsWith("zagl_") || s.equals("frac_below_h")),
                    "only height statistics may fail when heights are scaled: " + failed);
            assertReportNamesEverything(r);
        }));
    }

    /** (c) foot × 0.8 fails: the foot statistics and the footprint total. */
    @TestFactory
    Stream<DynamicTest> footTimesZeroPointEightFails() {
        return casesWithParticles().stream().map(c -> dynamicTest(c.name(), () -> {
            ParticleTable t = scaled(particles(c), List.of("foot", "foot_no_hnf_dilution"), f -> 0.8 * f);
            StochasticParity.Result r = StochasticParity.compare(c, t, new JavaKernelSpreader(), RULES);
            REPORT.add(c.name() + " / perturbed: foot × 0.8", r);
            assertFalse(r.pass(), "foot × 0.8 must fail:\n" + r.failureReport());
            List<String> failed = r.failures().stream().map(StochasticParity.StatisticCheck::statistic).distinct().toList();
            assertTrue(failed.containsAll(List.of("foot_mean", "foot_hnf_mean", "cumfoot", "cumfoot_hnf")),
                    "failed statistics " + failed);
            assertFalse(r.footprint().totalPass(), "footprint total must fail: " + r.footprint().describe());
            assertTrue(r.footprint().correlationPass(), "a scaled footprint keeps its correlation: "
                    + r.footprint().describe());
            assertTrue(r.failureReport().contains("footprint total") && r.failureReport().contains("-> FAIL"));
            assertReportNamesEverything(r);
        }));
    }

    /** (d) hycs_std's particles through our FootprintCalculator reproduce R-STILT's foot.nc. */
    @TestFactory
    Stream<DynamicTest> hycsParticlesReproduceRStiltFootprint() {
        JsonNode sc = RULES.raw().get("self_check");
        double minCorr = sc.get("footprint_min_correlation").asDouble();
        double rtol = sc.get("footprint_total_rtol").asDouble();
        return casesWithParticles().stream().map(c -> dynamicTest(c.name(), () -> {
            StochasticParity.FootprintCheck fp = StochasticParity.compareFootprint(c, particles(c),
                    new JavaKernelSpreader(), RULES);
            assertEquals("", fp.note(), fp.describe());
            assertTrue(fp.correlation() >= minCorr, "correlation with foot.nc " + fp.correlation() + " < " + minCorr);
            assertEquals(c.footprint().sumFootK2(), fp.total(), rtol * c.footprint().sumFootK2(),
                    "our total vs R-STILT's sum_foot");
            assertTrue(fp.pass(), fp.describe());
        }));
    }

    // ------------------------------------------------------------------------------------------

    private static void assertReportNamesEverything(StochasticParity.Result r) {
        StochasticParity.StatisticCheck f = r.failures().get(0);
        String report = r.failureReport();
        for (String s : List.of(f.statistic(), "t=" + f.checkpoint() + " min", "ours ", "hycs_std mean ", "allowed band ±",
                "-> FAIL")) {
            assertTrue(report.contains(s), "failure report lacks '" + s + "':\n" + report);
        }
        String rendered = StochasticParityReport.render("perturbed", r);
        assertTrue(rendered.contains("✗") && rendered.contains(f.statistic()), rendered);
    }

    /** For an {@code _sd} statistic, the case's matching {@code _mean} (R's roundoff scale), else null. */
    private static double[] sdPartnerMean(StochasticCase c, String s) {
        if (!s.endsWith("_sd")) {
            return null;
        }
        return c.statistics().get(s.replace("_sd", "_mean")).ref();
    }

    /**
     * Records a mismatch between our value and one printed to {@code significant_digits}: allowed is
     * half a unit of the last printed digit (plus 1e-15 relative for our own roundoff), plus, for an
     * {@code _sd}, {@code sd_roundoff_relative_to_mean}·|mean|.
     */
    private static void check(List<String> bad, String stat, int t, double ours, double printed, double mean) {
        JsonNode sc = RULES.raw().get("self_check");
        int digits = sc.get("significant_digits").asInt();
        if (Double.isNaN(printed) || Double.isNaN(ours)) {
            if (Double.isNaN(printed) != Double.isNaN(ours)) {
                bad.add(stat + " t=" + t + ": ours " + ours + ", printed " + printed);
            }
            return;
        }
        double halfUnit = printed == 0 ? 0
                : 0.5 * Math.pow(10, Math.floor(Math.log10(Math.abs(printed))) - (digits - 1));
        double tol = halfUnit * (1 + 1e-9) + 1e-15 * Math.abs(printed)
                + (stat.endsWith("_sd") ? sc.get("sd_roundoff_relative_to_mean").asDouble() * Math.abs(mean) : 0);
        if (!(Math.abs(ours - printed) <= tol)) {
            bad.add(String.format(java.util.Locale.ROOT, "%s t=%d: ours %.17g, printed %.17g, |diff| %.3g > %.3g", stat,
                    t, ours, printed, Math.abs(ours - printed), tol));
        }
    }

    private static ParticleTable scaled(ParticleTable t, List<String> columns, DoubleUnaryOperator f) {
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (String n : t.columnNames()) {
            double[] v = t.column(n);
            cols.put(n, columns.contains(n) ? Arrays.stream(v).map(f).toArray() : v);
        }
        return new ParticleTable(cols);
    }

    /** One variant's rows of stats.csv.gz by time (statistic name → value; NA as NaN). */
    private static Map<Integer, Map<String, Double>> statsCsv(Path file, String variant) throws IOException {
        Map<Integer, Map<String, Double>> out = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.US_ASCII))) {
            String[] header = r.readLine().split(",");
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",", -1);
                if (!f[0].equals(variant)) {
                    continue;
                }
                Map<String, Double> row = new LinkedHashMap<>();
                for (int i = 2; i < header.length; i++) {
                    row.put(header[i], f[i].isEmpty() || f[i].equals("NA") ? Double.NaN : Double.parseDouble(f[i]));
                }
                out.put((int) Double.parseDouble(f[1]), row);
            }
        }
        return out;
    }
}
