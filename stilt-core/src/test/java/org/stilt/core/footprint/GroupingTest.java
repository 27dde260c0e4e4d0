package org.stilt.core.footprint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void doubleIndexRanksKeysAscendingAndJoinsSignedZeros() {
        double[] v = {3.5, -0.0, 7, 0.0, 3.5, -1440, 0.30000000000000004, 0.3};
        DoubleIndex g = new DoubleIndex();
        int[] id = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            id[i] = g.add(v[i]);
        }
        assertArrayEquals(new double[] {-1440, 0.0, 0.3, 0.30000000000000004, 3.5, 7}, g.sortedValues());
        int[] rank = g.ranks();
        int[] group = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            group[i] = rank[id[i]];
            assertEquals(id[i], g.get(v[i]));
        }
        assertArrayEquals(new int[] {4, 1, 5, 1, 4, 0, 3, 2}, group);
        assertEquals(-1, g.get(42));
    }

    @Test
    void doubleIndexSurvivesManyDistinctKeys() {
        Random r = new Random(5);
        int n = 100_000;
        double[] v = new double[n];
        DoubleIndex g = new DoubleIndex();
        int[] id = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(20_000) * 0.1 - 1000;
            id[i] = g.add(v[i]);
        }
        double[] distinct = Arrays.stream(v).distinct().sorted().toArray();
        assertArrayEquals(distinct, g.sortedValues());
        for (int i = 0; i < n; i++) {
            assertEquals(v[i], g.value(id[i]));
            assertEquals(id[i], g.get(v[i]));
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
        int[] order = LongRadixSort.argsort(keys, n, new int[n], new int[n]);
        Integer[] expected = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(expected, Comparator.comparingLong(i -> keys[i])); // stable
        for (int k = 0; k < n; k++) {
            assertEquals(expected[k].intValue(), order[k], "position " + k);
        }
        assertArrayEquals(new int[] {0, 1, 2}, LongRadixSort.argsort(new long[] {5, 5, 5}, 3, new int[3], new int[3]));
        assertThrows(IllegalArgumentException.class, () -> LongRadixSort.argsort(new long[] {-1}, 1, new int[1], new int[1]));
    }

    @Test
    void particleIdsAreDenseRanksWhateverTheIndxValues() {
        FootprintCalculator.ParticleIds small = FootprintCalculator.ParticleIds.of(new double[] {3, 1, 3, 7});
        assertEquals(3, small.count());
        assertArrayEquals(new int[] {1, 0, 1, 2}, pids(small, 3, 1, 3, 7));
        FootprintCalculator.ParticleIds odd = FootprintCalculator.ParticleIds.of(new double[] {1e12, 2.5, -0.0, 0.0, 2.5});
        assertEquals(3, odd.count());
        assertArrayEquals(new int[] {2, 1, 0, 0, 1}, pids(odd, 1e12, 2.5, -0.0, 0.0, 2.5));
        FootprintCalculator.ParticleIds sparse = FootprintCalculator.ParticleIds.of(new double[] {-5e9, 7, 5e9});
        assertArrayEquals(new int[] {0, 1, 2}, pids(sparse, -5e9, 7, 5e9));
    }

    private static int[] pids(FootprintCalculator.ParticleIds ids, double... indx) {
        return Arrays.stream(indx).mapToInt(ids::pid).toArray();
    }

    @Test
    void medianSignFollowsFromTheCounts() {
        Random r = new Random(3);
        for (int trial = 0; trial < 20_000; trial++) {
            int n = 1 + r.nextInt(7);
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                int kind = r.nextInt(4);
                t[i] = kind == 0 ? 0.0 : kind == 1 ? -0.0 : (r.nextInt(9) - 4) * (r.nextBoolean() ? 1 : 0.5);
            }
            double median = RNumerics.medianInPlace(t.clone(), 0, n);
            assertEquals(Math.signum(median) + 0.0, FootprintCalculator.medianSign(t) + 0.0, Arrays.toString(t));
        }
    }
}
