package org.stilt.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
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
    void aReleaseGetsTheMinimumSquareCentredOnIt() {
        AdvectionSubGrid g = AdvectionSubGrid.around(box(81.0, 81.0, 31.0, 31.0), 95, 61);
        assertEquals(new AdvectionSubGrid(70, 20, 21, 21), g);
        // the receptor's sub-grid coordinates: 11, 11 (binade [8, 16))
        assertEquals(11.0, 81.0 - g.x0());
        assertEquals(11.0, 31.0 - g.y0());
    }

    @Test
    void theSquareGrowsWithTheLargerExtentInBothDirections() {
        // det_omega near -1050 min: particles spread 25 columns but one row
        AdvectionSubGrid g = AdvectionSubGrid.around(box(27.0, 52.0, 25.2, 26.1), 95, 61);
        assertEquals(33, g.sizeX());
        assertEquals(33, g.sizeY());
        assertEquals(40 - 16 - 1, g.x0());
        assertEquals(26 - 16 - 1, g.y0());
        // so the rows' sub-grid coordinate passes 16, where the latitude rounding regime changes
        assertTrue(25.2 - g.y0() >= 16.0);
    }

    @Test
    void itStaysWhileEveryParticleIsTwoPointsInsideAndMovesOtherwise() {
        AdvectionSubGrid g = new AdvectionSubGrid(70, 20, 21, 21);
        // grid points 71..91 are in it; particles may reach 73..89 without a move
        assertSame(g, g.next(box(73.0, 89.0, 23.0, 38.9), 95, 61));
        AdvectionSubGrid moved = g.next(box(72.9, 80.0, 30.0, 31.0), 95, 61);
        assertEquals(new AdvectionSubGrid(65, 20, 21, 21), moved, "re-centred on the box (76, 31)");
        assertSame(g, g.next(AdvectionSubGrid.emptyBox(), 95, 61), "no particle left: no move");
    }

    @Test
    void itIsClippedToTheFullGrid() {
        AdvectionSubGrid corner = AdvectionSubGrid.around(box(3.0, 3.0, 59.0, 59.0), 95, 61);
        assertEquals(new AdvectionSubGrid(0, 40, 21, 21), corner);
        AdvectionSubGrid whole = AdvectionSubGrid.around(box(2.0, 90.0, 10.0, 12.0), 95, 61);
        assertEquals(new AdvectionSubGrid(0, 0, 95, 61), whole);
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
        double[] b = AdvectionSubGrid.emptyBox();
        AdvectionSubGrid.include(b, s);
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
                () -> AdvectionSubGrid.around(AdvectionSubGrid.emptyBox(), 95, 61));
        assertTrue(e.getMessage().contains("no particle"), e.getMessage());
    }
}
