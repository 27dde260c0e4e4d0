package org.stilt.ffi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The native kernel is reentrant: several platform threads spreading into their own grids at the
 * same time produce exactly the grids of sequential calls (both library builds).
 *
 * <p>Thread-safety: JUnit creates one instance per test method; the tasks share only immutable
 * inputs and the (thread-safe) spreader.
 */
class NativeKernelSpreaderConcurrencyTest {

    private static final int THREADS = 8;
    private static final int TASKS = 48;

    /** Inputs of one call (arrays never written). Thread-safety: shared read-only between workers. */
    record Task(int nx, int ny, double[] initial, double[] kernel, int kx, int ky, int[] ix, int[] iy, double[] foot) {
        double[] run(NativeKernelSpreader spreader) {
            double[] grid = initial.clone();
            spreader.spread(grid, nx, ny, kernel, kx, ky, ix, iy, foot, ix.length);
            return grid;
        }
    }

    private static List<Task> tasks() {
        SplittableRandom random = new SplittableRandom(99);
        List<Task> tasks = new ArrayList<>();
        for (int t = 0; t < TASKS; t++) {
            boolean big = t % 8 == 0;
            int nx = big ? 700 : random.nextInt(1, 120);
            int ny = big ? 300 : random.nextInt(1, 90);
            int kx = big ? 47 : 2 * random.nextInt(0, 12) + 1;
            int ky = big ? 47 : 2 * random.nextInt(0, 12) + 1;
            int n = big ? 300 : random.nextInt(0, 200);
            int[] ix = new int[n];
            int[] iy = new int[n];
            double[] foot = new double[n];
            for (int p = 0; p < n; p++) {
                ix[p] = random.nextInt(-kx, nx + kx);
                iy[p] = random.nextInt(-ky, ny + ky);
                foot[p] = random.nextDouble();
            }
            tasks.add(new Task(nx, ny, random.doubles((long) nx * ny).toArray(), random.doubles((long) kx * ky).toArray(),
                    kx, ky, ix, iy, foot));
        }
        return tasks;
    }

    @Test
    void concurrentCallsMatchSequentialCallsOnThePackagedLibrary() throws Exception {
        check(NativeKernelSpreader.create());
        check(NativeKernelSpreader.create().withTransfer(NativeKernelSpreader.Transfer.NATIVE_COPY));
    }

    @Test
    void concurrentCallsMatchSequentialCallsOnTheCheckedLibrary() throws Exception {
        check(NativeKernelSpreader.create(TestLibraries.checkedLibrary()));
    }

    private static void check(NativeKernelSpreader spreader) throws Exception {
        List<Task> tasks = tasks();
        List<double[]> sequential = new ArrayList<>();
        for (Task t : tasks) {
            sequential.add(t.run(spreader));
        }
        CyclicBarrier start = new CyclicBarrier(THREADS);
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<List<double[]>>> futures = new ArrayList<>();
            for (int w = 0; w < THREADS; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<double[]> out = new ArrayList<>();
                    // Every worker runs every task, starting at a different one, three times over.
                    for (int round = 0; round < 3; round++) {
                        for (int i = 0; i < tasks.size(); i++) {
                            out.add(tasks.get((i + worker * 5) % tasks.size()).run(spreader));
                        }
                    }
                    return out;
                }));
            }
            for (int w = 0; w < THREADS; w++) {
                List<double[]> out = futures.get(w).get();
                for (int k = 0; k < out.size(); k++) {
                    int task = (k % tasks.size() + w * 5) % tasks.size();
                    assertArrayEquals(sequential.get(task), out.get(k),
                            spreader.name() + ": worker " + w + ", result " + k + " (task " + task + ")");
                }
            }
        }
    }
}
