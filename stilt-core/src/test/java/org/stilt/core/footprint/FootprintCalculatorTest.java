package org.stilt.core.footprint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.proj.Projection;
import org.stilt.core.InvalidInputException;
import org.stilt.core.particles.ParticleTable;

/**
 * Synthetic cases with hand-computed results for each step of the footprint calculation.
 *
 * <p>Thread-safety: a JUnit test class; not shared.
 */
class FootprintCalculatorTest {

    private static final Instant RUN = Instant.parse("2015-12-10T00:00:00Z");
    private static final long RUN_S = RUN.getEpochSecond();

    private final FootprintCalculator calc = new FootprintCalculator(new JavaKernelSpreader());

    /** Rows of {time, indx, long, lati, foot}. */
    static ParticleTable table(List<double[]> rows) {
        String[] names = {"time", "indx", "long", "lati", "foot"};
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (int c = 0; c < 5; c++) {
            double[] v = new double[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                v[r] = rows.get(r)[c];
            }
            cols.put(names[c], v);
        }
        return new ParticleTable(cols);
    }

    static double[] row(double time, double indx, double lon, double lat, double foot) {
        return new double[] {time, indx, lon, lat, foot};
    }

    private static FootprintRequest request(FootprintDomain d, double smooth, boolean integrate) {
        return new FootprintRequest(d, RUN, smooth, integrate);
    }

    private Footprint footprint(List<double[]> rows, FootprintRequest req) {
        return assertInstanceOf(Footprint.class, calc.calculate(table(rows), req));
    }

    // ---------------------------------------------------------------- validation

