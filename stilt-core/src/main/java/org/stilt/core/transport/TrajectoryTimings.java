package org.stilt.core.transport;

import java.util.Locale;

/**
 * Where one trajectory run spent its wall-clock time, by stage of {@link TrajectoryRunner#run}
 * (docs/performance.md "Transport"). Stages on the calling thread add up to at most the total;
 * {@code prefetchNanos} is spent on the calling thread while the chunks advance, so it overlaps
 * {@code advanceNanos} and is not part of the sum.
 *
 * @param totalNanos    the whole run
 * @param metNanos      growing the met window and making the interval's two frames available
 *                      (unpacking and converting what the prefetch did not already do)
 * @param advanceNanos  the kernel calls of all chunks, from submitting them to the last one's end
 *                      (including waiting for a prefetch still running)
 * @param mergeNanos    merging the chunks' rows into the one-thread order (0 on one thread)
 * @param tableNanos    building the particle table (grid to longitude/latitude, columns)
 * @param prefetchNanos converting the next interval's frame meanwhile (several threads only)
 * @param kernelCpuNanos CPU time of the threads running the kernel calls, summed (0 when the JVM
 *                      cannot measure thread CPU time): against {@code advanceNanos} × threads it
 *                      shows how busy the chunk threads were
 * @param barrierWaitNanos time the chunk threads spent waiting at the end of each met interval for
 *                      the slowest chunk, summed over the threads (0 on one thread): the cost of
 *                      advancing all chunks interval by interval
 *
 * <p>Thread-safety: immutable value.
 */
public record TrajectoryTimings(long totalNanos, long metNanos, long advanceNanos, long mergeNanos, long tableNanos,
                                long prefetchNanos, long kernelCpuNanos, long barrierWaitNanos) {

    /** No timings (a run that did not measure). */
    public static final TrajectoryTimings NONE = new TrajectoryTimings(0, 0, 0, 0, 0, 0, 0, 0);

    /** The rest of the total: releasing particles, copying state for retries, bookkeeping. */
    public long otherNanos() {
        return Math.max(0, totalNanos - metNanos - advanceNanos - mergeNanos - tableNanos);
    }

    /** One line in seconds, e.g. {@code total 1.873 s = met 0.412 + kernel 1.210 + merge 0.061 + table 0.071 + other 0.119}. */
    public String describe() {
        return String.format(Locale.ROOT, "total %.3f s = met %.3f + kernel %.3f + merge %.3f + table %.3f + other %.3f"
                        + "%s", totalNanos / 1e9, metNanos / 1e9, advanceNanos / 1e9, mergeNanos / 1e9, tableNanos / 1e9,
                otherNanos() / 1e9, (kernelCpuNanos > 0
                        ? String.format(Locale.ROOT, " (kernel threads' CPU %.3f s)", kernelCpuNanos / 1e9) : "")
                        + (prefetchNanos > 0 ? String.format(Locale.ROOT, " (next frames converted meanwhile: %.3f s)",
                        prefetchNanos / 1e9) : "")
                        + (barrierWaitNanos > 0 ? String.format(Locale.ROOT,
                        " (chunk threads waiting for the slowest chunk at the interval ends: %.3f s)",
                        barrierWaitNanos / 1e9) : ""));
    }
}
