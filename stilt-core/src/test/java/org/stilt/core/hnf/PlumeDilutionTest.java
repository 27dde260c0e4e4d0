package org.stilt.core.hnf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stilt.core.InvalidInputException;
import org.stilt.core.StiltException;
import org.stilt.core.particles.ParticleTable;

/** {@link PlumeDilution} against stilt-reference §2.9 and R's semantics. */
class PlumeDilutionTest {

    private static final double FOOT0 = 0.002;

    /** Rows (time, indx, tlgr); sigw 0.3, samt 1, dens 1.2, mlht 1000, foot FOOT0. */
    private static ParticleTable table(double[] time, double[] indx, double[] tlgr) {
        int n = time.length;
        Map<String, double[]> c = new LinkedHashMap<>();
        c.put("time", time);
        c.put("indx", indx);
        c.put("foot", filled(n, FOOT0));
        c.put("mlht", filled(n, 1000));
        c.put("dens", filled(n, 1.2));
        c.put("samt", filled(n, 1));
        c.put("sigw", filled(n, 0.3));
        c.put("tlgr", tlgr);
        return new ParticleTable(c);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static ParticleTable oneRow() {
        return table(new double[] {-1}, new double[] {1}, new double[] {10});
    }

    @Test
    void verifiedExampleOfTheReference() {
        assertEquals(10.386, PlumeDilution.sigma(-1, 1, 0.3, 10), 5e-4);
        ParticleTable out = PlumeDilution.apply(oneRow(), PlumeDilutionParameters.rStilt(5, 0.5));
        double plume = 5 + PlumeDilution.sigma(-1, 1, 0.3, 10);
        assertEquals(15.386, plume, 5e-4);
        assertEquals(0.09414, out.column("foot")[0], 1e-5); // the reference prints 4 significant digits
        assertEquals(0.02897 / (plume * 1.2) * 1 * 60, out.column("foot")[0], 0.0);
        assertEquals(FOOT0, out.column(PlumeDilution.FOOT_NO_HNF_DILUTION)[0]);
        assertEquals(List.of("time", "indx", "foot", "mlht", "dens", "samt", "sigw", "tlgr", "foot_no_hnf_dilution"),
                out.columnNames());
    }

    @Test
    void plumeAboveHalfTheMixedLayerKeepsTheFoot() {
        Map<String, double[]> c = new LinkedHashMap<>();
        ParticleTable base = oneRow();
        for (String name : base.columnNames()) {
            c.put(name, base.column(name));
        }
        c.put("xhgt", new double[] {500});
        ParticleTable out = PlumeDilution.apply(new ParticleTable(c), PlumeDilutionParameters.rStilt(5, 0.5));
        assertEquals(FOOT0, out.column("foot")[0]); // plume 510.4 > 0.5 * 1000
        c.put("xhgt", new double[] {480}); // 490.4 < 500: diluted, from xhgt and not from zagl
        out = PlumeDilution.apply(new ParticleTable(c), PlumeDilutionParameters.rStilt(5, 0.5));
        double plume = 480 + PlumeDilution.sigma(-1, 1, 0.3, 10);
        assertEquals(0.02897 / (plume * 1.2) * 60, out.column("foot")[0], 0.0);
    }

    @Test
    void runningSumPerParticleInDescendingTime() {
        // two particles, rows given out of order
        ParticleTable in = table(new double[] {-2, -1, -2, -1}, new double[] {1, 1, 2, 2}, new double[] {10, 10, 20, 20});
        ParticleTable out = PlumeDilution.apply(in, PlumeDilutionParameters.rStilt(5, 0.5));
        assertArrayEquals(new double[] {-1, -1, -2, -2}, out.column("time"));
        assertArrayEquals(new double[] {1, 2, 1, 2}, out.column("indx"));
        double p1 = 5 + PlumeDilution.sigma(-1, 1, 0.3, 10) + PlumeDilution.sigma(-2, 1, 0.3, 10);
        assertEquals(0.02897 / (p1 * 1.2) * 60, out.column("foot")[2], 1e-15);
        double p2 = 5 + PlumeDilution.sigma(-1, 1, 0.3, 20) + PlumeDilution.sigma(-2, 1, 0.3, 20);
        assertEquals(0.02897 / (p2 * 1.2) * 60, out.column("foot")[3], 1e-15);
    }

    @Test
    void nanSigmaMakesThisAndEveryLaterRowOfTheParticleNaInR() {
        // particle 1: tlgr = 0 at t = -2 gives sqrt(-1); particle 2 is fine
        ParticleTable in = table(new double[] {-1, -1, -2, -2, -3, -3}, new double[] {1, 2, 1, 2, 1, 2},
                new double[] {10, 10, 0, 10, 10, 10});
        assertTrue(Double.isNaN(PlumeDilution.sigma(-2, 1, 0.3, 0)));
        ParticleTable out = PlumeDilution.apply(in, PlumeDilutionParameters.rStilt(5, 0.5));
        double[] foot = out.column("foot");
        assertFalse(Double.isNaN(foot[0]));
        assertTrue(foot[0] > FOOT0);
        assertTrue(Double.isNaN(foot[2]), "t=-2 particle 1");
        assertTrue(Double.isNaN(foot[4]), "t=-3 particle 1 (cumsum stays NaN)");
        assertFalse(Double.isNaN(foot[3]));
        assertFalse(Double.isNaN(foot[5]));
        assertEquals(FOOT0, out.column(PlumeDilution.FOOT_NO_HNF_DILUTION)[4]);
    }

    @Test
    void pystiltModeKeepsTheOriginalFootWhereTheComparisonIsNaN() {
        ParticleTable in = table(new double[] {-1, -2, -3}, new double[] {1, 1, 1}, new double[] {10, 0, 10});
        PlumeDilutionParameters py = PlumeDilutionParameters.rStilt(5, 0.5).withNanPolicy(NanPolicy.PYSTILT);
        double[] foot = PlumeDilution.apply(in, py).column("foot");
        assertTrue(foot[0] > FOOT0);
        assertEquals(FOOT0, foot[1]);
        assertEquals(FOOT0, foot[2]);
        double[] r = PlumeDilution.apply(in, PlumeDilutionParameters.rStilt(5, 0.5)).column("foot");
        assertEquals(foot[0], r[0]);
        assertTrue(Double.isNaN(r[1]) && Double.isNaN(r[2]));
    }

    @Test
    void forwardRunsAccumulateFromTheFarEnd() {
        ParticleTable in = table(new double[] {1, 2, 3}, new double[] {1, 1, 1}, new double[] {10, 10, 10});
        ParticleTable out = PlumeDilution.apply(in, PlumeDilutionParameters.rStilt(5, 0.5));
        assertArrayEquals(new double[] {3, 2, 1}, out.column("time"));
        double s3 = PlumeDilution.sigma(3, 1, 0.3, 10);
        double s2 = PlumeDilution.sigma(2, 1, 0.3, 10);
        double s1 = PlumeDilution.sigma(1, 1, 0.3, 10);
        // the plume starts at the last time (far end), not at the release
        assertEquals(0.02897 / ((5 + s3) * 1.2) * 60, out.column("foot")[0], 0.0);
        assertEquals(0.02897 / ((5 + (s3 + s2 + s1)) * 1.2) * 60, out.column("foot")[2], 1e-15);
    }

    @Test
    void sortIsStableForTiesAndPutsNaNTimesLast() {
        ParticleTable in = table(new double[] {-1, Double.NaN, -1, -1, -2}, new double[] {3, 9, 1, 2, 1},
                new double[] {10, 10, 10, 10, 10});
        ParticleTable out = PlumeDilution.apply(in, PlumeDilutionParameters.rStilt(5, 0.5));
        assertArrayEquals(new double[] {3, 1, 2, 1, 9}, out.column("indx"));
        assertTrue(Double.isNaN(out.column("time")[4]));
        // same particle twice at the same time: summed in input order
        ParticleTable dup = table(new double[] {-1, -1}, new double[] {1, 1}, new double[] {10, 40});
        double[] foot = PlumeDilution.apply(dup, PlumeDilutionParameters.rStilt(5, 0.5)).column("foot");
        double s10 = PlumeDilution.sigma(-1, 1, 0.3, 10);
        double s40 = PlumeDilution.sigma(-1, 1, 0.3, 40);
        assertEquals(0.02897 / ((5 + s10) * 1.2) * 60, foot[0], 0.0);
        assertEquals(0.02897 / ((5 + (s10 + s40)) * 1.2) * 60, foot[1], 0.0);
    }

    @Test
    void missingColumnsAreNamedWithWhatIsRequired() {
        Map<String, double[]> c = new LinkedHashMap<>();
        c.put("time", new double[] {-1});
        c.put("indx", new double[] {1});
        c.put("foot", new double[] {1});
        c.put("samt", new double[] {1});
        c.put("tlgr", new double[] {1});
        c.put("dens", new double[] {1});
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PlumeDilution.apply(new ParticleTable(c), PlumeDilutionParameters.rStilt(5, 0.5)));
        assertEquals(StiltException.Kind.INVALID_INPUT, e.kind());
        assertTrue(e.getMessage().contains("missing: sigw, mlht"), e.getMessage());
        assertTrue(e.getMessage().contains("time, indx, foot, samt, sigw, tlgr, dens, mlht"), e.getMessage());
    }

