package org.stilt.core.transport;

import java.util.Locale;

/**
 * Where one trajectory run spent its wall-clock time, by stage of {@link TrajectoryRunner#run}
 * (docs/performance.md "Transport"). The stages {@code met}, {@code advance} and {@code table}
 * run one after the other on the calling thread and add up to at most the total; on several
 * threads the merging, the chunk threads' met conversion and their waits happen during
 * {@code advance} and are reported beside it, not added.
 *
 * @param totalNanos       the whole run
 * @param metNanos         met on the calling thread: growing the window and converting frames
 *                         (on several threads only the first interval's frames, before the chunks
 *                         start; the chunks then take their frames themselves, {@code chunkMetNanos})
 * @param advanceNanos     one thread: the kernel calls; several threads: the chunk phase, from
 *                         starting the chunk threads to the last interval merged
 * @param mergeNanos       merging the chunks' rows into the one-thread order on the calling thread,
 *                         during the chunk phase (0 on one thread)
 * @param tableNanos       building the particle table (grid to longitude/latitude, columns)
 * @param chunkMetNanos    time the chunk threads spent taking their frames (growing the window,
 *                         converting a frame first needed by that chunk, or waiting while another
 *                         chunk converts it), summed over the threads (0 on one thread)
 * @param kernelCpuNanos   CPU time of the threads running the kernel calls, summed (0 when the JVM
 *                         cannot measure thread CPU time): against {@code advanceNanos} × threads it
 *                         shows how busy the chunk threads were
 * @param chunkWaitNanos   time the chunk threads waited because they were {@link ChunkedRun#SLOTS}
 *                         intervals ahead of the last merged one, summed (0 on one thread)
 *
 * <p>Thread-safety: immutable value.
 */
public record TrajectoryTimings(long totalNanos, long metNanos, long advanceNanos, long mergeNanos, long tableNanos,
                                long chunkMetNanos, long kernelCpuNanos, long chunkWaitNanos) {

    /** No timings (a run that did not measure). */
    public static final TrajectoryTimings NONE = new TrajectoryTimings(0, 0, 0, 0, 0, 0, 0, 0);

    /** The rest of the total: releasing particles, copying state for retries, bookkeeping. */
    public long otherNanos() {
        return Math.max(0, totalNanos - metNanos - advanceNanos - tableNanos);
    }

    /**
     * One line in seconds, e.g. {@code total 1.873 s = met 0.412 + kernel 1.210 + table 0.071 +
     * other 0.119 (kernel threads' CPU 1.190 s)}, with the chunk phase's parts in parentheses on
     * several threads.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "total %.3f s = met %.3f + kernel %.3f + table %.3f + other %.3f", totalNanos / 1e9, metNanos / 1e9,
                advanceNanos / 1e9, tableNanos / 1e9, otherNanos() / 1e9));
        if (kernelCpuNanos > 0) {
            sb.append(String.format(Locale.ROOT, " (kernel threads' CPU %.3f s)", kernelCpuNanos / 1e9));
        }
        if (mergeNanos > 0 || chunkMetNanos > 0 || chunkWaitNanos > 0) {
            sb.append(String.format(Locale.ROOT, " (during the chunk phase: merging %.3f s; chunk threads taking"
                    + " frames %.3f s, waiting for the merge %.3f s)", mergeNanos / 1e9, chunkMetNanos / 1e9,
                    chunkWaitNanos / 1e9));
        }
        return sb.toString();
    }
}
