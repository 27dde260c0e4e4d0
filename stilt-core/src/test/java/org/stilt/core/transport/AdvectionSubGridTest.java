package org.stilt.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link AdvectionSubGrid}: where hycs_std's position sub-grid is placed and when it moves (the
 * rule inferred from the deterministic references, docs/transport.md "Positions and their
 * precision"). The det_omega numbers are that case's: receptor at grid (81, 31) of 95 × 61.
 *
 * <p>Thread-safety: JUnit creates one instance per test method; not shared.
 */
class AdvectionSubGridTest {

    private static double[] box(double xmin, double xmax, double ymin, double ymax) {
        return new double[] {xmin, xmax, ymin, ymax};
    }

    @Test
    void aReleaseGetsTheMarginOnEverySide() {
        // det_omega's receptor at grid (81, 31) of 95 x 61, motion not known yet
        AdvectionSubGrid g = AdvectionSubGrid.ahead(box(81.0, 81.0, 31.0, 31.0), null, 0.0, 95, 61);
        assertEquals(new AdvectionSubGrid(70, 20, 21, 21), g);
        // the receptor's sub-grid coordinates: 11, 11 (binade [8, 16))
        assertEquals(11.0, 81.0 - g.x0());
        assertEquals(11.0, 31.0 - g.y0());
    }

    @Test
    void itExtendsAheadOfEachSideByLeadHoursOfItsMotion() {
        // E1: one particle 4.23 columns per hour westward on a 161 x 81 grid
        AdvectionSubGrid e1 = AdvectionSubGrid.ahead(box(116.77, 116.77, 41.0, 41.0), box(121.0, 121.0, 41.0, 41.0),
                1.0, 161, 81);
        // west: 116.77 - 10 - 7 x 4.23 = 77.16 -> offset 76; east (126.77) and y: the margin only
        assertEquals(76, e1.x0());
        assertEquals(127 - 76, e1.sizeX());
        assertEquals(30, e1.y0());
        assertTrue(116.77 - e1.x0() >= 32.0, "E1's coordinate stays past 32");
        // the same motion over a 3-hour interval leads by a third per hour
        AdvectionSubGrid slow = AdvectionSubGrid.ahead(box(116.77, 116.77, 41.0, 41.0), box(121.0, 121.0, 41.0, 41.0),
                3.0, 161, 81);
        assertEquals(95, slow.x0(), "116.77 - 10 - 7 x 4.23 / 3 = 96.9");
    }

    @Test
    void itBecomesTheWholeGridWhenTheLeadReachesPastAnEdge() {
        // det_omega near -1050 min: the fastest particles 3.1 columns per hour westward near column 28
        AdvectionSubGrid g = AdvectionSubGrid.ahead(box(28.0, 52.0, 25.3, 26.1), box(31.1, 55.0, 25.6, 26.4), 1.0,
                95, 61);
        assertEquals(new AdvectionSubGrid(0, 0, 95, 61), g);
        // the rows' coordinate is then the full grid's, past 16, where the latitude rounding changes
        assertTrue(25.3 - g.y0() >= 16.0);
        // two hours earlier the lead still fits: a sub-grid, its rows less than 16 from its corner
        AdvectionSubGrid before = AdvectionSubGrid.ahead(box(34.2, 58.0, 25.9, 26.7), box(37.3, 61.0, 26.2, 27.0),
                1.0, 95, 61);
        assertEquals(new AdvectionSubGrid(1, 12, 67, 25), before);
        assertTrue(26.7 - before.y0() < 16.0);
    }

    @Test
    void boxesCollectActiveParticlesOnly() {
        ParticleState s = new ParticleState(3);
        s.x[0] = 10.0;
        s.y[0] = 20.0;
        s.x[1] = 14.0;
        s.y[1] = 18.0;
        s.x[2] = 99.0;
        s.y[2] = 99.0;
        s.status[2] = ParticleState.LEFT_DOMAIN;
        double[] b = s.activeBounds();
        assertEquals(10.0, b[0]);
        assertEquals(14.0, b[1]);
        assertEquals(18.0, b[2]);
        assertEquals(20.0, b[3]);
        double[] other = box(5.0, 6.0, 30.0, 31.0);
        AdvectionSubGrid.union(b, other);
        assertEquals(5.0, b[0]);
        assertEquals(31.0, b[3]);
    }

    @Test
    void badValuesAreRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AdvectionSubGrid(-1, 0, 5, 5));
        assertTrue(e.getMessage().contains("offset (-1, 0)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AdvectionSubGrid.ahead(AdvectionSubGrid.emptyBox(), null, 0.0, 95, 61));
        assertTrue(e.getMessage().contains("no particle"), e.getMessage());
    }
}
