package org.stilt.core.met.window;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.stilt.core.InvalidInputException;
import org.stilt.core.MetUnavailableException;
import org.stilt.core.UnreadableInputException;
import org.stilt.core.met.ArlFile;
import org.stilt.core.met.ArlGrid;
import org.stilt.core.met.ArlIndex;
import org.stilt.core.met.ArlLevel;
import org.stilt.core.met.ArlPeriod;
import org.stilt.core.met.VerticalCoordinate;
import org.stilt.core.met.catalog.CoverageMode;
import org.stilt.core.met.catalog.MetSelection;

/**
 * An ordered set of ARL files read as one time series: the files are sorted by their first valid
 * time and must share the grid, the vertical coordinate and level values, and the variables of
 * every level (checksums aside), and together give periods at one constant interval with no gap
 * and no overlap.
 *
 * <p>Errors: different grids, levels or variables and overlapping or off-interval periods give an
 * {@link UnreadableInputException}; a gap between files gives a {@link MetUnavailableException}
 * naming both files and the missing times. Both name the files involved.
 *
 * <p>Thread-safety: immutable after construction; safe to share (reads of {@link ArlFile} are
 * thread-safe).
 */
public final class MetSeries {

    /**
     * One valid time of the series: the file and period holding it.
     *
     * @param validTime the period's valid time
     * @param file      the file
     * @param period    the period within the file
     */
    public record Entry(Instant validTime, ArlFile file, ArlPeriod period) {
        public Entry {
            Objects.requireNonNull(validTime, "validTime");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(period, "period");
        }
    }

    private final List<ArlFile> files;
    private final List<Entry> entries;
    private final Duration interval;

    private MetSeries(List<ArlFile> files, List<Entry> entries, Duration interval) {
        this.files = List.copyOf(files);
        this.entries = List.copyOf(entries);
        this.interval = interval;
    }

    /** Opens the files at {@code paths} (any order) as one series. */
    public static MetSeries open(List<Path> paths) {
        if (paths.isEmpty()) {
            throw new InvalidInputException("a met series needs at least one met file; none given");
        }
        return of(paths.stream().map(ArlFile::open).toList());
    }

    /** The files of a met selection, after checking its coverage with {@code mode}. */
    public static MetSeries open(MetSelection selection, CoverageMode mode) {
        return open(selection.requireCoverage(mode));
    }

