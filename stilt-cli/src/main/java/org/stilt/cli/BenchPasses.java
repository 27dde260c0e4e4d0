package org.stilt.cli;

import java.util.Arrays;

/**
 * Times a benchmark pass: {@code warmup} untimed runs, then {@code iterations} timed ones.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
final class BenchPasses {

    private BenchPasses() {
    }

    /** Median and minimum seconds per pass of {@code pass} over the timed passes. */
    static double[] medianAndBestSeconds(int warmup, int iterations, Runnable pass) {
        for (int i = 0; i < warmup; i++) {
            pass.run();
        }
        double[] t = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            pass.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return new double[] {t[iterations / 2], t[0]};
    }
}
