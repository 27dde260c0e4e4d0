package org.stilt.core.met.catalog;

/**
 * How strictly {@link MetSelection#requireCoverage} checks the files found for a simulation.
 *
 * <p>Thread-safety: immutable enum.
 */
public enum CoverageMode {
    /**
     * The default: at least {@link MetStream#minimumFiles()} files, <em>and</em> a file for every required time (every
     * time in the sequence from the floored start to the end, see {@link MetFileFinder#requiredTimes}). This is
     * stricter than R-STILT, which would start the simulation and let HYSPLIT fail, or silently shorten it, when a
     * file in the middle is missing.
     */
    STRICT,
    /**
     * R-STILT's behaviour: only the count is checked ({@code length(met_files) < n_met_min}); gaps are allowed.
     */
    LENIENT
}