    /**
     * The series of already opened files (any order).
     *
     * @throws UnreadableInputException when the files differ in grid, levels or variables, overlap,
     *                                  or hold periods off the common interval
     * @throws MetUnavailableException  when there is a gap between files
     */
    public static MetSeries of(List<ArlFile> files) {
        if (files.isEmpty()) {
            throw new InvalidInputException("a met series needs at least one met file; none given");
        }
        List<ArlFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(ArlFile::firstTime));
        ArlFile first = sorted.get(0);
        ArlIndex ref = first.periods().get(0).index();
        Duration interval = null;
        for (ArlFile f : sorted) {
            if (f.interval() != null) {
                if (interval == null) {
                    interval = f.interval();
                } else if (!interval.equals(f.interval())) {
                    throw new UnreadableInputException("met file " + f.path() + " has periods every " + f.interval()
                            + " but " + first.path() + " every " + interval + "; a met series needs one interval");
                }
            }
        }
        List<Entry> entries = new ArrayList<>();
        ArlFile previousFile = null;
        for (ArlFile f : sorted) {
            checkSameStructure(first, ref, f);
            if (previousFile != null) {
                Instant prev = previousFile.lastTime();
                Instant next = f.firstTime();
                Duration step = Duration.between(prev, next);
                if (!step.isPositive()) {
                    throw new UnreadableInputException("met files " + previousFile.path() + " (" + previousFile.firstTime()
                            + " .. " + prev + ") and " + f.path() + " (" + next + " .. " + f.lastTime()
                            + ") overlap; a met series needs each valid time in one file only");
                }
                if (interval == null) {
                    interval = step; // every file has a single period: the first step sets the interval
                }
                if (step.compareTo(interval) > 0) {
                    if (step.toNanos() % interval.toNanos() == 0) {
                        throw new MetUnavailableException("gap in the met series: no met between " + prev + " (last time of "
                                + previousFile.path() + ") and " + next + " (first time of " + f.path() + "); "
                                + (step.toNanos() / interval.toNanos() - 1) + " period(s) every " + interval
                                + " are missing, first " + prev.plus(interval));
                    }
                }
                if (!step.equals(interval)) {
                    throw new UnreadableInputException("met file " + f.path() + " starts at " + next + ", " + step
                            + " after the last time " + prev + " of " + previousFile.path() + "; expected the series"
                            + " interval " + interval);
                }
            }
            for (ArlPeriod p : f.periods()) {
                entries.add(new Entry(p.validTime(), f, p));
            }
            previousFile = f;
        }
        return new MetSeries(sorted, entries, interval);
    }

    private static void checkSameStructure(ArlFile first, ArlIndex ref, ArlFile f) {
        ArlGrid g = ref.grid();
        if (!g.equals(f.grid())) {
            throw new UnreadableInputException("met file " + f.path() + " has grid " + f.grid() + " but "
                    + first.path() + " has " + g + "; a met series needs one grid");
        }
        for (ArlPeriod p : f.periods()) {
            ArlIndex idx = p.index();
            String at = "met file " + f.path() + ", period " + p.validTime();
            if (idx.verticalFlag() != ref.verticalFlag()) {
                throw new UnreadableInputException(at + " has vertical coordinate " + idx.verticalCoordinate() + " but "
                        + first.path() + " has " + ref.verticalCoordinate());
            }
            if (idx.levelCount() != ref.levelCount()) {
                throw new UnreadableInputException(at + " has " + idx.levelCount() + " levels but " + first.path()
                        + " has " + ref.levelCount() + "; a met series needs the same levels");
            }
            for (int k = 0; k < idx.levelCount(); k++) {
                ArlLevel a = ref.levels().get(k);
                ArlLevel b = idx.levels().get(k);
                if (k > 0 && a.value() != b.value()) {
                    throw new UnreadableInputException(at + ": level " + k + " is " + b.value() + " but " + a.value()
                            + " in " + first.path() + "; a met series needs the same levels");
                }
                List<String> na = a.variables().stream().map(v -> v.name()).toList();
                List<String> nb = b.variables().stream().map(v -> v.name()).toList();
                if (!na.equals(nb)) {
                    throw new UnreadableInputException(at + ": level " + k + " has variables " + nb + " but " + na
                            + " in " + first.path() + "; a met series needs the same variables");
                }
            }
        }
    }

    /** The files in time order. */
    public List<ArlFile> files() {
        return files;
    }

    /** Every valid time, ascending, with its file and period. */
    public List<Entry> entries() {
        return entries;
    }

    /** Number of valid times. */
    public int size() {
        return entries.size();
    }

    /** The {@code i}-th valid time's entry. */
    public Entry entry(int i) {
        return entries.get(i);
    }

    /** Valid times, ascending. */
    public List<Instant> times() {
        return entries.stream().map(Entry::validTime).toList();
    }

    /** First valid time. */
    public Instant firstTime() {
        return entries.get(0).validTime();
    }

    /** Last valid time. */
    public Instant lastTime() {
        return entries.get(entries.size() - 1).validTime();
    }

    /** Interval between valid times, or null for a series of one period. */
    public Duration interval() {
        return interval;
    }

    /** The common grid. */
    public ArlGrid grid() {
        return files.get(0).grid();
    }

    /** The index of the first period (levels, variables, vertical coordinate). */
    public ArlIndex firstIndex() {
        return entries.get(0).period().index();
    }

    /** The vertical coordinate. */
    public VerticalCoordinate verticalCoordinate() {
        return firstIndex().verticalCoordinate();
    }

    /** Index of the last valid time ≤ {@code t}, or −1 when {@code t} is before the first. */
    public int floorIndex(Instant t) {
        int lo = 0;
        int hi = entries.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (!entries.get(mid).validTime().isAfter(t)) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    @Override
    public String toString() {
        return "MetSeries[" + files.size() + " files, " + firstTime() + " .. " + lastTime() + " every " + interval + "]";
    }
}
