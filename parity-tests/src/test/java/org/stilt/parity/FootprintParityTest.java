package org.stilt.parity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.stilt.core.footprint.EmptyFootprint;
import org.stilt.core.footprint.Footprint;
import org.stilt.core.footprint.FootprintCalculator;
import org.stilt.core.footprint.FootprintDomain;
import org.stilt.core.footprint.FootprintResult;
import org.stilt.core.footprint.JavaKernelSpreader;
import org.stilt.core.footprint.KernelSpreader;
import org.stilt.core.particles.ParticleCsvReader;
import org.stilt.core.particles.ParticleTable;
import org.stilt.ffi.NativeKernelSpreader;

/**
 * Footprint parity with R-STILT over every case of the shared reference manifest (footprint cases
 * and the footprint stage of the end-to-end cases), once per kernel spreader.
 *
 * <p>Expected outcomes and tolerances are data, in {@code footprint-parity.json} (test resources):
 * {@code match-r} cases compare our doubles with R's doubles cell by cell (purely relative), the
 * non-zero cell sets, dimensions, coordinates and times, and our values cast to float32 with
 * {@code foot.nc} (ulps); {@code empty} cases expect an {@link EmptyFootprint} where R returned
 * NULL; {@code deviation-*} cases (where R-STILT fails or is wrong) check our documented behaviour
 * against an independent check named in the file. The achieved agreement is written to
 * {@code target/footprint-parity-report.md}.
 *
 * <p>When the reference directory is absent the suite says so loudly on stderr and is skipped
 * (aborted), never silently green.
 *
 * <p>Thread-safety: JUnit runs the dynamic tests sequentially; the shared caches are concurrent maps.
 */
class FootprintParityTest {

    /**
     * A named way to create a spreader.
     *
     * @param name    name shown in test names and the report
     * @param factory creates the spreader (may throw if unavailable, which fails that spreader's tests)
     *
     * <p>Thread-safety: immutable value.
     */
    record SpreaderSource(String name, Supplier<KernelSpreader> factory) {
    }

    /** THE place to add a spreader: every parity case runs once per entry. */
    static final List<SpreaderSource> SPREADERS = List.of(
            new SpreaderSource("java", JavaKernelSpreader::new),
            new SpreaderSource("native", NativeKernelSpreader::create));

    private static final String FOOTPRINT_COLUMNS_NOTE = "time, indx, long, lati, foot";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FootprintParityReport REPORT = new FootprintParityReport();
    private static final Map<Path, ParticleTable> PARTICLES = new ConcurrentHashMap<>();
    private static final Map<Path, RFootprint> R_FOOTPRINTS = new ConcurrentHashMap<>();
    private static Path referenceDir;

    private static Path requireReference() {
        var found = ReferenceLocation.find();
        if (found.isEmpty()) {
            System.err.println(ReferenceLocation.absentMessage());
            Assumptions.abort("R-STILT reference data not found (tried " + ReferenceLocation.candidates() + ")");
        }
        referenceDir = found.get();
        return found.get();
    }

    private static JsonNode manifest(Path root) throws IOException {
        return JSON.readTree(root.resolve("manifest.json").toFile());
    }

    static JsonNode expectations() throws IOException {
        try (InputStream in = FootprintParityTest.class.getResourceAsStream("/footprint-parity.json")) {
            assertNotNull(in, "footprint-parity.json missing from the test resources");
            return JSON.readTree(in);
        }
    }

    @Test
    void everyManifestCaseHasAnExpectationAndViceVersa() throws IOException {
        Path root = requireReference();
        Set<String> manifestCases = new TreeSet<>();
        for (FootprintParityCase c : FootprintParityCase.all(root, manifest(root))) {
            manifestCases.add(c.name());
        }
        Set<String> expected = new TreeSet<>();
        expectations().get("cases").fieldNames().forEachRemaining(expected::add);
        assertEquals(manifestCases, expected, "cases in manifest.json vs footprint-parity.json");
    }

