package org.stilt.core.rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.stilt.core.InvalidInputException;

/**
 * Streams: the counter layout, statistical checks with fixed seeds (moments and
 * Kolmogorov-Smirnov on 10^6 draws), no overlap between particle streams, and independence of
 * chunking and threading.
 *
 * <p>Thread-safety: JUnit creates one instance per test method; not shared.
 */
class ParticleStreamTest {

    private static final int N = 1_000_000;
    /** Kolmogorov-Smirnov critical value of sqrt(n) D at significance 0.001. */
    private static final double KS_CRITICAL = 1.95;

    @Test
    void drawsAreTheDocumentedWordsOfTheDocumentedBlock() {
        ParticleStream s = new ParticleStream(0x0123456789abcdefL, -2L, 11);
        int[] x = new int[4];
        Philox4x32.block(3, 11, 0xfffffffe, 0xffffffff, 0x89abcdef, 0x01234567, x);
        assertEquals(RngMath.uniformOfWords(x[0], x[1]), s.uniform(6));
        assertEquals(RngMath.uniformOfWords(x[2], x[3]), s.uniform(7));
        assertEquals(RngMath.inverseNormal(s.uniform(7)), s.normal(7));
    }

    @Test
    void uniformMomentsAndKolmogorovSmirnov() {
        double[] u = new double[N];
        ParticleStreams.fill(20260101L, 17L, 0, 1000, 1000, Distribution.UNIFORM, u);
        double mean = Arrays.stream(u).sum() / N;
        double var = Arrays.stream(u).map(v -> (v - mean) * (v - mean)).sum() / (N - 1);
        assertEquals(0.5, mean, 5 * Math.sqrt(1.0 / 12 / N));
        assertEquals(1.0 / 12, var, 5 * Math.sqrt((1.0 / 80 - 1.0 / 144) / N));
        for (double v : u) {
            assertTrue(v > 0.0 && v < 1.0, "uniform outside (0, 1): " + v);
        }
        double d = ksStatistic(u, v -> v);
        assertTrue(Math.sqrt(N) * d < KS_CRITICAL, "KS sqrt(n) D = " + Math.sqrt(N) * d);
    }

    @Test
    void normalMomentsAndKolmogorovSmirnov() {
        double[] z = new double[N];
        ParticleStreams.fill(-77L, 123_456_789_012L, 4000, 500, 2000, Distribution.NORMAL, z);
        double mean = Arrays.stream(z).sum() / N;
        double m2 = Arrays.stream(z).map(v -> Math.pow(v - mean, 2)).sum() / N;
        double m3 = Arrays.stream(z).map(v -> Math.pow(v - mean, 3)).sum() / N;
        double m4 = Arrays.stream(z).map(v -> Math.pow(v - mean, 4)).sum() / N;
        assertEquals(0.0, mean, 5 / Math.sqrt(N));
        assertEquals(1.0, m2, 5 * Math.sqrt(2.0 / N));
        assertEquals(0.0, m3 / Math.pow(m2, 1.5), 5 * Math.sqrt(6.0 / N), "skewness");
        assertEquals(0.0, m4 / (m2 * m2) - 3, 5 * Math.sqrt(24.0 / N), "excess kurtosis");
        double d = ksStatistic(z, ParticleStreamTest::normalCdf);
        assertTrue(Math.sqrt(N) * d < KS_CRITICAL, "KS sqrt(n) D = " + Math.sqrt(N) * d);
    }

    @Test
    void ksDetectsAWrongDistribution() {
        // The test above can fail: the same draws scaled by 1.01 are rejected.
        double[] z = new double[N];
        ParticleStreams.fill(-77L, 123_456_789_012L, 4000, 500, 2000, Distribution.NORMAL, z);
        double d = ksStatistic(Arrays.stream(z).map(v -> 1.01 * v).toArray(), ParticleStreamTest::normalCdf);
        assertTrue(Math.sqrt(N) * d > KS_CRITICAL, "KS sqrt(n) D = " + Math.sqrt(N) * d);
    }

    @Test
    void normalCdfOfThisTestIsAccurate() {
        assertEquals(0.975, normalCdf(1.959963984540054), 1e-12);
        assertEquals(0.5, normalCdf(0.0), 1e-15);
        assertEquals(2.866515718791939e-7, normalCdf(-5.0), 1e-17);
        assertEquals(1.0 - 1.3498980316300946e-3, normalCdf(3.0), 1e-12);
    }

    @Test
    void particleStreamsDoNotOverlap() {
        // 2 simulations x 1000 particles x 1000 draws: every 52-bit value distinct.
        double[] a = new double[2 * N];
        ParticleStreams.fill(5L, 1L, 0, 1000, 1000, Distribution.UNIFORM, a);
        double[] b = new double[N];
        ParticleStreams.fill(5L, 2L, 0, 1000, 1000, Distribution.UNIFORM, b);
        System.arraycopy(b, 0, a, N, N);
        Arrays.sort(a);
        for (int i = 1; i < a.length; i++) {
            assertNotEquals(a[i - 1], a[i], "repeated draw " + a[i]);
        }
    }

