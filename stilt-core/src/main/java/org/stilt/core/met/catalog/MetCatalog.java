package org.stilt.core.met.catalog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.stilt.core.InvalidInputException;

/**
 * The met streams of a project (e.g. HRRR for the near field and GFS around it), by name, in the order they were
 * given. Selection follows R-STILT's {@code find_met_files}; see {@link MetFileFinder} for the rules and
 * {@code docs/met-catalog.md} for a user's description.
 *
 * @param streams the streams, in priority order; names are unique
 *
 * <p>Thread-safety: immutable, safe to share; selections list the file system afresh on every call.
 */
public record MetCatalog(List<MetStream> streams) {

    public MetCatalog {
        streams = List.copyOf(streams);
        if (streams.isEmpty()) {
            throw new InvalidInputException("a met catalog needs at least one met stream");
        }
        List<String> seen = new ArrayList<>();
        for (MetStream s : streams) {
            if (seen.contains(s.name())) {
                throw new InvalidInputException("met stream name '" + s.name() + "' is used twice; names must be"
                        + " unique (streams: " + streams.stream().map(MetStream::name).collect(Collectors.joining(", "))
                        + ")");
            }
            seen.add(s.name());
        }
    }

    /** A catalog of the given streams, in that order. */
    public static MetCatalog of(MetStream... streams) {
        return new MetCatalog(List.of(streams));
    }

    /** The stream names, in order. */
    public List<String> names() {
        return streams.stream().map(MetStream::name).toList();
    }

    /**
     * The stream called {@code name}.
     *
     * @throws InvalidInputException naming the unknown stream and the known ones
     */
    public MetStream stream(String name) {
        Objects.requireNonNull(name, "name");
        for (MetStream s : streams) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new InvalidInputException("no met stream named '" + name + "' (known: " + String.join(", ", names())
                + ")");
    }

    /** This catalog with {@code stream} appended (its name must be new). */
    public MetCatalog with(MetStream stream) {
        List<MetStream> all = new ArrayList<>(streams);
        all.add(stream);
        return new MetCatalog(all);
    }

    /** {@link MetFileFinder#find} for the named stream: R-STILT's file list, unchecked. */
    public List<Path> find(String name, Instant receptorTime, double nHours) {
        return MetFileFinder.find(stream(name), receptorTime, nHours);
    }

    /** {@link MetFileFinder#select} for the named stream. */
    public MetSelection select(String name, Instant receptorTime, double nHours) {
        return MetFileFinder.select(stream(name), receptorTime, nHours);
    }

    /** {@link MetFileFinder#select} for every stream, keyed by name in catalog order. */
    public Map<String, MetSelection> select(Instant receptorTime, double nHours) {
        Map<String, MetSelection> out = new LinkedHashMap<>();
        for (MetStream s : streams) {
            out.put(s.name(), MetFileFinder.select(s, receptorTime, nHours));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The files of every stream, each checked with {@code mode}, keyed by name in catalog order.
     *
     * @throws org.stilt.core.MetUnavailableException for the first stream (in catalog order) whose files fail the
     *                                                check
     */
    public Map<String, List<Path>> require(Instant receptorTime, double nHours, CoverageMode mode) {
        Map<String, List<Path>> out = new LinkedHashMap<>();
        for (Map.Entry<String, MetSelection> e : select(receptorTime, nHours).entrySet()) {
            out.put(e.getKey(), e.getValue().requireCoverage(mode));
        }
        return Collections.unmodifiableMap(out);
    }
}
