package org.stilt.core.met.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.stilt.core.MetUnavailableException;

/**
 * The met files found for one simulation and the required times no file matched.
 *
 * @param stream           the stream searched
 * @param receptorTime     the simulation start ({@code t_start})
 * @param nHours           run length in hours, negative for backward runs
 * @param requiredTimes    the times a file is needed for, ascending (steps 1–5 of {@link MetFileFinder})
 * @param patterns         the expanded file name pattern of each required time
 * @param files            the files found, in R-STILT's order (what {@code find_met_files} returns)
 * @param missingTimes     required times whose pattern matched no file, ascending
 * @param lockPathsIgnored how many paths under the directory were dropped because they match the regex {@code .lock}
 *
 * <p>Thread-safety: immutable value.
 */
public record MetSelection(MetStream stream, Instant receptorTime, double nHours, List<Instant> requiredTimes,
        Map<Instant, String> patterns, List<Path> files, List<Instant> missingTimes, int lockPathsIgnored) {

    /** How many missing times an error message lists before "and N more". */
    public static final int LISTED_MISSING_TIMES = 10;

    /** R-STILT's log phrase for too few met files; failure classifiers look for it. */
    public static final String INSUFFICIENT_PHRASE = "Insufficient number of meteorological files found";

    public MetSelection {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(receptorTime, "receptorTime");
        requiredTimes = List.copyOf(requiredTimes);
        patterns = Map.copyOf(patterns);
        files = List.copyOf(files);
        missingTimes = List.copyOf(missingTimes);
    }

    /** True when {@link CoverageMode#STRICT} would accept this selection. */
    public boolean complete() {
        return missingTimes.isEmpty() && files.size() >= stream.minimumFiles();
    }

    /**
     * The files, after checking them against {@code mode}.
     *
     * @throws MetUnavailableException when fewer than {@link MetStream#minimumFiles()} files were found (the message
     *                                 starts with {@value #INSUFFICIENT_PHRASE}), or, in {@link CoverageMode#STRICT}
     *                                 mode, when some required time has no file; the message names the stream, the
     *                                 directory, the format, the resolution and the missing times
     */
    public List<Path> requireCoverage(CoverageMode mode) {
        Objects.requireNonNull(mode, "mode");
        boolean tooFew = files.size() < stream.minimumFiles();
        if (!tooFew && (mode == CoverageMode.LENIENT || missingTimes.isEmpty())) {
            return files;
        }
        StringBuilder sb = new StringBuilder();
        if (tooFew) {
            sb.append(INSUFFICIENT_PHRASE).append(" for met stream '").append(stream.name()).append("': ")
                    .append(files.size()).append(" found, at least ").append(stream.minimumFiles())
                    .append(" needed (n_met_min)");
        } else {
            sb.append("Meteorological files missing for met stream '").append(stream.name()).append("'");
        }
        if (!missingTimes.isEmpty()) {
            sb.append(tooFew ? "; " : ": ").append("no file for ").append(missingTimes.size()).append(" of ")
                    .append(requiredTimes.size()).append(" required times: ");
            appendTimes(sb);
        }
        sb.append(". Searched ").append(stream.directory()).append(" recursively");
        if (!Files.isDirectory(stream.directory())) {
            sb.append(" (not an existing directory)");
        }
        sb.append(" for file format \"").append(stream.fileFormat()).append("\" every ")
                .append(stream.fileResolution()).append(" (receptor time ").append(receptorTime)
                .append(", n_hours ").append(formatHours(nHours)).append(")");
        if (lockPathsIgnored > 0) {
            sb.append("; ").append(lockPathsIgnored).append(lockPathsIgnored == 1
                    ? " path was ignored because it matches" : " paths were ignored because they match")
                    .append(" the regex '.lock' (R-STILT's lock-file filter)");
        }
        throw new MetUnavailableException(sb.toString());
    }

    /** {@link #requireCoverage(CoverageMode)} with {@link CoverageMode#STRICT}. */
    public List<Path> requireCoverage() {
        return requireCoverage(CoverageMode.STRICT);
    }

    private void appendTimes(StringBuilder sb) {
        int shown = Math.min(LISTED_MISSING_TIMES, missingTimes.size());
        for (int i = 0; i < shown; i++) {
            Instant t = missingTimes.get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(t).append(" (").append(patterns.get(t)).append(')');
        }
        if (missingTimes.size() > shown) {
            sb.append(" and ").append(missingTimes.size() - shown).append(" more");
        }
    }

    static String formatHours(double hours) {
        return hours == Math.rint(hours) && Math.abs(hours) < 1e15 ? Long.toString((long) hours)
                : Double.toString(hours);
    }
}