    @TestFactory
    Stream<DynamicNode> footprintParity() throws IOException {
        Path root = requireReference();
        List<FootprintParityCase> cases = FootprintParityCase.all(root, manifest(root));
        JsonNode expectations = expectations();
        List<DynamicNode> containers = new ArrayList<>();
        for (SpreaderSource source : SPREADERS) {
            KernelSpreader spreader;
            try {
                spreader = source.factory().get();
            } catch (RuntimeException | LinkageError e) {
                containers.add(dynamicContainer(source.name(), Stream.of(dynamicTest("create " + source.name() + " spreader",
                        () -> {
                            throw new AssertionError("cannot create the " + source.name() + " kernel spreader: " + e, e);
                        }))));
                continue;
            }
            List<DynamicNode> tests = new ArrayList<>();
            for (FootprintParityCase c : cases) {
                tests.add(dynamicTest(c.name(), () -> run(source.name(), spreader, c, expectation(expectations, c.name()))));
            }
            containers.add(dynamicContainer(source.name(), tests));
        }
        return containers.stream();
    }

    @AfterAll
    static void writeReport() {
        if (!REPORT.isEmpty()) {
            String base = System.getProperty("basedir");
            Path target = (base != null ? Path.of(base) : Path.of("")).resolve("target").resolve("footprint-parity-report.md");
            REPORT.write(target, referenceDir);
            System.out.println("footprint parity report: " + target.toAbsolutePath());
        }
    }

    // ------------------------------------------------------------------------------------------

    /**
     * A case's expectation with the defaults applied.
     *
     * <p>Thread-safety: immutable value.
     */
    record Expectation(String outcome, double rtol, int floatUlps, double coordinateAbsTol, JsonNode raw) {
    }

    private static Expectation expectation(JsonNode all, String name) {
        JsonNode d = all.get("defaults");
        JsonNode c = all.get("cases").get(name);
        assertNotNull(c, "no expectation for case " + name + " in footprint-parity.json");
        return new Expectation(c.get("outcome").asText(),
                c.path("rtol").asDouble(d.get("rtol").asDouble()),
                c.path("float_ulps").asInt(d.get("float_ulps").asInt()),
                c.path("coordinate_abs_tol").asDouble(d.get("coordinate_abs_tol").asDouble()), c);
    }

    private static ParticleTable particles(Path input) {
        return PARTICLES.computeIfAbsent(input, p -> ParticleCsvReader.read(p, ParticleTable.FOOTPRINT_COLUMNS));
    }

