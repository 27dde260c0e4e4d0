package org.stilt.ffi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.stilt.core.footprint.JavaKernelSpreader;
import org.stilt.core.footprint.KernelSpreader;

/**
 * A small JMH-free benchmark of the kernel accumulation: the Java spreader against the native one
 * (heap arrays through a critical downcall, and native-segment copies), on realistic and tiny
 * shapes, measured in the same run and reported as nanoseconds per point-cell (one point times one
 * kernel weight) with native/Java ratios. Behind {@code stilt bench spreader}; also runnable as a
 * main class. Before timing it checks that every spreader produces the bit-identical grid.
 *
 * <p>Method: each measurement repeats the call for about {@value #TARGET_NANOS} ns (the
 * repetition count is calibrated per spreader and shape, again after the warm-up, so tiny shapes
 * still run for milliseconds and slow ones do not run for minutes), spreaders are interleaved within
 * each iteration so that drift hits all of them alike, and the table shows the median over the
 * measured iterations. Points are placed so that no kernel is clipped. Single-threaded. A run
 * takes roughly (warm-up + iterations) x shapes x spreaders x 10 ms.
 *
 * <p>Thread-safety: stateless; each run allocates its own data. Not meant to run concurrently with
 * other heavy work (timings would suffer, not correctness).
 */
public final class SpreaderBenchmark {

    /** Duration of one measurement, in nanoseconds. */
    static final long TARGET_NANOS = 10_000_000L;

    /**
     * One benchmark case. Thread-safety: immutable record.
     *
     * @param name label in the table
     * @param nx   grid cells along x
     * @param ny   grid cells along y
     * @param kx   kernel size along x (odd)
     * @param ky   kernel size along y (odd)
     * @param n    points per call
     */
    record Shape(String name, int nx, int ny, int kx, int ky, int n) {
        long pointCells() {
            return (long) n * kx * ky;
        }
    }

    /** The shapes measured: typical footprint steps, the largest expected, and tiny kernels. */
    static final List<Shape> SHAPES = List.of(
            new Shape("typical", 700, 300, 47, 47, 300),
            new Shape("largest", 1000, 600, 101, 101, 500),
            new Shape("medium", 700, 300, 11, 11, 500),
            new Shape("small", 700, 300, 3, 3, 500),
            new Shape("point", 700, 300, 1, 1, 500));

    private SpreaderBenchmark() {
    }

    /**
     * Runs the benchmark against the process-wide native library; if it cannot be loaded, times the
     * Java spreader alone and says why.
     *
     * @param warmupIterations iterations run and discarded first (JIT warm-up), &gt;= 0
     * @param iterations       measured iterations, &gt;= 1
     * @return the table, one line per shape, with a header naming the library
     */
    public static String run(int warmupIterations, int iterations) {
        List<KernelSpreader> spreaders = new ArrayList<>();
        spreaders.add(new JavaKernelSpreader());
        String library;
        try {
            NativeKernelSpreader nativeSpreader = NativeKernelSpreader.create();
            spreaders.add(nativeSpreader);
            spreaders.add(nativeSpreader.withTransfer(NativeKernelSpreader.Transfer.NATIVE_COPY));
            library = nativeSpreader.libraryInfo().location();
        } catch (NativeLibraryException e) {
            library = "unavailable (" + e.getMessage().lines().findFirst().orElse("") + "); Java only";
        }
        return run(warmupIterations, iterations, SHAPES, spreaders, library);
    }

