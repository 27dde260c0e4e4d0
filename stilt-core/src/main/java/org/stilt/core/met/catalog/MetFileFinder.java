package org.stilt.core.met.catalog;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.stilt.core.InvalidInputException;
import org.stilt.core.UnreadableInputException;

/**
 * R-STILT's {@code find_met_files} (uataq/stilt {@code r/src/find_met_files.r}): which met files a simulation needs.
 * Rules, in order ({@code docs/met-catalog.md} explains them for users):
 *
 * <ol>
 * <li>sim_end = receptor time + nHours hours.</li>
 * <li>met_start = {@link MetFileResolution#floor floor}(min(start, end)).</li>
 * <li>met_end = max(start, end).</li>
 * <li>Backward runs only ({@code nHours < 0}): with c = {@link MetFileResolution#ceiling ceiling}(met_end), if
 * (hour(met_end) + 1) mod 24 == hour(c), met_end = c. That is, the next file is added only when the receptor falls
 * in the last hour a file covers, so that the final hour can be interpolated.</li>
 * <li>Required times = met_start, met_start + step, ... up to met_end inclusive.</li>
 * <li>Patterns = the file format expanded for each time ({@link StrftimePattern}), de-duplicated.</li>
 * <li>Candidates = every file under the directory, recursively, as full path strings ({@code directory} as given,
 * then {@code /} and the relative path), sorted by Unicode code point. R sorts with the locale's collation
 * ({@code list.files}); code point order is R's order under {@code LC_COLLATE=C} and differs from an English locale
 * only for names differing in case or punctuation. As R's {@code list.files} does by default, hidden entries (names
 * starting with a dot) are not listed and hidden directories are not entered; symbolic links to directories are
 * followed (loops are skipped). Then:
 * <ul>
 * <li>paths matching the <em>regex</em> {@code .lock} anywhere in the full path are dropped. The dot is unescaped
 * in R-STILT, so "xblock" (or a directory called "myblocks") is dropped too; this R quirk is reproduced;</li>
 * <li>paths resolving to the same real file are reduced to the first in sorted order (a top-level symlink
 * {@code x} to {@code 2015/12/x} loses to {@code 2015/12/x}, which sorts first).</li>
 * </ul></li>
 * <li>For each pattern in time order, the candidates whose full path contains a match of the pattern read as a
 * regular expression ({@code Pattern.compile(pattern).matcher(path).find()}): dots match any character and a format
 * of {@code %Y%m%d} matches every file of the day. R uses POSIX extended regexes; for the characters found in met
 * file names (letters, digits, {@code . _ - /}) Java's syntax is the same. Where the expanded pattern is not a valid
 * Java regex (R would stop with an error), it is searched as a literal substring instead.</li>
 * <li>The result is the distinct matches in that order.</li>
 * </ol>
 *
 * <p>Thread-safety: stateless and thread-safe; each call lists the directory afresh.
 */
public final class MetFileFinder {

    /** Largest run length accepted, in hours (about 114 years). */
    static final double MAX_ABS_HOURS = 1e6;
    /** Largest number of required times accepted. */
    static final int MAX_TIMES = 1_000_000;

    private static final Pattern LOCK = Pattern.compile(".lock");

    private MetFileFinder() {
    }

    /**
     * The met files R-STILT's {@code find_met_files} returns for a simulation, without any coverage check (R's
     * function does not check either; {@code simulation_step} checks the count afterwards).
     *
     * @param stream       where and how to look
     * @param receptorTime simulation start ({@code t_start})
     * @param nHours       run length in hours, negative for backward runs
     * @throws InvalidInputException    if {@code nHours} is not finite or absurdly long
     * @throws UnreadableInputException if the directory exists but cannot be listed
     */
    public static List<Path> find(MetStream stream, Instant receptorTime, double nHours) {
        return select(stream, receptorTime, nHours).files();
    }

    /**
     * The files of {@link #find} together with the required times and those no file matched; check it with
     * {@link MetSelection#requireCoverage(CoverageMode)}.
     *
     * @throws InvalidInputException    if {@code nHours} is not finite or absurdly long
     * @throws UnreadableInputException if the directory exists but cannot be listed
     */
    public static MetSelection select(MetStream stream, Instant receptorTime, double nHours) {
        Objects.requireNonNull(stream, "stream");
        List<Instant> times = requiredTimes(stream.fileResolution(), receptorTime, nHours);
        StrftimePattern format = stream.filePattern();
        Map<Instant, String> patternOf = new HashMap<>();
        Map<String, List<Instant>> timesOfPattern = new LinkedHashMap<>();
        for (Instant t : times) {
            String p = format.expand(t);
            patternOf.put(t, p);
            timesOfPattern.computeIfAbsent(p, k -> new ArrayList<>()).add(t);
        }
        Candidates candidates = candidates(stream.directory());
        Set<Path> found = new LinkedHashSet<>();
        List<Instant> missing = new ArrayList<>();
        for (Map.Entry<String, List<Instant>> e : timesOfPattern.entrySet()) {
            Predicate<String> matches = matcher(e.getKey());
            boolean any = false;
            for (Candidate c : candidates.paths()) {
                if (matches.test(c.text())) {
                    found.add(c.path());
                    any = true;
                }
            }
            if (!any) {
                missing.addAll(e.getValue());
            }
        }
        missing.sort(Comparator.naturalOrder());
        return new MetSelection(stream, receptorTime, nHours, times, patternOf, new ArrayList<>(found), missing,
                candidates.lockIgnored());
    }

