package org.stilt.core.hnf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stilt.core.InvalidInputException;
import org.stilt.core.particles.ParticleTable;

/** {@link ColumnReleaseHeights} against stilt-reference §2.8 and the e2e_c reference values. */
class ColumnReleaseHeightsTest {

    @Test
    void linearByIndexBitForBitAsR() {
        ColumnReleaseHeights h = ColumnReleaseHeights.of(new double[] {1000, 5}, 300);
        assertEquals(5, h.bottomZaglMeters());
        assertEquals(1000, h.topZaglMeters());
        // e2e_c_column_pressure_12h particles.csv.gz, R's doubles
        assertEquals(6.658333333333333, h.heightMeters(1));
        assertEquals(9.975000000000001, h.heightMeters(2));
        assertEquals(1000 - h.stepMeters() / 2, h.heightMeters(300), 1e-12);
    }

    @Test
    void appendsXhgtWithIndxFirstLikeRsMerge() {
        Map<String, double[]> c = new LinkedHashMap<>();
        c.put("time", new double[] {-1, -1});
        c.put("indx", new double[] {2, 1});
        c.put("foot", new double[] {0.1, 0.2});
        ParticleTable out = new ColumnReleaseHeights(0, 100, 4).appendTo(new ParticleTable(c));
        assertEquals(List.of("indx", "time", "foot", "xhgt"), out.columnNames());
        assertArrayEquals(new double[] {37.5, 12.5}, out.column("xhgt"));
        assertArrayEquals(new double[] {2, 1}, out.column("indx"));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(InvalidInputException.class, () -> ColumnReleaseHeights.of(new double[] {5}, 10));
        assertThrows(InvalidInputException.class, () -> new ColumnReleaseHeights(10, 5, 10));
        assertThrows(InvalidInputException.class, () -> new ColumnReleaseHeights(0, 5, 0));
        assertThrows(InvalidInputException.class, () -> new ColumnReleaseHeights(0, Double.NaN, 3));
        assertThrows(InvalidInputException.class,
                () -> new ColumnReleaseHeights(0, 5, 3).appendTo(new ParticleTable(Map.of("time", new double[] {1}))));
    }
}
