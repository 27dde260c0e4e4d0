package org.stilt.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The level weights of a recorded vertical path (docs/transport.md "Wind along the path"). */
class WindPathTest {

    private static final double[] LEVELS = InternalLevels.forModelTop(25_000).heightsMeters();

    /** The mean of a linear-in-level-index wind u_k = k along the path, m/s. */
    private static double meanWind(WindPath p) {
        double u = 0;
        for (int k = p.lowest(); k <= p.highest(); k++) {
            u += p.weight(k) * (k + 1);
        }
        return u / p.seconds();
    }

    @Test
    void aHeightBetweenLevelsSplitsItsTimeByTheFractionalLevelIndex() {
        WindPath p = new WindPath(LEVELS, 10.0);
        double z = 0.5 * (LEVELS[2] + LEVELS[3]);
        p.add(z, 30.0);
        double li = JavaTransportKernel.levelIndex(z);
        assertEquals(30.0, p.seconds());
        assertEquals(30.0 * (4 - li), p.weight(2), 1e-12);
        assertEquals(30.0 * (li - 3), p.weight(3), 1e-12);
        assertEquals(li, meanWind(p), 1e-12);
    }

    @Test
    void belowTheFirstLevelTheWindGoesLinearlyToZero() {
        WindPath p = new WindPath(LEVELS, 10.0);
        p.add(2.5, 20.0);
        p.add(7.5, 20.0);
        assertEquals(40.0, p.seconds());
        assertEquals(20.0, p.weight(0), 1e-12);   // (2.5 + 7.5) / 10 of 20 s
        assertEquals(0.5, meanWind(p), 1e-12);    // half of level 1's wind
    }

    @Test
    void timeSpentAtDifferentHeightsAveragesTheWindNotTheHeight() {
        // half the minute at 2 m, half at 40 m: the mean wind, not the wind at the mean height 21 m
        WindPath p = new WindPath(LEVELS, 10.0);
        p.add(2.0, 30.0);
        p.add(40.0, 30.0);
        double expected = 0.5 * (0.2 * 1 + JavaTransportKernel.levelIndex(40.0));
        assertEquals(expected, meanWind(p), 1e-12);
    }

    @Test
    void aboveTheTopLevelTheTopWindAndResetClears() {
        WindPath p = new WindPath(LEVELS, 10.0);
        p.add(LEVELS[LEVELS.length - 1] + 100, 60.0);
        assertEquals(60.0, p.weight(LEVELS.length - 1));
        p.reset();
        assertEquals(0.0, p.seconds());
        assertEquals(0.0, p.weight(LEVELS.length - 1));
        assertEquals(-1, p.highest());
    }

    @Test
    void piecesGiveHalfTheirTimeToEachEndAndShareCommonEnds() {
        WindPath pieces = new WindPath(LEVELS, 10.0);
        pieces.piece(2.0, 4.0, 10.0);
        pieces.piece(4.0, 8.0, 20.0);   // starts where the last one ended
        pieces.piece(6.0, 9.0, 30.0);   // does not (a mean vertical step in between)
        pieces.flush();
        WindPath points = new WindPath(LEVELS, 10.0);
        points.add(2.0, 5.0);
        points.add(4.0, 15.0);
        points.add(8.0, 10.0);
        points.add(6.0, 15.0);
        points.add(9.0, 15.0);
        assertEquals(60.0, pieces.seconds(), 1e-12);
        assertEquals(points.weight(0), pieces.weight(0), 1e-12);
        assertEquals((5 * 2 + 15 * 4 + 10 * 8 + 15 * 6 + 15 * 9) / 10.0, pieces.weight(0), 1e-12);
    }
}