    @Test
    void withoutXhgtTheReceptorHeightMustBeKnown() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PlumeDilution.apply(oneRow(), PlumeDilutionParameters.rStilt(Double.NaN, 0.5)));
        assertTrue(e.getMessage().contains("xhgt"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> PlumeDilutionParameters.rStilt(5, 0));
        assertThrows(InvalidInputException.class, () -> PlumeDilutionParameters.rStilt(Double.POSITIVE_INFINITY, 0.5));
    }

    @Test
    void veghtAboveOneIsAFactorInRAndMetresInHysplitMode() {
        // veght = 100: R compares with 100 * mlht = 100 km (always diluted here);
        // hycs_std's meaning, 100 m, leaves a plume of 110 m undiluted
        Map<String, double[]> c = new LinkedHashMap<>();
        ParticleTable base = oneRow();
        for (String name : base.columnNames()) {
            c.put(name, base.column(name));
        }
        c.put("xhgt", new double[] {100});
        ParticleTable in = new ParticleTable(c);
        double rFoot = PlumeDilution.apply(in, PlumeDilutionParameters.rStilt(5, 100)).column("foot")[0];
        assertEquals(0.02897 / ((100 + PlumeDilution.sigma(-1, 1, 0.3, 10)) * 1.2) * 60, rFoot, 0.0);
        double hFoot = PlumeDilution.apply(in, PlumeDilutionParameters.rStilt(5, 100).withVeghtRule(VeghtRule.HYSPLIT))
                .column("foot")[0];
        assertEquals(FOOT0, hFoot);
        // veght <= 1: both rules agree
        assertEquals(PlumeDilution.apply(in, PlumeDilutionParameters.rStilt(5, 0.5)).column("foot")[0],
                PlumeDilution.apply(in, PlumeDilutionParameters.rStilt(5, 0.5).withVeghtRule(VeghtRule.HYSPLIT))
                        .column("foot")[0]);
    }

    @Test
    void existingFootNoHnfDilutionIsOverwrittenInPlaceAndInputIsUntouched() {
        ParticleTable first = PlumeDilution.apply(oneRow(), PlumeDilutionParameters.rStilt(5, 0.5));
        ParticleTable second = PlumeDilution.apply(first, PlumeDilutionParameters.rStilt(5, 0.5));
        assertEquals(first.columnNames(), second.columnNames());
        assertEquals(first.column("foot")[0], second.column(PlumeDilution.FOOT_NO_HNF_DILUTION)[0]);
        assertEquals(FOOT0, first.column(PlumeDilution.FOOT_NO_HNF_DILUTION)[0]);
    }

    @Test
    void emptyTableGetsTheColumn() {
        ParticleTable out = PlumeDilution.apply(table(new double[0], new double[0], new double[0]),
                PlumeDilutionParameters.rStilt(5, 0.5));
        assertEquals(0, out.rowCount());
        assertTrue(out.hasColumn(PlumeDilution.FOOT_NO_HNF_DILUTION));
    }
}