    private static RFootprint rFootprint(Path dir) {
        return R_FOOTPRINTS.computeIfAbsent(dir, d -> {
            try {
                return RFootprint.load(d);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static void run(String spreaderName, KernelSpreader spreader, FootprintParityCase c, Expectation e)
            throws IOException {
        try {
            FootprintResult result = new FootprintCalculator(spreader).calculate(particles(c.input()), c.request());
            FootprintParityReport.Row row;
            if (e.outcome().equals("match-r")) {
                row = matchR(c, e, result);
            } else if (e.outcome().equals("empty")) {
                assertEquals("NULL", c.rResult(), "R-STILT's result for " + c.name());
                EmptyFootprint empty = assertInstanceOf(EmptyFootprint.class, result, c.name());
                assertFalse(empty.reason().isBlank());
                row = new FootprintParityReport.Row(spreaderName, c.name(), 0, Double.NaN, -1,
                        "empty (R: NULL): " + empty.reason(), "PASS");
            } else if (e.outcome().startsWith("deviation-")) {
                row = deviation(spreader, c, e, result);
            } else {
                throw new AssertionError("unknown outcome '" + e.outcome() + "' for " + c.name());
            }
            REPORT.add(new FootprintParityReport.Row(spreaderName, row.caseName(), row.cells(), row.maxRelError(),
                    row.maxFloatUlps(), row.outcome(), "PASS"));
        } catch (AssertionError | RuntimeException ex) {
            REPORT.add(new FootprintParityReport.Row(spreaderName, c.name(), 0, Double.NaN, -1, e.outcome(),
                    "FAIL: " + String.valueOf(ex.getMessage()).replace('\n', ' ').replace('|', '/')));
            throw ex;
        }
    }

    private static FootprintParityReport.Row matchR(FootprintParityCase c, Expectation e, FootprintResult result) {
        assertEquals("file", c.rResult(), "R-STILT wrote no file for " + c.name());
        Footprint fp = assertInstanceOf(Footprint.class, result, c.name());
        assertEquals(List.of(), fp.deviations(), "no deviation from R-STILT may apply to a match-r case");
        RFootprint r = rFootprint(c.outputDir());
        int[] dims = {fp.x().length, fp.y().length, fp.timesEpochSeconds().length};
        assertArrayEquals(c.dims(), dims, "dims (lon, lat, time) vs manifest");
        assertArrayEquals(new int[] {r.x().length, r.y().length, r.time().length}, dims, "dims vs foot.nc");
        double coordDiff = Math.max(assertCoordinates("x", r.x(), fp.x(), e.coordinateAbsTol()),
                assertCoordinates("y", r.y(), fp.y(), e.coordinateAbsTol()));
        for (int i = 0; i < dims[2]; i++) {
            assertEquals(r.time()[i], (double) fp.timesEpochSeconds()[i], "time[" + i + "] (s since 1970)");
        }
        double[] ours = fp.values();
        double maxRel = 0;
        int worst = -1;
        for (int k = 0; k < r.cells().length; k++) {
            double rv = r.values()[k];
            double rel = Math.abs(ours[r.cells()[k]] - rv) / Math.abs(rv);
            if (!(rel <= maxRel)) {
                maxRel = rel;
                worst = r.cells()[k];
            }
        }
        int oursNonZero = 0;
        for (double v : ours) {
            if (v != 0) {
                oursNonZero++;
            }
        }
        int maxUlps = 0;
        int worstUlp = -1;
        for (int k = 0; k < ours.length; k++) {
            float f = (float) ours[k];
            float rf = r.foot()[k];
            int ulps = f >= 0 && rf >= 0 ? Math.abs(Float.floatToRawIntBits(f) - Float.floatToRawIntBits(rf)) : Integer.MAX_VALUE;
            if (ulps > maxUlps) {
                maxUlps = ulps;
                worstUlp = k;
            }
        }
        final double maxRelF = maxRel;
        final int worstF = worst;
        assertTrue(maxRel <= e.rtol(), () -> c.name() + ": max relative error " + maxRelF + " > rtol " + e.rtol()
                + " at C-order cell " + worstF);
        assertEquals(r.cells().length, oursNonZero, "number of non-zero cells (R " + r.cells().length + ")");
        final int worstUlpF = worstUlp;
        final int maxUlpsF = maxUlps;
        assertTrue(maxUlps <= e.floatUlps(), () -> c.name() + ": float32 differs from foot.nc by " + maxUlpsF
                + " ulps at C-order cell " + worstUlpF);
        String outcome = coordDiff == 0 ? "match-r" : String.format("match-r (coordinates within %.1e of foot.nc)", coordDiff);
        return new FootprintParityReport.Row("", c.name(), r.cells().length, maxRel, maxUlps, outcome, "PASS");
    }

    /** Checks the coordinates and returns the largest absolute difference. */
    private static double assertCoordinates(String axis, double[] expected, double[] actual, double tol) {
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
            if (tol == 0) {
                assertEquals(expected[i], actual[i], axis + "[" + i + "] must equal foot.nc exactly");
            } else {
                assertEquals(expected[i], actual[i], tol, axis + "[" + i + "]");
            }
        }
        return max;
    }

    private static FootprintParityReport.Row deviation(KernelSpreader spreader, FootprintParityCase c, Expectation e,
                                                    FootprintResult result) {
        JsonNode x = e.raw();
        Footprint fp = assertInstanceOf(Footprint.class, result, c.name());
        String prefix = x.get("deviation_prefix").asText();
        assertTrue(fp.deviations().stream().anyMatch(d -> d.startsWith(prefix)),
                () -> "deviation " + prefix + " not recorded: " + fp.deviations());
        List<String> checked = new ArrayList<>();
        double maxRel = 0;
        if (x.has("expected_total")) {
            double total = x.get("expected_total").asDouble();
            assertEquals(total, fp.total(), x.get("total_rtol").asDouble() * total, "footprint total");
            checked.add("total " + total);
            maxRel = Math.max(maxRel, Math.abs(fp.total() - total) / total);
        }
        if (x.has("r_total_rel_difference_at_least")) {
            RFootprint r = rFootprint(c.outputDir());
            double rTotal = 0;
            for (double v : r.values()) {
                rTotal += v;
            }
            double diff = Math.abs(rTotal - fp.total()) / fp.total();
            assertTrue(diff >= x.get("r_total_rel_difference_at_least").asDouble(),
                    "R-STILT's (wrong) total " + rTotal + " should differ from ours " + fp.total());
            checked.add(String.format("R's total %.6g differs by %.1f%%", rTotal, 100 * diff));
        }
        if (x.has("marginals")) {
            for (JsonNode m : x.get("marginals")) {
                String ref = m.get("reference_case").asText();
                double rel = marginal(fp, rFootprint(referenceDir.resolve("footprint").resolve(ref)), m.get("axis").asText(),
                        m.get("rtol").asDouble());
                maxRel = Math.max(maxRel, rel);
                checked.add(m.get("axis").asText() + " marginal = R " + ref);
            }
        }
        String check = x.path("check").asText("");
        switch (check) {
            case "" -> {
                // nothing more
            }
            case "point-kernel-binning" -> {
                assertFalse(fp.densified(), "the binning check assumes no densification");
                maxRel = Math.max(maxRel, pointKernelBinning(c, fp, x.get("rtol").asDouble()));
                checked.add("direct binning of foot/np");
            }
            case "time-shift" -> {
                maxRel = Math.max(maxRel, timeShift(spreader, c, fp, x.get("shift_minutes").asDouble(), x.get("rtol").asDouble()));
                checked.add("= same table " + x.get("shift_minutes").asInt() + " min later (R-STILT runs that)");
            }
            default -> throw new AssertionError("unknown check '" + check + "'");
        }
        int nonZero = 0;
        for (double v : fp.values()) {
            assertTrue(Double.isFinite(v) && v >= 0, "every value finite and >= 0");
            if (v != 0) {
                nonZero++;
            }
        }
        return new FootprintParityReport.Row("", c.name(), nonZero, maxRel, -1,
                e.outcome() + ": " + String.join("; ", checked), "PASS");
    }

    /** Compares our marginal sum along one axis with that of R's footprint of another (square) grid. */
    private static double marginal(Footprint fp, RFootprint ref, String axis, double rtol) {
        boolean alongX = axis.equals("x");
        double[] ourCoords = alongX ? fp.x() : fp.y();
        double[] refCoords = alongX ? ref.x() : ref.y();
        assertArrayEquals(refCoords, ourCoords, axis + " coordinates of the marginal reference");
        double[] ours = marginalOf(fp.values(), fp.x().length, fp.y().length, alongX);
        double[] theirs = marginalOf(ref.dense(), ref.x().length, ref.y().length, alongX);
        double maxRel = 0;
        for (int i = 0; i < ours.length; i++) {
            assertEquals(theirs[i] == 0, ours[i] == 0, axis + " marginal zero at " + i);
            if (theirs[i] != 0) {
                maxRel = Math.max(maxRel, Math.abs(ours[i] - theirs[i]) / theirs[i]);
            }
        }
        final double m = maxRel;
        assertTrue(maxRel <= rtol, () -> axis + " marginal differs by " + m + " > " + rtol);
        return maxRel;
    }

    private static double[] marginalOf(double[] values, int nx, int ny, boolean alongX) {
        double[] out = new double[alongX ? nx : ny];
        for (int k = 0; k < values.length; k++) {
            int ix = k % nx;
            int iy = (k / nx) % ny;
            out[alongX ? ix : iy] += values[k];
        }
        return out;
    }

    /**
     * Independent oracle for zero-width kernels: each row with foot &gt; 0 inside the domain adds
     * foot/np to the cell whose lower edges (xmn + k·xres, left-closed) contain it.
     */
    private static double pointKernelBinning(FootprintParityCase c, Footprint fp, double rtol) {
        FootprintDomain d = c.request().domain();
        assertTrue(d.isLongLat() && d.xmx() > d.xmn() && d.xmx() <= 180, "binning oracle handles plain lon/lat domains");
        ParticleTable t = particles(c.input());
        double[] lon = t.column("long");
        double[] lat = t.column("lati");
        double[] foot = t.column("foot");
        double[] indx = t.column("indx");
        long np = java.util.Arrays.stream(indx).distinct().count();
        int nx = fp.x().length;
        int ny = fp.y().length;
        double[] expected = new double[nx * ny];
        for (int i = 0; i < lon.length; i++) {
            if (!(foot[i] > 0)) {
                continue;
            }
            int ix = cell(lon[i], d.xmn(), d.xres(), nx);
            int iy = cell(lat[i], d.ymn(), d.yres(), ny);
            if (ix >= 0 && iy >= 0) {
                expected[iy * nx + ix] += foot[i];
            }
        }
        double maxRel = 0;
        for (int k = 0; k < expected.length; k++) {
            double ev = expected[k] / np;
            double ov = fp.values()[k];
            assertEquals(ev == 0, ov == 0, "non-zero cell sets differ at " + k);
            if (ev != 0) {
                maxRel = Math.max(maxRel, Math.abs(ov - ev) / ev);
            }
        }
        final double m = maxRel;
        assertTrue(maxRel <= rtol, () -> "binning oracle differs by " + m);
        return maxRel;
    }

    private static int cell(double v, double lo, double res, int n) {
        int k = (int) Math.floor((v - lo) / res);
        while (k >= 0 && k < n && lo + k * res > v) {
            k--;
        }
        while (k + 1 >= 0 && k + 1 < n && lo + (k + 1) * res <= v) {
            k++;
        }
        return k >= 0 && k < n ? k : -1;
    }

    /**
     * Metamorphic check: the same particles with every time shifted by {@code shift} minutes (so
     * that rows fall within |time| &lt; 100 and R-STILT's densification test can be evaluated and is
     * negative) give the same time-integrated footprint without any deviation.
     */
    private static double timeShift(KernelSpreader spreader, FootprintParityCase c, Footprint fp, double shift,
                                    double rtol) {
        assertTrue(c.request().timeIntegrate(), "the time-shift check needs a time-integrated case");
        ParticleTable t = particles(c.input());
        double[] time = t.column("time").clone();
        for (int i = 0; i < time.length; i++) {
            time[i] += shift;
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (String name : t.columnNames()) {
            cols.put(name, name.equals("time") ? time : t.column(name));
        }
        Footprint shifted = assertInstanceOf(Footprint.class,
                new FootprintCalculator(spreader).calculate(new ParticleTable(cols), c.request()));
        assertEquals(List.of(), shifted.deviations(), "the shifted table is one R-STILT can run (" + FOOTPRINT_COLUMNS_NOTE + ")");
        assertFalse(shifted.densified(), "the shifted table is not densified");
        double maxRel = 0;
        for (int k = 0; k < fp.values().length; k++) {
            double ev = shifted.values()[k];
            double ov = fp.values()[k];
            assertEquals(ev == 0, ov == 0, "non-zero cell sets differ at " + k);
            if (ev != 0) {
                maxRel = Math.max(maxRel, Math.abs(ov - ev) / ev);
            }
        }
        final double m = maxRel;
        assertTrue(maxRel <= rtol, () -> "time-shifted footprint differs by " + m);
        return maxRel;
    }
}
