package org.stilt.parity.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.met.GridProjection;
import org.stilt.core.met.synth.SyntheticMetSpec;
import org.stilt.core.transport.ArlFrameSource;
import org.stilt.core.transport.InternalLevels;
import org.stilt.core.transport.KernelFrame;
import org.stilt.core.transport.MixedLayerDepth;
import org.stilt.core.transport.TransportTestMet;
import org.stilt.parity.ReferenceAccess;

/**
 * KMIXD = 3 mixed-layer depth ({@link MixedLayerDepth#bulkRichardson}) against hycs_std's printed
 * {@code mlht}: every row of experiment E10 and every particle row of the deterministic reference
 * cases (column values at the grid point nearest to the particle, mid-step, linear in
 * time between the bracketing frames), and the stochastic references' checkpoints whose
 * {@code mlht_mean} has no run-to-run spread. Reports mean/max absolute and relative error per case and
 * asserts the bounds of {@code mixed-layer-parity.json}.
 *
 * <p>Thread-safety: JUnit creates one instance per test; no shared mutable state.
 */
class MixedLayerDepthParityTest {

    private static final double KMIX0 = MixedLayerDepth.STILT_KMIX0_METERS;

    @TempDir
    Path dir;

    private static JsonNode config() throws IOException {
        try (InputStream in = MixedLayerDepthParityTest.class.getResourceAsStream("/mixed-layer-parity.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    /** Error accumulator. */
    private static final class Errors {
        double sumAbs;
        double sumRel;
        double maxAbs;
        double maxRel;
        long n;
        String worst = "";

        void add(double ours, double ref, String where) {
            double a = Math.abs(ours - ref);
            double r = a / ref;
            sumAbs += a;
            sumRel += r;
            n++;
            maxAbs = Math.max(maxAbs, a);
            if (r > maxRel) {
                maxRel = r;
                worst = where + String.format(Locale.ROOT, ": ours %.2f, hycs_std %.2f", ours, ref);
            }
        }

        void check(String name, JsonNode bounds) {
            System.out.printf(Locale.ROOT, "mlht %-26s %6d rows: mean |Δ| %8.3f m, max |Δ| %8.3f m, mean rel %.6f,"
                    + " max rel %.6f (%s)%n", name, n, sumAbs / n, maxAbs, sumRel / n, maxRel, worst);
            assertTrue(n > 0, name + ": no rows compared");
            assertTrue(sumAbs / n <= bounds.get("mean_abs_m").asDouble(), name + " mean |Δmlht| " + sumAbs / n);
            assertTrue(maxAbs <= bounds.get("max_abs_m").asDouble(), name + " max |Δmlht| " + maxAbs);
            assertTrue(sumRel / n <= bounds.get("mean_rel").asDouble(), name + " mean relative Δmlht " + sumRel / n);
            assertTrue(maxRel <= bounds.get("max_rel").asDouble(), name + " max relative Δmlht " + maxRel + " at " + worst);
        }
    }

    @Test
    void e10() throws IOException {
        Path e10 = ReferenceAccess.referenceDir().resolve("hysplit-experiments/E10_kmixd3.json");
        Assumptions.assumeTrue(Files.isRegularFile(e10), "missing " + e10);
        Instant t0 = Instant.parse("2021-06-01T00:00:00Z");
        Map<Double, KernelFrame> frames = new HashMap<>();
        int[] ij = new int[2];
        Errors err = new Errors();
        InternalLevels levels = InternalLevels.forModelTop(TransportTestMet.Z_TOP);
        for (JsonNode row : new ObjectMapper().readTree(e10.toFile()).get("rows")) {
            double lapse = row.get("lapse_K_per_m").asDouble();
            KernelFrame f = frames.get(lapse);
            if (f == null) {
                Path d = Files.createDirectories(dir.resolve("lapse" + lapse));
                SyntheticMetSpec spec = TransportTestMet.experimentDesign(t0, 1)
                        .atmosphere(new SyntheticMetSpec.Atmosphere(288.15, 1000.0 * lapse, 216.65, 0.0, 0.0)).build();
                try (ArlFrameSource src = TransportTestMet.source(TransportTestMet.write(spec, d))) {
                    f = src.frame(t0);
                    var g = src.projection().toGrid(40.0, -98.0);
                    ij[0] = (int) Math.round(g.x()) - 1;
                    ij[1] = (int) Math.round(g.y()) - 1;
                }
                frames.put(lapse, f);
            }
            int n = f.nz();
            double[] theta = new double[n];
            double[] u = new double[n];
            double[] v = new double[n];
            for (int k = 0; k < n; k++) {
                theta[k] = f.get3(KernelFrame.F3_THETA, ij[0], ij[1], k);
                u[k] = f.get3(KernelFrame.F3_U, ij[0], ij[1], k);
                v[k] = f.get3(KernelFrame.F3_V, ij[0], ij[1], k);
            }
            double[] zAgl = MixedLayerDepth.aboveGround(levels.heightsMeters(), f.get2(KernelFrame.F2_ZSFC, ij[0], ij[1]),
                    levels.modelTopMeters(), new double[n]);
            // the row's fluxes (the rebuilt file has others)
            double ours = MixedLayerDepth.bulkRichardson(zAgl, theta, u, v,
                    f.get3(KernelFrame.F3_RHO, ij[0], ij[1], 0), f.get3(KernelFrame.F3_T, ij[0], ij[1], 0),
                    row.get("shtf").asDouble(), row.get("ustar").asDouble(), KMIX0);
            err.add(ours, row.get("mlht").asDouble(), String.format(Locale.ROOT, "lapse %s H %s u* %s wind %s",
                    lapse, row.get("shtf"), row.get("ustar"), row.get("wind")));
        }
        err.check("E10", config().get("cases").get("E10"));
    }

    @TestFactory
    Stream<DynamicTest> deterministicCases() throws IOException {
        JsonNode cases = config().get("cases");
        return perCase(cases, "transport/deterministic", "det_",
                (name, d) -> compareCase(DeterministicCase.load(d), cases.get(name)));
    }

    /** A case's comparison, given its name and reference directory. */
    private interface CaseCheck {
        void run(String name, Path dir) throws Exception;
    }

    /**
     * One dynamic test per case of {@code cases} whose name starts with {@code prefix}, skipped
     * when its directory under the reference's {@code sub} is missing.
     */
    private static Stream<DynamicTest> perCase(JsonNode cases, String sub, String prefix, CaseCheck check) {
        Path base = ReferenceAccess.referenceDir().resolve(sub);
        return java.util.stream.StreamSupport.stream(
                        java.util.Spliterators.spliteratorUnknownSize(cases.fieldNames(), 0), false)
                .filter(name -> name.startsWith(prefix))
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    Path d = base.resolve(name);
                    Assumptions.assumeTrue(Files.isDirectory(d), "missing " + d);
                    check.run(name, d);
                }));
    }

