package org.stilt.core.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.stilt.core.RunCancelledException;

/**
 * One simulation's particle chunks advanced on several threads without waiting for each other at
 * every met interval (docs/performance.md "Two threads"): each chunk thread walks the run's
 * intervals on its own, takes the interval's frames from the shared {@link TrajectoryRunner.Window}
 * (the first chunk to need a frame converts it while the others keep advancing) and writes its
 * rows into one of {@value #SLOTS} per-interval buffers. The calling thread merges every interval's
 * rows into the one-thread order as soon as all chunks have finished it; a chunk may run at most
 * {@value #SLOTS} intervals ahead of the last merged one, which bounds the buffers and keeps the
 * frames it needs among the source's cached ones. Results are those of one thread, bit for bit:
 * every particle has its own random stream and index, a window never changes a result, and the
 * merge restores the one-thread row order.
 *
 * <p>Thread-safety: one instance per run, used by the run's threads as described; not reusable.
 */
final class ChunkedRun {

    /** Row buffers per chunk: how many intervals a chunk may run ahead of the last merged interval. */
    static final int SLOTS = 2;

    /** The merge's part for a chunk that stopped before an interval (always empty; read only). */
    private final TrajectoryRows noRows = new TrajectoryRows(1);

    private final TransportKernel kernel;
    private final TrajectoryRequest request;
    private final TrajectoryRunner.Intervals intervals;
    private final TrajectoryRunner.Window window;
    private final ParticleState[] states;
    private final TrajectoryRows rows;
    private final int nx;
    private final int ny;
    /** Per chunk and slot, the rows of interval i in slot i % SLOTS. */
    private final TrajectoryRows[][] slots;

    /**
     * Guards {@link #done}, {@link #finished}, {@link #merged}, {@link #failed}, {@link #boxes},
     * {@link #boxed} and {@link #subGrids}.
     */
    private final Object progress = new Object();
    /** Per chunk, how many intervals it has finished. */
    private final int[] done;
    /** Per chunk, whether it has stopped (every particle stopped, or the run's last interval done). */
    private final boolean[] finished;
    /** Intervals merged into the run's rows. */
    private int merged;
    /** Per interval, the box of every chunk's active particles at its start (so far). */
    private final List<double[]> boxes = new ArrayList<>();
    /** Per chunk, how many intervals' start boxes it has added to {@link #boxes}. */
    private final int[] boxed;
    /** Per interval, hycs_std's position sub-grid ({@link TrajectoryRunner#subGrid}), computed in order. */
    private final List<AdvectionSubGrid> subGrids = new ArrayList<>();
    /** The first failure of a chunk thread, or null. */
    private RuntimeException failed;

    private final LongAdder chunkMetNanos = new LongAdder();
    private final LongAdder kernelCpuNanos = new LongAdder();
    private final LongAdder waitNanos = new LongAdder();

    ChunkedRun(TransportKernel kernel, TrajectoryRequest request, TrajectoryRunner.Intervals intervals,
               TrajectoryRunner.Window window, ParticleState[] states, TrajectoryRows rows, int nx, int ny) {
        this.kernel = kernel;
        this.request = request;
        this.intervals = intervals;
        this.window = window;
        this.states = states;
        this.rows = rows;
        this.nx = nx;
        this.ny = ny;
        int chunks = states.length;
        long intervalMinutes = window.source().interval().toMinutes();
        slots = new TrajectoryRows[chunks][SLOTS];
        for (int k = 0; k < chunks; k++) {
            for (int s = 0; s < SLOTS; s++) {
                slots[k][s] = new TrajectoryRows((long) states[k].size() * intervalMinutes);
            }
        }
        done = new int[chunks];
        finished = new boolean[chunks];
        boxed = new int[chunks];
    }

