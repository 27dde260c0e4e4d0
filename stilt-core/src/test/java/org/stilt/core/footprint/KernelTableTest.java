package org.stilt.core.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * R-STILT's find_neighbor: bracketing pair, upper only if 2r > lo + hi, clamped ends.
 *
 * <p>Thread-safety: a JUnit test class; not shared.
 */
class KernelTableTest {

    private static KernelTable table(double... rtimes) {
        return new KernelTable(rtimes, new double[rtimes.length]);
    }

    @Test
    void exactMatchReturnsItself() {
        KernelTable t = table(-3, -2, -1, 0);
        for (int i = 0; i < 4; i++) {
            assertEquals(i, t.nearest(t.rtimes()[i]));
        }
    }

    @Test
    void tiesGoToTheLowerRtime() {
        KernelTable t = table(-10, -8, -1);
        assertEquals(0, t.nearest(-9)); // midway between -10 and -8
        assertEquals(1, t.nearest(-4.5)); // midway between -8 and -1
        assertEquals(1, t.nearest(Math.nextDown(-9.0) + 2 * Math.ulp(-9.0))); // just above midway
        assertEquals(0, t.nearest(-9.5));
    }

    @Test
    void nearestOtherwise() {
        KernelTable t = table(-3, -2, -1, 0);
        assertEquals(2, t.nearest(-1.4));
        assertEquals(1, t.nearest(-1.6));
        assertEquals(3, t.nearest(-0.2));
    }

    @Test
    void outsideTheTableIsClamped() {
        KernelTable t = table(-3, -2, -1);
        assertEquals(0, t.nearest(-100));
        assertEquals(2, t.nearest(5));
    }

    @Test
    void singleRowIsUsedForEverything() {
        KernelTable t = table(-4);
        assertEquals(0, t.nearest(-100));
        assertEquals(0, t.nearest(3));
    }

    @Test
    void emptyTableIsAnError() {
        assertThrows(IllegalStateException.class, () -> table().nearest(0));
    }
}