    private static void compareCase(DeterministicCase c, JsonNode bounds) {
        int im = c.columns.indexOf("mlht");
        java.util.List<double[]> rows = new java.util.ArrayList<>();
        for (double[] r : c.rows.values()) {
            rows.add(new double[] {r[DeterministicCase.TIME], r[DeterministicCase.LATI], r[DeterministicCase.LONG],
                r[im], r[DeterministicCase.INDX]});
        }
        Errors err = new Errors();
        try (ArlFrameSource src = new ArlFrameSource(c.openMet(), c.zTop)) {
            compareRows(src, c.runTime, rows, err);
        }
        err.check(c.name, bounds);
    }

    /**
     * The stochastic references' checkpoints where hycs_std's four runs print the same
     * {@code mlht_mean} (no run-to-run spread: every particle sees the same column value, on
     * horizontally uniform met or while the ensemble is still in the receptor's grid column),
     * compared with our column depth at the receptor. These are the KMIXD = 3 references the
     * constants were fitted to besides E10 and the uniform det cases.
     */
    @TestFactory
    Stream<DynamicTest> stochasticCheckpoints() throws IOException {
        JsonNode cases = config().get("cases");
        return perCase(cases, "transport/stochastic", "sto_", (name, d) -> {
                    org.stilt.parity.stochastic.StochasticCase c = org.stilt.parity.stochastic.StochasticCase.load(d);
                    var st = c.statistics().get("mlht_mean");
                    int[] cps = c.checkpoints();
                    java.util.List<double[]> rows = new java.util.ArrayList<>();
                    for (int k = 0; k < cps.length; k++) {
                        if (st.sdBetween()[k] == 0.0) {
                            rows.add(new double[] {cps[k], c.latitude(), c.longitude(), st.ref()[k], 0});
                        }
                    }
                    java.util.List<org.stilt.core.met.ArlFile> files = new java.util.ArrayList<>();
                    for (Path p : c.metFiles()) {
                        files.add(org.stilt.core.met.ArlFile.open(p));
                    }
                    Errors err = new Errors();
                    try (ArlFrameSource src = new ArlFrameSource(files, c.zTop())) {
                        compareRows(src, c.runTime(), rows, err);
                    }
                    err.check(name, cases.get(name));
                });
    }