    /**
     * Runs every chunk on {@code pool} (one task each, so the pool needs as many threads as chunks)
     * and merges their rows on the calling thread; the first chunk failure is rethrown.
     */
    TrajectoryRunner.Progress run(ExecutorService pool) {
        long start = System.nanoTime();
        List<Future<?>> tasks = new ArrayList<>();
        for (int k = 0; k < states.length; k++) {
            int kk = k;
            tasks.add(pool.submit(() -> chunk(kk)));
        }
        long mergeNanos = 0;
        try {
            for (int i = 0; ; i++) {
                if (!awaitInterval(i)) {
                    break;
                }
                long m0 = System.nanoTime();
                merge(i);
                mergeNanos += System.nanoTime() - m0;
            }
            for (Future<?> f : tasks) {
                f.get();
            }
        } catch (InterruptedException e) {
            tasks.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new RunCancelledException("trajectory run cancelled while advancing chunks");
        } catch (ExecutionException e) {
            tasks.forEach(f -> f.cancel(true));
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (RuntimeException e) {
            tasks.forEach(f -> f.cancel(true));
            throw e;
        }
        return new TrajectoryRunner.Progress(0, System.nanoTime() - start, mergeNanos, chunkMetNanos.sum(),
                kernelCpuNanos.sum(), waitNanos.sum());
    }

    /**
     * Waits until every chunk has finished interval {@code i} or stopped before it; false when no
     * chunk ran interval {@code i} (the run is over). Rethrows a chunk's failure.
     */
    private boolean awaitInterval(int i) throws InterruptedException {
        synchronized (progress) {
            while (true) {
                if (failed != null) {
                    throw failed;
                }
                boolean all = true;
                boolean any = false;
                for (int k = 0; k < done.length; k++) {
                    if (done[k] > i) {
                        any = true;
                    } else if (!finished[k]) {
                        all = false;
                    }
                }
                if (all) {
                    return any;
                }
                progress.wait();
            }
        }
    }

    /** Merges interval {@code i}'s rows of every chunk into the run's rows and frees their slots. */
    private void merge(int i) {
        int chunks = states.length;
        TrajectoryRows[] parts = new TrajectoryRows[chunks];
        synchronized (progress) {
            for (int k = 0; k < chunks; k++) {
                // a chunk that stopped before interval i contributes nothing (its slot holds other rows)
                parts[k] = done[k] > i ? slots[k][i % SLOTS] : noRows;
            }
        }
        TrajectoryRunner.merge(parts, rows, intervals.at(i).step(nx, ny, request));
        synchronized (progress) {
            merged = i + 1;
            progress.notifyAll();
        }
    }

    /** Chunk {@code k}'s thread: every interval in turn while it has active particles. */
    private void chunk(int k) {
        ParticleState state = states[k];
        ParticleState[] own = {state};
        KernelFrame[] ab = new KernelFrame[2];
        int chunks = states.length;
        try {
            for (int i = 0; intervals.has(i) && state.activeCount() > 0; i++) {
                TrajectoryRunner.checkNotInterrupted(intervals.at(i).startMinute(), intervals.end());
                TrajectoryRunner.keepOnTheGlobe(window.source().projection(), state);
                AdvectionSubGrid subGrid = subGrid(k, i, state);
                awaitSlot(i);
                TrajectoryRunner.Interval iv = intervals.at(i);
                iv.requireMet(window.source());
                chunkMetNanos.add(window.framesFor(own, iv, ab));
                long[] times = new long[3];
                TrajectoryRunner.advanceInterval(kernel,
                        iv.step(nx, ny, request).forChunk(k, chunks).inSubGrid(subGrid), window, iv, state,
                        slots[k][i % SLOTS], ab, window.margin(), times);
                kernelCpuNanos.add(times[1]);
                chunkMetNanos.add(times[2]);
                synchronized (progress) {
                    done[k] = i + 1;
                    progress.notifyAll();
                }
            }
        } catch (RuntimeException e) {
            synchronized (progress) {
                if (failed == null) {
                    failed = e;
                }
                progress.notifyAll();
            }
            throw e;
        } finally {
            synchronized (progress) {
                finished[k] = true;
                progress.notifyAll();
            }
        }
    }

    /**
     * Adds chunk {@code k}'s particles at the start of interval {@code i} to the interval's box and
     * returns the interval's position sub-grid, as the one-thread run computes it from every
     * particle at the start of intervals i − 1 and i − 2 (so a chunk waits only for the other chunks
     * to start interval i − 1, which the slots nearly always guarantee already). The time waited is
     * added to {@code waitNanos}.
     */
    private AdvectionSubGrid subGrid(int k, int i, ParticleState state) {
        double[] box = state.activeBounds();
        synchronized (progress) {
            while (boxes.size() <= i) {
                boxes.add(AdvectionSubGrid.emptyBox());
            }
            AdvectionSubGrid.union(boxes.get(i), box);
            boxed[k] = i + 1;
            progress.notifyAll();
            int need = Math.max(0, i - 1);
            if (!boxedByAll(need)) {
                awaitLocked(() -> boxedByAll(need),
                        "trajectory run cancelled while a chunk waited for the others' positions");
            }
            while (subGrids.size() <= i) {
                subGrids.add(TrajectoryRunner.subGrid(intervals, boxes, subGrids.size(), nx, ny));
            }
            return subGrids.get(i);
        }
    }

    /** Whether every chunk has added its box of interval {@code j} or stopped before it (holding the lock). */
    private boolean boxedByAll(int j) {
        for (int k = 0; k < boxed.length; k++) {
            if (boxed[k] <= j && !finished[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until interval {@code i}'s slot is free: interval i − {@value #SLOTS}, the slot's last
     * rows, has been merged (the merge empties the slot). The time waited is added to
     * {@code waitNanos}.
     */
    private void awaitSlot(int i) {
        synchronized (progress) {
            if (i >= merged + SLOTS) {
                awaitLocked(() -> i < merged + SLOTS, "trajectory run cancelled while a chunk waited for the merge");
            }
        }
    }

    /**
     * Waits on {@link #progress} (the caller holds it) until {@code ready} holds, adding the time to
     * {@code waitNanos}; stops with a {@link RunCancelledException} when another chunk failed or
     * the thread is interrupted ({@code cancelled} says where).
     */
    private void awaitLocked(java.util.function.BooleanSupplier ready, String cancelled) {
        long w0 = System.nanoTime();
        try {
            while (!ready.getAsBoolean()) {
                if (failed != null) {
                    throw new RunCancelledException("another particle chunk failed");
                }
                progress.wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunCancelledException(cancelled);
        } finally {
            waitNanos.add(System.nanoTime() - w0);
        }
    }
}
