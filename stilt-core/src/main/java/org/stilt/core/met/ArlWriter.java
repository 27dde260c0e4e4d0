package org.stilt.core.met;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.stilt.core.OutputWriteException;

/**
 * Writes ARL files that HYSPLIT reads (docs/met.md): one call of {@link #writePeriod} per time
 * period, in increasing time order at a constant interval. The file is written under a temporary
 * name beside the target and renamed on {@link #close()}, so an interrupted write never leaves a
 * file that looks complete.
 *
 * <p>Thread-safety: not thread-safe; one writer per thread.
 */
public final class ArlWriter implements Closeable {

    /** What a period holds besides its fields. */
    public record PeriodHeader(String source, int forecastHour, Instant validTime, ArlGrid grid,
                               VerticalCoordinate vertical, double[] levelValues) {
        public PeriodHeader {
            levelValues = levelValues.clone();
        }
    }

    private final Path target;
    private final Path temp;
    private final OutputStream out;
    private ArlGrid grid;
    private Instant lastTime;
    private Duration interval;
    private boolean closed;
    private boolean failed;

    private ArlWriter(Path target, Path temp, OutputStream out) {
        this.target = target;
        this.temp = temp;
        this.out = out;
    }

    /** Starts writing {@code target} (created or replaced on close). */
    public static ArlWriter create(Path target) {
        Path abs = target.toAbsolutePath();
        try {
            Path dir = abs.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path temp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".partial");
            return new ArlWriter(abs, temp, new BufferedOutputStream(Files.newOutputStream(temp), 1 << 20));
        } catch (IOException e) {
            throw new OutputWriteException("cannot create met file " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes one period: the index (with checksums) and the fields, which must be given level by
     * level (all of level 0, then level 1, ...), in the order they are to appear.
     */
    public void writePeriod(PeriodHeader header, List<ArlField> fields) {
        if (closed) {
            throw new IllegalStateException("writer of " + target + " is closed");
        }
        ArlGrid g = header.grid();
        String reason = g.unsupportedReason();
        if (reason != null) {
            throw new IllegalArgumentException("cannot write grid: " + reason);
        }
        if (grid != null && !grid.equals(g)) {
            throw new IllegalArgumentException("period " + header.validTime() + " has grid " + g
                    + "; every period of a file must have the first period's grid " + grid);
        }
        if (lastTime != null) {
            Duration step = Duration.between(lastTime, header.validTime());
            if (step.isNegative() || step.isZero() || (interval != null && !interval.equals(step))) {
                throw new IllegalArgumentException("period " + header.validTime() + " follows " + lastTime
                        + "; periods must increase at a constant interval" + (interval == null ? "" : " of " + interval));
            }
            interval = step;
        }
        if (header.validTime().getEpochSecond() % 60 != 0) {
            throw new IllegalArgumentException("valid time " + header.validTime() + " is not on a whole minute");
        }
        int nz = header.levelValues().length;
        List<List<ArlVariable>> catalogue = new ArrayList<>();
        for (int k = 0; k < nz; k++) {
            catalogue.add(new ArrayList<>());
        }
        List<ArlPacking.Packed> packed = new ArrayList<>(fields.size());
        int previousLevel = 0;
        for (ArlField f : fields) {
            if (f.level() >= nz || f.level() < previousLevel) {
                throw new IllegalArgumentException("field " + f.variable() + " at level " + f.level()
                        + ": fields must come level by level (0.." + (nz - 1) + ") in file order");
            }
            previousLevel = f.level();
            if (f.values().length != g.points()) {
                throw new IllegalArgumentException("field " + f.variable() + " at level " + f.level() + " has "
                        + f.values().length + " values; the grid has " + g.nx() + " × " + g.ny() + " = " + g.points());
            }
            ArlPacking.Packed p = f.exponent() == ArlField.AUTO_EXPONENT
                    ? ArlPacking.pack(f.values(), g.nx(), g.ny())
                    : ArlPacking.pack(f.values(), g.nx(), g.ny(), f.exponent());
            packed.add(p);
            catalogue.get(f.level()).add(new ArlVariable(f.variable(), p.checksum()));
        }
        List<ArlLevel> levels = new ArrayList<>(nz);
        for (int k = 0; k < nz; k++) {
            levels.add(new ArlLevel(header.levelValues()[k], catalogue.get(k)));
        }
        LocalDateTime t = LocalDateTime.ofInstant(header.validTime(), ZoneOffset.UTC);
        ArlIndex index = new ArlIndex(header.source(), header.forecastHour(), t.getMinute(), header.validTime(), g,
                header.vertical().flag(), levels);
        String gridId = ArlLabel.gridIdFor(g.nx(), g.ny());
        try {
            byte[] text = index.textBytes();
            int points = g.points();
            byte[] data = new byte[points];
            ArlLabel indexLabel = new ArlLabel(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(),
                    header.forecastHour(), 0, gridId, "INDX", 0, 0f, 0f);
            byte[] indexLabelBytes = indexLabel.toBytes();
            for (int r = 0; r < index.indexRecords(); r++) {
                Arrays.fill(data, (byte) 0);
                int n = Math.min(points, text.length - r * points);
                System.arraycopy(text, r * points, data, 0, n);
                out.write(indexLabelBytes);
                out.write(data);
            }
            for (int i = 0; i < fields.size(); i++) {
                ArlField f = fields.get(i);
                ArlPacking.Packed p = packed.get(i);
                ArlLabel label = new ArlLabel(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(),
                        f.forecastHour(), f.level(), gridId, f.variable(), p.exponent(), p.precision(), p.firstValue());
                out.write(label.toBytes());
                out.write(p.bytes());
            }
        } catch (IOException e) {
            failed = true;
            throw new OutputWriteException("cannot write met file " + target + ": " + e.getMessage(), e);
        }
        grid = g;
        lastTime = header.validTime();
    }

    /**
     * Copies one period of an open file, keeping each record's exponent and forecast hour so that
     * the bytes are reproduced exactly.
     */
    public void copyPeriod(ArlFile file, ArlPeriod period) {
        ArlIndex idx = period.index();
        double[] levels = idx.levels().stream().mapToDouble(ArlLevel::value).toArray();
        List<ArlField> fields = new ArrayList<>();
        int i = 0;
        for (int k = 0; k < idx.levelCount(); k++) {
            for (ArlVariable v : idx.levels().get(k).variables()) {
                ArlRecord r = period.records().get(i++);
                float[] values = new float[file.grid().points()];
                file.readExact(period, v.name(), k, values, 0);
                fields.add(new ArlField(v.name(), k, values, r.label().exponent(),
                        r.label().forecastHour()));
            }
        }
        ArlGrid g = idx.grid();
        writePeriod(new PeriodHeader(idx.source(), idx.forecastHour(), idx.validTime(), g, idx.verticalCoordinate(),
                levels), fields);
    }

    /** Finishes the file and renames it to its target name. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
            if (failed || grid == null) {
                Files.deleteIfExists(temp);
                if (!failed) {
                    throw new OutputWriteException("met file " + target + " has no periods; nothing was written", null);
                }
                return;
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new OutputWriteException("cannot finish met file " + target + ": " + e.getMessage(), e);
        }
    }

    /** Abandons the file: the temporary file is deleted and the target is left as it was. */
    public void abort() {
        failed = true;
        close();
    }
}