    /**
     * Adds our depth for each row {time (min), lat, lon, hycs_std mlht, particle} to {@code err}:
     * the column value at the grid point nearest to the row's position, at the middle of the step
     * that ends at the row's time, linear in time between the bracketing frames.
     */
    private static void compareRows(ArlFrameSource src, Instant runTime, java.util.List<double[]> rowList,
                                    Errors err) {
        GridProjection p = src.projection();
        InternalLevels levels = src.levels();
        Duration step = src.interval();
        Map<Instant, Map<Long, Double>> cache = new HashMap<>();
        // rows grouped by time so that at most two frames are needed at once
        Map<Integer, java.util.List<double[]>> byTime = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        for (double[] r : rowList) {
            byTime.computeIfAbsent((int) r[0], k -> new java.util.ArrayList<>()).add(r);
        }
        for (var e : byTime.entrySet()) {
            // the step that ends at this row's time, at its middle (docs/transport.md)
            Instant t = runTime.plus(Duration.ofSeconds(e.getKey() * 60L + (e.getKey() < 0 ? 30 : -30)));
            long sinceFirst = Duration.between(src.firstTime(), t).getSeconds();
            long stepS = step.getSeconds();
            Instant ta = src.firstTime().plusSeconds(Math.floorDiv(sinceFirst, stepS) * stepS);
            Instant tb = ta.plus(step);
            double w = (double) Duration.between(ta, t).getSeconds() / stepS;
            cache.keySet().removeIf(k -> !k.equals(ta) && !k.equals(tb));
            for (double[] r : e.getValue()) {
                var g = p.toGrid(r[1], r[2]);
                double va = nearest(src, cache, ta, levels, g.x() - 1, g.y() - 1);
                double v = w == 0.0 || !src.has(tb) ? va
                        : (1.0 - w) * va + w * nearest(src, cache, tb, levels, g.x() - 1, g.y() - 1);
                err.add(v, r[3], String.format(Locale.ROOT, "t %d min particle %d", (int) r[0], (int) r[4]));
            }
        }
    }

    /** The column value at the grid point nearest to (x, y) (0-based grid coordinates). */
    private static double nearest(ArlFrameSource src, Map<Instant, Map<Long, Double>> cache, Instant t,
                                  InternalLevels levels, double x, double y) {
        return column(src, cache, t, levels, (int) Math.floor(x + 0.5), (int) Math.floor(y + 0.5));
    }


    private static double column(ArlFrameSource src, Map<Instant, Map<Long, Double>> cache, Instant t,
                                 InternalLevels levels, int i, int j) {
        Map<Long, Double> m = cache.computeIfAbsent(t, k -> new HashMap<>());
        long key = ((long) i << 32) | (j & 0xffffffffL);
        Double v = m.get(key);
        if (v == null) {
            KernelFrame f = src.frame(t);
            int ci = Math.max(0, Math.min(f.wx() - 1, i));
            int cj = Math.max(0, Math.min(f.wy() - 1, j));
            v = MixedLayerDepth.bulkRichardson(f, ci, cj, levels, KMIX0);
            m.put(key, v);
        }
        return v;
    }
}