    @Test
    void missingColumnsAreNamed() {
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("time", new double[] {-1});
        cols.put("indx", new double[] {1});
        cols.put("long", new double[] {0});
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> calc.calculate(new ParticleTable(cols), request(FootprintDomain.longlat(0, 1, 0, 1, 0.1), 1, true)));
        assertTrue(e.getMessage().contains("lati, foot"), e.getMessage());
        assertTrue(e.getMessage().contains("time, indx, long"), e.getMessage());
    }

    @Test
    void emptyTableIsRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> calc.calculate(table(List.of()), request(FootprintDomain.longlat(0, 1, 0, 1, 0.1), 1, true)));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void nonFiniteValuesNameColumnRowAndValue() {
        FootprintRequest req = request(FootprintDomain.longlat(0, 1, 0, 1, 0.1), 1, true);
        List<double[]> ok = List.of(row(-1, 1, 0.5, 0.5, 1), row(-2, 1, 0.5, 0.5, 1), row(-3, 1, 0.5, 0.5, 1));
        String[] names = {"time", "indx", "long", "lati"};
        double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        for (int c = 0; c < 4; c++) {
            List<double[]> rows = new ArrayList<>();
            for (double[] r : ok) {
                rows.add(r.clone());
            }
            rows.get(2)[c] = bad[c];
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> calc.calculate(table(rows), req));
            assertTrue(e.getMessage().contains("'" + names[c] + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("row 3"), e.getMessage());
            assertTrue(e.getMessage().contains(String.valueOf(bad[c])), e.getMessage());
        }
        List<double[]> infFoot = new ArrayList<>(ok);
        infFoot.set(1, row(-2, 1, 0.5, 0.5, Double.POSITIVE_INFINITY));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> calc.calculate(table(infFoot), req));
        assertTrue(e.getMessage().contains("'foot'") && e.getMessage().contains("row 2"), e.getMessage());
    }

    @Test
    void nanFootIsAllowedAndDropped() {
        List<double[]> rows = List.of(row(-1, 1, 0.05, 0.05, Double.NaN), row(-2, 1, 0.15, 0.05, 1),
                row(-1, 2, 0.05, 0.05, 1), row(-2, 2, 0.15, 0.05, Double.NaN));
        Footprint fp = footprint(rows, request(FootprintDomain.longlat(0, 1, 0, 1, 0.1), 0, true));
        assertEquals(0.5, fp.value(0, 0, 0));
        assertEquals(0.5, fp.value(0, 0, 1));
        assertEquals(1.0, fp.total(), 1e-15);
    }

    // ---------------------------------------------------------------- np, cells, grid

    @Test
    void dividesByAllDistinctParticlesAndCellsAreLeftClosed() {
        List<double[]> rows = List.of(
                row(-1, 1, 0.05, 0.05, 2), row(-2, 1, 0.1, 0.05, 1), // 0.1 is exactly the edge of cell 1
                row(-1, 7, 5, 5, 3), row(-2, 7, 5, 5, 0), // never in the domain
                row(-1, 9, 0.55, 0.55, 0), row(-2, 9, 0.55, 0.55, 0)); // zero foot
        Footprint fp = footprint(rows, request(FootprintDomain.longlat(0, 1, 0, 1, 0.1), 0, true));
        assertEquals(3, fp.particleCount());
        assertEquals(10, fp.x().length);
        assertEquals(10, fp.y().length);
        assertEquals(2.0 / 3, fp.value(0, 0, 0));
        assertEquals(1.0 / 3, fp.value(0, 0, 1));
        assertEquals(1.0, fp.total(), 1e-15);
        assertEquals(0 + 0.1 / 2, fp.x()[0]);
        assertEquals((0 + 9 * 0.1) + 0.1 / 2, fp.x()[9]);
        assertArrayEquals(new long[] {RUN_S}, fp.timesEpochSeconds());
        assertEquals(List.of(), fp.deviations());
    }

    @Test
    void partialLastCellIsDropped() {
        List<double[]> rows = List.of(row(-1, 1, -113.9, 0.05, 1), row(-1, 2, -113.9, 0.05, 1));
        Footprint fp = footprint(rows, request(new FootprintDomain(-114, -113, 0, 0.3, 0.3, 0.3, "+proj=longlat"), 0, true));
        assertEquals(3, fp.x().length);
        assertEquals(-113.25, fp.x()[2], 1e-12);
        assertEquals(1, fp.y().length);
    }

    // ---------------------------------------------------------------- layers

    @Test
    void backwardHourlyLayersAreReceptorRelativeAndAscending() {
        // t = -1 and -60 → layer -1 (cell 0); -61 and -120 → -2 (cell 1); -121 → -3 (cell 2).
        double[] times = {-1, -60, -61, -120, -121};
        int[] cellOf = {0, 0, 1, 1, 2};
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            rows.add(row(times[i], 1, 0.05 + cellOf[i], 0.5, 1));
            rows.add(row(times[i], 2, 0.05 + cellOf[i], 0.5, 1));
        }
        Footprint fp = footprint(rows, request(FootprintDomain.longlat(0, 3, 0, 1, 1), 0, false));
        assertFalse(fp.densified());
        assertArrayEquals(new long[] {RUN_S - 3 * 3600, RUN_S - 2 * 3600, RUN_S - 3600}, fp.timesEpochSeconds());
        assertEquals(2, fp.value(2, 0, 0)); // -1, -60   → layer -1 (index 2)
        assertEquals(2, fp.value(1, 0, 1)); // -61, -120 → layer -2
        assertEquals(1, fp.value(0, 0, 2)); // -121      → layer -3
        assertEquals(5, fp.total(), 1e-15);
    }

    @Test
    void forwardHourlyLayers() {
        // t = 1, 59 → layer 0 (cell 0); 60, 119 → layer 1 (cell 1).
        double[] times = {1, 59, 60, 119};
        int[] cellOf = {0, 0, 1, 1};
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            rows.add(row(times[i], 1, 0.5 + cellOf[i], 0.5, 1));
            rows.add(row(times[i], 2, 0.5 + cellOf[i], 0.5, 1));
        }
        Footprint fp = footprint(rows, request(FootprintDomain.longlat(0, 3, 0, 1, 1), 0, false));
        assertFalse(fp.densified());
        assertArrayEquals(new long[] {RUN_S, RUN_S + 3600}, fp.timesEpochSeconds());
        assertEquals(2, fp.value(0, 0, 0));
        assertEquals(2, fp.value(1, 0, 1));
        assertEquals(4, fp.total(), 1e-15);
    }

    @Test
    void hoursWithoutParticlesInTheDomainAreOmitted() {
        List<double[]> rows = new ArrayList<>();
        for (int p = 1; p <= 2; p++) {
            rows.add(row(-30, p, 0.55, 0.55, 1));
            rows.add(row(-90, p, 0.55, 0.55, 0)); // dropped by foot > 0: hour -2 has nothing
            rows.add(row(-150, p, 0.45, 0.55, 1));
        }
        Footprint fp = footprint(rows, request(FootprintDomain.longlat(0, 1, 0, 1, 0.1), 0, false));
        assertArrayEquals(new long[] {RUN_S - 3 * 3600, RUN_S - 3600}, fp.timesEpochSeconds());
        Footprint integrated = footprint(rows, request(FootprintDomain.longlat(0, 1, 0, 1, 0.1), 0, true));
        assertArrayEquals(new long[] {RUN_S}, integrated.timesEpochSeconds());
        assertEquals(2, integrated.total(), 1e-15);
    }

    // ---------------------------------------------------------------- antimeridian

    @Test
    void wrappedDomainKeepsLongitudesAbove180() {
        for (double xmx : new double[] {-179.5, 180.5}) {
            List<double[]> rows = List.of(row(-1, 1, -179.95, 0.05, 1), row(-1, 2, 179.55, 0.05, 1),
                    row(-2, 1, -179.95, 0.05, 1), row(-2, 2, 179.55, 0.05, 1));
            Footprint fp = footprint(rows, request(new FootprintDomain(179.5, xmx, 0, 1, 0.1, 0.1, "+proj=longlat"), 0, true));
            assertEquals(10, fp.x().length);
            assertEquals(179.5 + 0.1 / 2, fp.x()[0]);
            assertEquals((179.5 + 9 * 0.1) + 0.1 / 2, fp.x()[9]);
            assertTrue(fp.x()[9] > 180);
            assertEquals(1.0, fp.value(0, 0, 5)); // -179.95 → 180.05, cell 5 (edge 180.0)
            assertEquals(1.0, fp.value(0, 0, 0));
        }
    }

    @Test
    void globalDomainIsNotWrapped() {
        List<double[]> rows = List.of(row(-1, 1, 179, 0, 1), row(-1, 2, -179, 0, 1));
        Footprint fp = footprint(rows, request(FootprintDomain.longlat(-180, 180, -90, 90, 10), 0, true));
        assertEquals(36, fp.x().length);
        assertEquals(-175, fp.x()[0]);
        assertEquals(0.5, fp.value(0, 9, 35));
        assertEquals(0.5, fp.value(0, 9, 0));
    }

    @Test
    void domainThatWrapsToNothingIsRejected() {
        List<double[]> rows = List.of(row(-1, 1, 0, 0, 1), row(-1, 2, 0, 0, 1));
        assertThrows(InvalidInputException.class,
                () -> calc.calculate(table(rows), request(FootprintDomain.longlat(-10, 200, 0, 1, 0.1), 0, true)));
    }

    // ---------------------------------------------------------------- densification

    @Test
    void densificationTargetTimes() {
        double[] t = EarlyTimeDensifier.targetTimes(-1);
        assertEquals(311, t.length);
        TreeSet<Double> set = new TreeSet<>();
        for (double v : t) {
            set.add(v);
        }
        for (int k = 1; k <= 100; k++) {
            assertTrue(set.contains((double) -k), "integer " + -k);
        }
        assertTrue(set.contains(-0.30000000000000004));
        assertTrue(set.contains(-(10.2 + 3 * 0.2)));
        assertTrue(set.contains(-20.5));
        assertEquals(-100, t[0]);
        assertEquals(-0.0, t[310]); // 0 * time_sign
        for (int i = 1; i < t.length; i++) {
            assertTrue(t[i] > t[i - 1]);
        }
        double[] fwd = EarlyTimeDensifier.targetTimes(1);
        assertEquals(0.1, fwd[1]);
        assertEquals(100, fwd[310]);
    }

    @Test
    void joinInterpolatesBracketedValuesWithoutExtrapolating() {
        // One particle, times -1..-3, foot 3, NaN, 1 (NaN foot inside the track is interpolated).
        ParticleRows in = new ParticleRows(new double[] {-3, -2, -1}, new double[] {0.3, 0.2, 0.1},
                new double[] {5, 5, 5}, new double[] {3, Double.NaN, 1}, new int[] {0, 3}, 3);
        RowBuffer out = new RowBuffer();
        EarlyTimeDensifier.joinAndInterpolate(in, 0, EarlyTimeDensifier.targetTimes(-1), out);
        assertEquals(311, out.n); // -1, -2 and -3 are all target times: joined, not inserted
        List<Double> kept = new ArrayList<>();
        for (int r = 0; r < out.n; r++) {
            if (!Double.isNaN(out.foot[r])) {
                kept.add(out.time[r]);
                double t = out.time[r];
                assertEquals(3 + (t + 3) * -1, out.foot[r], 1e-12, "foot at " + t); // linear 3..1
                assertEquals(-0.1 * t, out.lon[r], 1e-12, "lon at " + t);
                assertEquals(5, out.lat[r]);
            } else {
                assertTrue(Double.isNaN(out.lon[r])); // beyond -3 or after -1: no extrapolation
            }
        }
        assertEquals(21, kept.size()); // -3.0 .. -1.0 by 0.1
        assertEquals(-3.0, kept.get(0));
        assertEquals(-1.0, kept.get(20));
    }

    @Test
    void densifiedTrackKeepsItsWindowTotalWhenAFootIsMissing() {
        // The same track through the calculator: the NaN foot is interpolated, the window total kept.
        List<double[]> rows = new ArrayList<>();
        for (int p = 1; p <= 2; p++) {
            rows.add(row(-3, p, 0.3 + 0.001 * p, 0.505, 3));
            rows.add(row(-2, p, 0.2 + 0.001 * p, 0.505, Double.NaN));
            rows.add(row(-1, p, 0.1 + 0.001 * p, 0.505, 1));
        }
        Footprint fp = footprint(rows, request(FootprintDomain.longlat(0, 1, 0, 1, 0.01), 0, true));
        assertTrue(fp.densified());
        assertEquals((4 + 4) / 2.0, fp.total(), 1e-12);
    }

    @Test
    void fastEarlyMotionIsDensifiedAndFillsTheCellsInBetween() {
        // 0.05 deg/min eastward at 0.01 deg cells: without densification only every 5th cell is hit.
        List<double[]> rows = new ArrayList<>();
        double total = 0;
        for (int p = 1; p <= 3; p++) {
            for (int t = 1; t <= 30; t++) {
                double foot = 0.01 * t;
                rows.add(row(-t, p, 0.003 + 0.05 * t, 0.505, foot));
                total += foot;
            }
        }
        FootprintDomain d = FootprintDomain.longlat(0, 2, 0, 1, 0.01);
        Footprint fp = footprint(rows, request(d, 0, true));
        assertTrue(fp.densified());
        assertEquals(total / 3, fp.total(), 1e-12); // each window keeps its total
        int iy = 50;
        for (int ix = 5; ix <= 50; ix++) { // lon 0.05 .. 0.503: t = -1 .. -10, 0.1-minute steps
            assertTrue(fp.value(0, iy, ix) > 0, "cell " + ix);
        }
        assertEquals(List.of(), fp.deviations());
    }

    @Test
    void noEarlyRowsSkipsDensificationWithADeviation() {
        List<double[]> rows = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            for (int t = 101; t <= 110; t++) {
                rows.add(row(-t, p, 0.5 + 0.2 * (t - 100), 0.5, 1));
            }
        }
        Footprint fp = footprint(rows, request(FootprintDomain.longlat(0, 3, 0, 1, 0.01), 0, true));
        assertFalse(fp.densified());
        assertEquals(List.of(FootprintCalculator.DEVIATION_NO_EARLY), fp.deviations());
        assertEquals(10, fp.total(), 1e-12);
    }

    @Test
    void particleThatCannotBeInterpolatedIsLeftUndensified() {
        List<double[]> rows = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            for (int t = 1; t <= 20; t++) {
                rows.add(row(-t, p, 0.05 * t, 0.5, 1));
            }
        }
        rows.add(row(-1, 4, 0.555, 0.555, 2)); // a particle with one row: nothing to interpolate between
        Footprint fp = footprint(rows, request(FootprintDomain.longlat(0, 2, 0, 1, 0.01), 0, true));
        assertTrue(fp.densified());
        assertEquals(1, fp.deviations().size());
        assertTrue(fp.deviations().get(0).startsWith("(c) 1 particle(s)"), fp.deviations().toString());
        assertTrue(fp.value(0, 55, 55) > 0); // its own row is kept (rescaled with its |t| <= 10 window)
        assertEquals((3 * 20 + 2) / 4.0, fp.total(), 1e-12); // window totals preserved
    }

    // ---------------------------------------------------------------- kernels

    @Test
    void bandwidthFormulaAndSingleRowStepsDropped() {
        // rtime 0: two rows; rtime -1440: two rows; rtime -2880: one row.
        double d = 0.3;
        ParticleTable table = table(List.of(row(-1441, 1, 10 - d, 40, 1), row(-1, 1, 10, 40, 1),
                row(-2881, 1, 10, 40, 1), row(-1441, 2, 10 + d, 40, 1), row(-1, 2, 10.1, 40.2, 1)));
        FootprintCalculator.ParticleIds ids = FootprintCalculator.ParticleIds.of(table.column("indx"));
        double[] time = table.column("time");
        double[] minAbs = {1, 1};
        FootprintCalculator.RtimeStats lonlat = stats(table, ids, minAbs, -1);
        int[] asc = lonlat.idsAscending();
        assertArrayEquals(new double[] {-2880, -1440, 0}, Arrays.stream(asc).mapToDouble(lonlat::key).toArray());
        double[] w = lonlat.bandwidths(2, true);
        assertTrue(Double.isNaN(w[asc[0]]));
        double varsum = (d * d + d * d) / 1; // sample variance of {10-d, 10+d}; lat variance 0
        double expected = 2 * 0.06 * Math.pow(varsum, 0.25) * Math.pow(1440.0 / 1440, 0.5) / Math.cos(40 * Math.PI / 180);
        assertEquals(expected, w[asc[1]], 1e-14 * expected); // positions 10 ± d carry rounding
        assertEquals(0, w[asc[2]]); // rtime 0: sqrt(0) = 0
        double[] projected = lonlat.bandwidths(2, false);
        assertEquals(expected * Math.cos(40 * Math.PI / 180), projected[asc[1]], 1e-14 * expected);
        assertEquals(5, time.length);
    }

    private static FootprintCalculator.RtimeStats stats(ParticleTable table, FootprintCalculator.ParticleIds ids,
                                                        double[] minAbs, double timeSign) {
        FootprintCalculator.Rows rows = new FootprintCalculator.Rows(FootprintCalculator.Input.of(table), ids, false);
        return FootprintCalculator.RtimeStats.of(rows, minAbs, timeSign);
    }

    @Test
    void singleParticleUsesPointKernelsWithDeviationB() {
        List<double[]> rows = new ArrayList<>();
        for (int t = 1; t <= 10; t++) {
            rows.add(row(-t, 1, 0.5 + (t - 1), 5.5, t)); // one cell per minute: not densified
        }
        Footprint fp = footprint(rows, request(FootprintDomain.longlat(0, 10, 0, 10, 1), 1, true));
        assertFalse(fp.densified());
        assertEquals(List.of(FootprintCalculator.DEVIATION_NO_KERNEL), fp.deviations());
        for (int t = 1; t <= 10; t++) {
            assertEquals(t, fp.value(0, 5, t - 1), 1e-15);
        }
        assertEquals(55, fp.total(), 1e-12);
    }

    @Test
    void singleKernelRowIsUsedForEveryStep() {
        List<double[]> rows = new ArrayList<>();
        for (int t = 1; t <= 5; t++) {
            rows.add(row(-t, 1, 0.55, 0.55, 1));
        }
        rows.add(row(-1, 2, 0.45, 0.55, 1));
        Footprint fp = footprint(rows, request(FootprintDomain.longlat(0, 1, 0, 1, 0.1), 1, true));
        assertEquals(List.of(FootprintCalculator.DEVIATION_ONE_KERNEL), fp.deviations());
        assertEquals(6.0 / 2, fp.total(), 1e-12);
    }

    @Test
    void anisotropicKernelIsAppliedAlongTheRightAxes() {
        // Two particles at rtime -1440 at lat 0, 2*h apart in lon: sigma = 0.06*(var lon)^(1/4),
        // var lon = (2h)^2/2. h chosen so that sigma = 0.008: 3σ/xres = 1.2 → 3 cells along lon,
        // 3σ/yres = 2.4 → 5 cells along lat. (R-STILT would put 5 along lon and 3 along lat.)
        double sigma = 0.008;
        double varLon = Math.pow(sigma / 0.06, 4);
        double h = Math.sqrt(varLon * 2) / 2;
        List<double[]> rows = new ArrayList<>();
        for (int p = 1; p <= 2; p++) {
            double lon = p == 1 ? 1.01 - h : 1.01 + h;
            rows.add(row(-1, p, 1.01, 0.005, 0));
            rows.add(row(-2, p, 1.01, 0.005, 0));
            rows.add(row(-1441, p, lon, 0.005, 1));
        }
        FootprintDomain d = new FootprintDomain(0, 2, -1, 1, 0.02, 0.01, "+proj=longlat");
        Footprint fp = footprint(rows, request(d, 1, true));
        assertEquals(List.of(FootprintCalculator.DEVIATION_ANISOTROPIC), fp.deviations());
        TreeSet<Integer> xs = new TreeSet<>();
        TreeSet<Integer> ys = new TreeSet<>();
        for (int iy = 0; iy < fp.y().length; iy++) {
            for (int ix = 0; ix < fp.x().length; ix++) {
                if (fp.value(0, iy, ix) != 0) {
                    xs.add(ix);
                    ys.add(iy);
                }
            }
        }
        int cx1 = (int) Math.floor((1.01 - h) / 0.02);
        int cx2 = (int) Math.floor((1.01 + h) / 0.02);
        assertEquals(cx1 - 1, xs.first());
        assertEquals(cx2 + 1, xs.last());
        assertEquals(List.of(98, 99, 100, 101, 102), new ArrayList<>(ys));
        assertEquals(1.0, fp.total(), 1e-12); // mass conserved: 2 rows of foot 1 over np = 2
        // smooth_factor 0 on the same grid: every kernel 1x1, R-STILT is right, no deviation.
        assertEquals(List.of(), footprint(rows, request(d, 0, true)).deviations());
    }

    // ---------------------------------------------------------------- empty results

    @Test
    void zeroFootAndOutsideGiveEmptyFootprintsWithReasons() {
        List<double[]> zero = List.of(row(-1, 1, 0.5, 0.5, 0), row(-1, 2, 0.5, 0.5, 0));
        EmptyFootprint e1 = assertInstanceOf(EmptyFootprint.class,
                calc.calculate(table(zero), request(FootprintDomain.longlat(0, 1, 0, 1, 0.1), 1, true)));
        assertTrue(e1.reason().contains("0 with foot > 0"), e1.reason());
        List<double[]> outside = List.of(row(-1, 1, 5, 5, 1), row(-1, 2, 5, 5, 1));
        EmptyFootprint e2 = assertInstanceOf(EmptyFootprint.class,
                calc.calculate(table(outside), request(FootprintDomain.longlat(0, 1, 0, 1, 0.1), 1, true)));
        assertTrue(e2.reason().contains("2 with foot > 0, 0 of those inside"), e2.reason());
    }

    // ---------------------------------------------------------------- projections

    @Test
    void projectedGridUsesOnlyTheSouthWestAndNorthEastCorners() {
        String utm = "+proj=utm +zone=12 +datum=WGS84 +units=m +no_defs";
        Projection p = new CRSFactory().createFromParameters("t", utm).getProjection();
        ProjCoordinate sw = p.project(new ProjCoordinate(-113, 39.5), new ProjCoordinate());
        ProjCoordinate ne = p.project(new ProjCoordinate(-111, 41.5), new ProjCoordinate());
        ProjCoordinate se = p.project(new ProjCoordinate(-111, 39.5), new ProjCoordinate());
        assertTrue(se.y < sw.y); // an ignored corner reaches further south: the box is not the 4-corner box
        ProjCoordinate site = p.project(new ProjCoordinate(-112, 40.5), new ProjCoordinate());
        List<double[]> rows = List.of(row(-1, 1, -112, 40.5, 1), row(-1, 2, -112, 40.5, 1));
        Footprint fp = footprint(rows, request(new FootprintDomain(-113, -111, 39.5, 41.5, 2000, 2000, utm), 0, true));
        assertTrue(fp.projected());
        assertEquals(sw.x + 2000 / 2.0, fp.x()[0]);
        assertEquals(sw.y + 2000 / 2.0, fp.y()[0]);
        int ix = (int) Math.floor((site.x - sw.x) / 2000);
        int iy = (int) Math.floor((site.y - sw.y) / 2000);
        assertEquals(1.0, fp.value(0, iy, ix));
    }

    @Test
    void lonlatSpellingTakesTheProjectedPathLikeRStilt() {
        List<double[]> rows = List.of(row(-1, 1, 0.05, 0.05, 1), row(-1, 2, 0.05, 0.05, 1));
        Footprint fp = footprint(rows, request(new FootprintDomain(179.5, -179.5, 0, 1, 0.1, 0.1, "+proj=lonlat"), 0, true));
        assertTrue(fp.projected());
        // not wrapped: the box of the two corners, -179.5 .. 179.5
        assertEquals(-179.5 + 0.1 / 2, fp.x()[0], 1e-12);
        assertEquals(3590, fp.x().length);
    }
}