    /**
     * Steps 1–5: the times a file is needed for, ascending.
     *
     * @param resolution   time covered by one file
     * @param receptorTime simulation start ({@code t_start})
     * @param nHours       run length in hours, negative for backward runs; fractions allowed
     * @throws InvalidInputException if {@code nHours} is not finite, longer than a million hours, or the sequence has
     *                               more than a million times
     */
    public static List<Instant> requiredTimes(MetFileResolution resolution, Instant receptorTime, double nHours) {
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(receptorTime, "receptorTime");
        if (!Double.isFinite(nHours) || Math.abs(nHours) > MAX_ABS_HOURS) {
            throw new InvalidInputException("n_hours must be a finite number of hours with |n_hours| <= "
                    + (long) MAX_ABS_HOURS + " (got " + nHours + ")");
        }
        Instant simEnd = receptorTime.plusNanos(Math.round(nHours * 3_600_000_000_000.0));
        Instant first = simEnd.isBefore(receptorTime) ? simEnd : receptorTime;
        Instant metStart = resolution.floor(first);
        Instant metEnd = simEnd.isAfter(receptorTime) ? simEnd : receptorTime;
        if (nHours < 0) {
            Instant c = resolution.ceiling(metEnd);
            if ((hour(metEnd) + 1) % 24 == hour(c)) {
                metEnd = c;
            }
        }
        long stepSeconds = resolution.step().toSeconds();
        long span = metEnd.getEpochSecond() - metStart.getEpochSecond();
        long n = span / stepSeconds + 1;
        if (n > MAX_TIMES) {
            throw new InvalidInputException("met file resolution " + resolution + " over n_hours " + nHours + " needs "
                    + n + " met times; at most " + MAX_TIMES + " are supported");
        }
        List<Instant> times = new ArrayList<>((int) n);
        for (Instant t = metStart; !t.isAfter(metEnd); t = t.plusSeconds(stepSeconds)) {
            times.add(t);
        }
        return List.copyOf(times);
    }

    private static int hour(Instant t) {
        return t.atOffset(ZoneOffset.UTC).getHour();
    }

    /** Regex search anywhere in the path; a literal substring search when the pattern is not a valid regex. */
    static Predicate<String> matcher(String pattern) {
        try {
            Pattern p = Pattern.compile(pattern);
            return s -> p.matcher(s).find();
        } catch (PatternSyntaxException e) {
            return s -> s.contains(pattern);
        }
    }

    record Candidate(Path path, String text) {
    }

    record Candidates(List<Candidate> paths, int lockIgnored) {
    }

    /** Step 7: sorted, .lock-filtered, de-duplicated by real path. */
    static Candidates candidates(Path directory) {
        List<Candidate> all = new ArrayList<>();
        for (Path p : listFiles(directory)) {
            all.add(new Candidate(p, p.toString()));
        }
        all.sort((a, b) -> compareCodePoints(a.text(), b.text()));
        List<Candidate> kept = new ArrayList<>(all.size());
        Set<Path> seen = new HashSet<>();
        int locked = 0;
        for (Candidate c : all) {
            if (LOCK.matcher(c.text()).find()) {
                locked++;
            } else if (seen.add(realPath(c.path()))) {
                kept.add(c);
            }
        }
        return new Candidates(List.copyOf(kept), locked);
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize(); // e.g. a broken symbolic link: R's normalizePath keeps the path
        }
    }

    /** R's {@code list.files(dir, full.names = TRUE, recursive = TRUE)}: visible non-directories, unsorted. */
    static List<Path> listFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of(); // R: character(0)
        }
        List<Path> out = new ArrayList<>();
        try {
            Files.walkFileTree(directory, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            return dir.equals(directory) || !hidden(dir) ? FileVisitResult.CONTINUE
                                    : FileVisitResult.SKIP_SUBTREE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (!attrs.isDirectory() && !hidden(file)) {
                                out.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                            if (file.equals(directory)) {
                                throw e;
                            }
                            // Loops through symbolic links and unreadable subdirectories are skipped, as R does.
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new UnreadableInputException("met directory " + directory + " cannot be listed ("
                    + (e instanceof FileSystemLoopException ? "symbolic link loop" : e.toString()) + ")", e);
        }
        return out;
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    /** Unicode code point order (UTF-16 {@code compareTo} differs for characters outside the BMP). */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
