package org.stilt.core.footprint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * The primitive grouping helpers: exact-key groups ranked ascending, stable radix argsort, dense
 * particle numbers, distinct layers.
 *
 * <p>Thread-safety: a JUnit test class; not shared.
 */
class GroupingTest {

    @Test
    void doubleGroupsRankKeysAscendingAndJoinSignedZeros() {
        double[] v = {3.5, -0.0, 7, 0.0, 3.5, -1440, 0.30000000000000004, 0.3};
        DoubleGroups g = DoubleGroups.of(v, v.length);
        assertArrayEquals(new double[] {-1440, 0.0, 0.3, 0.30000000000000004, 3.5, 7}, g.keys());
        assertArrayEquals(new int[] {4, 1, 5, 1, 4, 0, 3, 2}, g.group());
    }

    @Test
    void doubleGroupsSurviveManyDistinctKeys() {
        Random r = new Random(5);
        int n = 100_000;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(20_000) * 0.1 - 1000;
        }
        DoubleGroups g = DoubleGroups.of(v, n);
        double[] distinct = Arrays.stream(v).distinct().sorted().toArray();
        assertArrayEquals(distinct, g.keys());
        for (int i = 0; i < n; i++) {
            assertEquals(v[i], g.keys()[g.group()[i]]);
        }
    }

    @Test
    void radixArgsortIsSortedAndStable() {
        Random r = new Random(9);
        int n = 50_000;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = i % 3 == 0 ? r.nextInt(50) : (r.nextLong() >>> (1 + r.nextInt(62)));
        }
        int[] order = LongRadixSort.argsort(keys, n);
        Integer[] expected = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(expected, Comparator.comparingLong(i -> keys[i])); // stable
        for (int k = 0; k < n; k++) {
            assertEquals(expected[k].intValue(), order[k], "position " + k);
        }
        assertArrayEquals(new int[] {0, 1, 2}, LongRadixSort.argsort(new long[] {5, 5, 5}, 3));
        assertThrows(IllegalArgumentException.class, () -> LongRadixSort.argsort(new long[] {-1}, 1));
    }

    @Test
    void particleIdsAreDenseRanksWhateverTheIndxValues() {
        FootprintCalculator.ParticleIds small = FootprintCalculator.ParticleIds.of(new double[] {3, 1, 3, 7});
        assertEquals(3, small.count());
        assertArrayEquals(new int[] {1, 0, 1, 2}, small.pid());
        FootprintCalculator.ParticleIds odd = FootprintCalculator.ParticleIds.of(new double[] {1e12, 2.5, -0.0, 0.0, 2.5});
        assertEquals(3, odd.count());
        assertArrayEquals(new int[] {2, 1, 0, 0, 1}, odd.pid());
    }

    @Test
    void distinctLayersAscending() {
        assertArrayEquals(new int[] {-5, -4, -1, 0}, FootprintCalculator.distinctSorted(new int[] {-1, -5, 0, -1, -4, 99}, 5));
        int[] wide = {Integer.MAX_VALUE - 1, -3, Integer.MIN_VALUE + 1, -3};
        assertArrayEquals(new int[] {Integer.MIN_VALUE + 1, -3, Integer.MAX_VALUE - 1}, FootprintCalculator.distinctSorted(wide, 4));
        assertTrue(FootprintCalculator.distinctSorted(new int[] {2}, 1).length == 1);
    }
}