    @Test
    void neighbouringParticlesAreUncorrelated() {
        int n = 100_000;
        double[] x = new double[2 * n];
        ParticleStreams.fill(9L, 3L, 41, 2, n, Distribution.NORMAL, x);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += x[i] * x[n + i];
            sxx += x[i] * x[i];
            syy += x[n + i] * x[n + i];
        }
        assertEquals(0.0, sxy / Math.sqrt(sxx * syy), 5 / Math.sqrt(n));
    }

    @Test
    void chunkingDoesNotChangeDraws() {
        double[] whole = new double[1000 * 37];
        ParticleStreams.fill(42L, 7L, 0, 1000, 37, Distribution.NORMAL, whole);
        double[] first = new double[500 * 37];
        double[] second = new double[500 * 37];
        ParticleStreams.fill(42L, 7L, 0, 500, 37, Distribution.NORMAL, first);
        ParticleStreams.fill(42L, 7L, 500, 500, 37, Distribution.NORMAL, second);
        assertArrayEquals(first, Arrays.copyOfRange(whole, 0, 500 * 37));
        assertArrayEquals(second, Arrays.copyOfRange(whole, 500 * 37, 1000 * 37));
    }

    @Test
    void threadsAndDrawOrderDoNotChangeDraws() {
        double[] sequential = new double[1000 * 20];
        ParticleStreams.fill(42L, 7L, 0, 1000, 20, Distribution.UNIFORM, sequential);
        double[] parallel = new double[1000 * 20];
        IntStream.range(0, 1000).parallel().forEach(p -> {
            ParticleStream s = new ParticleStream(42L, 7L, p);
            for (int d = 19; d >= 0; d--) {
                parallel[p * 20 + d] = s.uniform(d);
            }
        });
        assertArrayEquals(sequential, parallel);
        // fill from an odd first draw = single draws
        double[] tail = new double[5];
        new ParticleStream(42L, 7L, 3).fill(Distribution.UNIFORM, 15, 5, tail, 0);
        assertArrayEquals(Arrays.copyOfRange(sequential, 3 * 20 + 15, 3 * 20 + 20), tail);
    }

    @Test
    void seedsSimulationsAndParticlesSelectDifferentStreams() {
        double base = new ParticleStream(1, 1, 0).uniform(0);
        assertNotEquals(base, new ParticleStream(2, 1, 0).uniform(0));
        assertNotEquals(base, new ParticleStream(1, 2, 0).uniform(0));
        assertNotEquals(base, new ParticleStream(1, 1, 1).uniform(0));
        assertNotEquals(base, new ParticleStream(1L | (1L << 32), 1, 0).uniform(0), "high seed bits count");
        assertNotEquals(base, new ParticleStream(1, 1L | (1L << 32), 0).uniform(0), "high id bits count");
    }

    @Test
    void extremeIndicesWork() {
        ParticleStream s = new ParticleStream(Long.MIN_VALUE, Long.MAX_VALUE, ParticleStream.PARTICLE_LIMIT - 1);
        double u = s.uniform(ParticleStream.DRAW_LIMIT - 1);
        assertTrue(u > 0 && u < 1);
        double[] out = new double[3];
        ParticleStreams.fill(0, 0, ParticleStream.PARTICLE_LIMIT - 1, 1, 3, Distribution.NORMAL, out);
        assertEquals(new ParticleStream(0, 0, ParticleStream.PARTICLE_LIMIT - 1).normal(2), out[2]);
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThrows(InvalidInputException.class, () -> new ParticleStream(0, 0, -1));
        assertThrows(InvalidInputException.class, () -> new ParticleStream(0, 0, ParticleStream.PARTICLE_LIMIT));
        ParticleStream s = new ParticleStream(0, 0, 0);
        assertThrows(InvalidInputException.class, () -> s.uniform(-1));
        assertThrows(InvalidInputException.class, () -> s.normal(ParticleStream.DRAW_LIMIT));
        assertThrows(InvalidInputException.class, () -> s.fill(Distribution.UNIFORM, 0, 4, new double[3], 0));
        assertThrows(InvalidInputException.class, () -> s.fill(Distribution.UNIFORM, ParticleStream.DRAW_LIMIT - 1, 2,
                new double[3], 0));
        double[] out = new double[4];
        assertThrows(InvalidInputException.class,
                () -> ParticleStreams.fill(0, 0, ParticleStream.PARTICLE_LIMIT - 1, 2, 2, Distribution.UNIFORM, out));
        assertThrows(InvalidInputException.class, () -> ParticleStreams.fill(0, 0, 0, 3, 2, Distribution.UNIFORM, out));
        assertThrows(InvalidInputException.class, () -> ParticleStreams.fill(0, 0, 0, -1, 2, Distribution.UNIFORM, out));
    }

    /** sup |F_n - F| of the sample against the continuous CDF {@code cdf}. */
    private static double ksStatistic(double[] sample, java.util.function.DoubleUnaryOperator cdf) {
        double[] x = sample.clone();
        Arrays.sort(x);
        int n = x.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = cdf.applyAsDouble(x[i]);
            d = Math.max(d, Math.max((i + 1.0) / n - f, f - (double) i / n));
        }
        return d;
    }

    /**
     * Standard-normal CDF for the test, independent of the code under test: the series of erf
     * for |x| <= 3, the continued fraction of erfc beyond.
     */
    static double normalCdf(double x) {
        double z = Math.abs(x) / Math.sqrt(2.0);
        double upper; // P(Z > |x|)
        if (Math.abs(x) <= 3.0) {
            double term = z;
            double sum = z;
            for (int n = 1; n < 200; n++) {
                term *= -z * z / n;
                sum += term / (2 * n + 1);
            }
            upper = 0.5 - sum / Math.sqrt(Math.PI);
        } else {
            double k = z;
            for (int n = 200; n >= 1; n--) {
                k = z + (n / 2.0) / k;
            }
            upper = 0.5 * Math.exp(-z * z) / (Math.sqrt(Math.PI) * k);
        }
        return x >= 0 ? 1.0 - upper : upper;
    }
}