    /** Runs {@code shapes} for {@code spreaders} (the first is the baseline of the ratios). */
    static String run(int warmupIterations, int iterations, List<Shape> shapes, List<KernelSpreader> spreaders,
                      String library) {
        if (warmupIterations < 0 || iterations < 1) {
            throw new IllegalArgumentException("need warmupIterations >= 0 and iterations >= 1, got "
                    + warmupIterations + " and " + iterations);
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "spreader benchmark: %s %s, %d warm-up + %d measured iterations, "
                        + "median ns per point-cell (lower is better)%n",
                System.getProperty("java.vm.name"), Runtime.version(), warmupIterations, iterations));
        out.append("native library: ").append(library).append('\n');
        out.append(String.format(Locale.ROOT, "%-8s %-9s %-7s %6s %11s", "shape", "grid", "kernel", "points", "point-cells"));
        for (KernelSpreader s : spreaders) {
            out.append(String.format(Locale.ROOT, " %12s", s.name()));
        }
        for (int i = 1; i < spreaders.size(); i++) {
            out.append(String.format(Locale.ROOT, " %18s", spreaders.get(i).name() + "/" + spreaders.getFirst().name()));
        }
        out.append(String.format(Locale.ROOT, " %9s%n", "identical"));
        for (Shape shape : shapes) {
            out.append(row(shape, spreaders, warmupIterations, iterations)).append('\n');
        }
        return out.toString();
    }

    private static String row(Shape shape, List<KernelSpreader> spreaders, int warmup, int iterations) {
        SplittableRandom random = new SplittableRandom(20151210L);
        double[] kernel = gaussianKernel(shape.kx(), shape.ky());
        int[] ix = new int[shape.n()];
        int[] iy = new int[shape.n()];
        double[] foot = new double[shape.n()];
        int hx = (shape.kx() - 1) / 2;
        int hy = (shape.ky() - 1) / 2;
        for (int p = 0; p < shape.n(); p++) {
            ix[p] = random.nextInt(hx, shape.nx() - hx);
            iy[p] = random.nextInt(hy, shape.ny() - hy);
            foot[p] = random.nextDouble() * 1e-3;
        }
        int cells = shape.nx() * shape.ny();

        // Same input, fresh grids: all spreaders must agree to the bit.
        double[] expected = new double[cells];
        spreaders.getFirst().spread(expected, shape.nx(), shape.ny(), kernel, shape.kx(), shape.ky(), ix, iy, foot, shape.n());
        boolean identical = true;
        for (KernelSpreader s : spreaders.subList(1, spreaders.size())) {
            double[] g = new double[cells];
            s.spread(g, shape.nx(), shape.ny(), kernel, shape.kx(), shape.ky(), ix, iy, foot, shape.n());
            identical &= Arrays.equals(expected, g);
        }

        double[][] grids = new double[spreaders.size()][cells];
        int[] reps = new int[spreaders.size()];
        double[][] nsPerPointCell = new double[spreaders.size()][iterations];
        for (int it = -warmup; it < iterations; it++) {
            if (it == -warmup || it == 0) {
                for (int s = 0; s < spreaders.size(); s++) {
                    reps[s] = calibrate(spreaders.get(s), grids[s], shape, kernel, ix, iy, foot);
                }
            }
            for (int s = 0; s < spreaders.size(); s++) {
                long elapsed = time(spreaders.get(s), grids[s], shape, kernel, ix, iy, foot, reps[s]);
                if (it >= 0) {
                    nsPerPointCell[s][it] = (double) elapsed / ((double) reps[s] * shape.pointCells());
                }
            }
        }

        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-8s %-9s %-7s %6d %11d", shape.name(),
                shape.nx() + "x" + shape.ny(), shape.kx() + "x" + shape.ky(), shape.n(), shape.pointCells()));
        double[] medians = new double[spreaders.size()];
        for (int s = 0; s < spreaders.size(); s++) {
            medians[s] = median(nsPerPointCell[s]);
            sb.append(String.format(Locale.ROOT, " %12.3f", medians[s]));
        }
        for (int s = 1; s < spreaders.size(); s++) {
            sb.append(String.format(Locale.ROOT, " %18.2f", medians[s] / medians[0]));
        }
        sb.append(String.format(Locale.ROOT, " %9s", identical ? "yes" : "NO"));
        return sb.toString();
    }

    /** Repetitions that take about {@link #TARGET_NANOS}, from the fastest of a few timed calls. */
    private static int calibrate(KernelSpreader spreader, double[] grid, Shape shape, double[] kernel,
                                 int[] ix, int[] iy, double[] foot) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            best = Math.min(best, time(spreader, grid, shape, kernel, ix, iy, foot, 1));
        }
        return (int) Math.clamp(TARGET_NANOS / Math.max(1, best), 1, 1_000_000);
    }

    private static long time(KernelSpreader spreader, double[] grid, Shape shape, double[] kernel,
                             int[] ix, int[] iy, double[] foot, int reps) {
        long t0 = System.nanoTime();
        for (int r = 0; r < reps; r++) {
            spreader.spread(grid, shape.nx(), shape.ny(), kernel, shape.kx(), shape.ky(), ix, iy, foot, shape.n());
        }
        return System.nanoTime() - t0;
    }

    /** A normalised Gaussian with sigma of a quarter of each half-width (shape only matters for realism). */
    static double[] gaussianKernel(int kx, int ky) {
        double[] k = new double[kx * ky];
        double sx = Math.max(0.5, kx / 4.0);
        double sy = Math.max(0.5, ky / 4.0);
        double sum = 0;
        for (int j = 0; j < ky; j++) {
            for (int i = 0; i < kx; i++) {
                double dx = (i - (kx - 1) / 2) / sx;
                double dy = (j - (ky - 1) / 2) / sy;
                double w = Math.exp(-0.5 * (dx * dx + dy * dy));
                k[i + kx * j] = w;
                sum += w;
            }
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : 0.5 * (v[m - 1] + v[m]);
    }

    /**
     * Prints the table. Arguments: {@code [warmupIterations [iterations]]}, default 5 and 10.
     *
     * @param args optional warm-up and measured iteration counts
     */
    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        System.out.print(run(warmup, iterations));
    }
}
