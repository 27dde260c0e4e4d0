package org.stilt.core.transport;

import java.lang.foreign.Arena;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stilt.core.InvalidInputException;
import org.stilt.core.MetUnavailableException;
import org.stilt.core.met.ArlFile;
import org.stilt.core.met.ArlGrid;
import org.stilt.core.met.ArlLevel;
import org.stilt.core.met.ArlPeriod;
import org.stilt.core.met.ArlVariable;
import org.stilt.core.met.GridProjection;
import org.stilt.core.met.VerticalCoordinate;

/**
 * Kernel frames for one simulation, read from a time-ordered list of ARL files with one grid:
 * each valid time is unpacked (on the full grid), converted to the internal levels and kept
 * while it may still be needed (the two most recent frames).
 *
 * <p>Thread-safety: not thread-safe; one simulation owns one source. Frames live in the source's
 * arena and are freed by {@link #close()}.
 */
public final class ArlFrameSource implements AutoCloseable {

    private record Slot(ArlFile file, ArlPeriod period) {
    }

    private static final List<String> SURFACE = List.of("SHGT", "PRSS", "PBLH", "MXHT", "HPBL", "SHTF", "USTR",
            "LHTF", "DSWF", "T02M", "U10M", "V10M");
    private static final List<String> UPPER = List.of("UWND", "VWND", "WWND", "TEMP", "SPHU", "RELH", "PRES", "HGTS");

    private final ArlGrid grid;
    private final GridProjection projection;
    private final Duration interval;
    private final Map<Instant, Slot> slots = new HashMap<>();
    private final List<Instant> times = new ArrayList<>();
    private final ProfileConverter converter;
    private final Arena arena = Arena.ofShared();
    private final LinkedHashMap<Instant, KernelFrame> cache = new LinkedHashMap<>();

    /** A source over {@code files} (any order; same grid); internal levels for {@code modelTopMeters}. */
    public ArlFrameSource(List<ArlFile> files, double modelTopMeters) {
        if (files.isEmpty()) {
            throw new MetUnavailableException("no met files given; expected at least one ARL file");
        }
        List<ArlFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(ArlFile::firstTime));
        this.grid = sorted.get(0).grid();
        Duration step = null;
        for (ArlFile f : sorted) {
            if (!sameGrid(f.grid(), grid)) {
                throw new InvalidInputException("met file " + f.path() + " has grid " + f.grid()
                        + "; expected the grid of " + sorted.get(0).path() + ": " + grid);
            }
            for (ArlPeriod p : f.periods()) {
                slots.putIfAbsent(p.validTime(), new Slot(f, p));
            }
            if (f.periods().size() > 1) {
                step = f.interval();
            }
        }
        times.addAll(slots.keySet());
        times.sort(null);
        if (step == null) {
            step = times.size() > 1 ? Duration.between(times.get(0), times.get(1)) : Duration.ofHours(1);
        }
        this.interval = step;
        for (int i = 1; i < times.size(); i++) {
            if (!Duration.between(times.get(i - 1), times.get(i)).equals(interval)) {
                throw new MetUnavailableException("met files have a gap between " + times.get(i - 1) + " and "
                        + times.get(i) + "; expected every " + interval);
            }
        }
        this.projection = grid.projection();
        this.converter = new ProfileConverter(InternalLevels.forModelTop(modelTopMeters), projection);
    }

    private static boolean sameGrid(ArlGrid a, ArlGrid b) {
        return a.nx() == b.nx() && a.ny() == b.ny() && a.projection().equals(b.projection());
    }

    public ArlGrid grid() {
        return grid;
    }

    public GridProjection projection() {
        return projection;
    }

    /** Time between met periods. */
    public Duration interval() {
        return interval;
    }

    /** First and last valid time. */
    public Instant firstTime() {
        return times.get(0);
    }

    public Instant lastTime() {
        return times.get(times.size() - 1);
    }

    /** Whether a period is valid at {@code t}. */
    public boolean has(Instant t) {
        return slots.containsKey(t);
    }

    /** The kernel frame valid at {@code t} (full grid). */
    public KernelFrame frame(Instant t) {
        KernelFrame f = cache.get(t);
        if (f != null) {
            return f;
        }
        Slot slot = slots.get(t);
        if (slot == null) {
            throw new MetUnavailableException("no met period valid at " + t + " in the met files (they cover "
                    + firstTime() + " to " + lastTime() + ")");
        }
        f = converter.convert(read(slot), arena);
        cache.put(t, f);
        while (cache.size() > 3) {
            Instant oldest = cache.keySet().iterator().next();
            cache.remove(oldest);
        }
        return f;
    }

    /** Unpacks the raw fields of one period on the full grid. */
    public RawMetFrame read(Instant t) {
        Slot slot = slots.get(t);
        if (slot == null) {
            throw new MetUnavailableException("no met period valid at " + t);
        }
        return read(slot);
    }

    private RawMetFrame read(Slot slot) {
        ArlFile file = slot.file();
        ArlPeriod p = slot.period();
        List<ArlLevel> levels = p.index().levels();
        int nl = levels.size() - 1;
        int plane = grid.points();
        Map<String, float[]> sfc = new HashMap<>();
        for (ArlVariable v : levels.get(0).variables()) {
            if (SURFACE.contains(v.name())) {
                sfc.put(v.name(), file.read(p, v.name(), 0));
            }
        }
        Map<String, float[]> up = new HashMap<>();
        double[] values = new double[nl];
        for (int l = 1; l <= nl; l++) {
            values[l - 1] = levels.get(l).value();
        }
        for (String name : UPPER) {
            boolean all = true;
            for (int l = 1; l <= nl; l++) {
                all &= levels.get(l).indexOf(name) >= 0;
            }
            if (!all || nl == 0) {
                continue;
            }
            float[] data = new float[nl * plane];
            for (int l = 1; l <= nl; l++) {
                float[] lev = name.equals("WWND") ? file.readWithDifference(p, name, l) : file.read(p, name, l);
                System.arraycopy(lev, 0, data, (l - 1) * plane, plane);
            }
            up.put(name, data);
        }
        VerticalCoordinate vc = p.index().verticalCoordinate();
        return new RawMetFrame(0, 0, grid.nx(), grid.ny(), p.validTime(), vc, values, grid.reserved(), sfc, up);
    }

    @Override
    public void close() {
        cache.clear();
        arena.close();
    }
}
