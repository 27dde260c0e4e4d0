package org.stilt.core.met;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.stilt.core.MetUnavailableException;
import org.stilt.core.UnreadableInputException;

/**
 * A read-only ARL meteorology file (docs/met.md). Opening maps the file into memory (a gzip file
 * is inflated into the heap instead) and checks its structure by reading every record label: the
 * record length, each period's index (multi-record indexes and lettered grid sizes included), that
 * each record is the level and variable the index lists, the same grid in every period and
 * periods at one constant interval. Fields are unpacked on demand.
 *
 * <p>Every malformed file gives an {@link ArlFormatException} (an {@link UnreadableInputException})
 * naming the file, the record number and byte offset, and what was expected; never an
 * index-out-of-bounds or number-format error (docs/met.md, "What is checked"). Grids of fewer
 * than 108 points, whose index header continues in further INDX records, are recognised.
 * Checksums are not checked on open (HYSPLIT does not either): see {@link #checksumMismatches()}
 * and {@link #requireValidChecksums()}. A variable the file does not hold gives a
 * {@link MetUnavailableException}.
 *
 * <p>Thread-safety: immutable after {@link #open}; concurrent reads are safe (reads use absolute
 * buffer indexing). Mapped memory is released by the garbage collector when the object is
 * unreachable.
 */
public final class ArlFile {

    /** Largest mapped region; a period larger than this is read through several regions. */
    private static final long MAX_REGION = Integer.MAX_VALUE - 8L;

    private final Path path;
    private final long sizeBytes;
    private final int recordLength;
    private final ArlGrid grid;
    private final List<ArlPeriod> periods;
    /** One buffer per period, holding that period's records from its first index record. */
    private final List<ByteBuffer> periodBuffers;
    private final List<Long> periodOffsets;

    private ArlFile(Path path, long sizeBytes, int recordLength, ArlGrid grid, List<ArlPeriod> periods,
                    List<ByteBuffer> periodBuffers, List<Long> periodOffsets) {
        this.path = path;
        this.sizeBytes = sizeBytes;
        this.recordLength = recordLength;
        this.grid = grid;
        this.periods = Collections.unmodifiableList(periods);
        this.periodBuffers = periodBuffers;
        this.periodOffsets = periodOffsets;
    }

    /**
     * Opens an ARL file ({@code .gz} files are inflated into memory).
     *
     * @throws UnreadableInputException when the file is missing, unreadable or malformed
     */
    public static ArlFile open(Path path) {
        try {
            if (path.getFileName() != null && path.getFileName().toString().endsWith(".gz")) {
                byte[] bytes;
                try {
                    bytes = GzipBytes.inflate(path, MAX_REGION);
                } catch (OutOfMemoryError e) {
                    throw new UnreadableInputException("met file " + path + " is too large to inflate in this JVM's"
                            + " heap (" + Runtime.getRuntime().maxMemory() + " bytes); expected a smaller file, or"
                            + " gunzip it so that it is mapped instead", e);
                }
                return parse(path, ByteBuffer.wrap(bytes).asReadOnlyBuffer(), null);
            }
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                return parse(path, null, ch);
            }
        } catch (NoSuchFileException e) {
            throw new UnreadableInputException("met file " + path + " does not exist");
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read met file " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads an ARL file held in memory (e.g. downloaded or inflated by the caller); {@code name}
     * is used in messages and as {@link #path()}. The array is not copied: do not change it.
     *
     * @throws ArlFormatException when the bytes are not a well-formed ARL file
     */
    public static ArlFile of(Path name, byte[] bytes) {
        try {
            return parse(name, ByteBuffer.wrap(bytes).asReadOnlyBuffer(), null);
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read met file " + name + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code length} bytes at {@code offset} from either the whole-file buffer or the channel. */
    private static byte[] readBytes(ByteBuffer whole, FileChannel ch, long offset, int length) throws IOException {
        byte[] b = new byte[length];
        if (whole != null) {
            whole.get((int) offset, b);
        } else {
            ByteBuffer bb = ByteBuffer.wrap(b);
            while (bb.hasRemaining()) {
                int n = ch.read(bb, offset + bb.position());
                if (n < 0) {
                    throw new IOException("unexpected end of file at byte " + (offset + bb.position()));
                }
            }
        }
        return b;
    }

    /** Where the bytes come from: the whole file in memory (gzip) or a channel. */
    private record Source(Path path, ByteBuffer whole, FileChannel ch, long size) {

        byte[] read(long offset, int length) throws IOException {
            if (offset < 0 || offset + length > size) {
                throw new IOException("read of " + length + " bytes at " + offset + " beyond the file's " + size);
            }
            return readBytes(whole, ch, offset, length);
        }

        ArlFormatException fail(long record, long offset, ArlFormatException.Problem problem, String what) {
            return new ArlFormatException(path, record, offset, problem, what);
        }
    }

    /**
     * Reads {@code length} bytes of index text that starts in the data part of INDX record
     * {@code record} and continues in the data parts of the following records, each of which must
     * be an INDX record with the same date (grids of fewer points than the text).
     */
    private static byte[] indexText(Source src, long record, int recordLength, int points, int length,
                                    ArlLabel first) throws IOException {
        byte[] text = new byte[length];
        int needed = (length + points - 1) / points;
        for (int r = 0; r < needed; r++) {
            long ro = (record + r) * recordLength;
            if (ro + recordLength > src.size()) {
                throw src.fail(record + r, ro, ArlFormatException.Problem.TRUNCATED, "the index text of "
                        + length + " bytes needs " + needed + " INDX records of " + recordLength
                        + " bytes but the file ends at byte " + src.size() + " (truncated file)");
            }
            if (r > 0) {
                ArlLabel lr = label(src, src.read(ro, ArlLabel.LENGTH), record + r, ro);
                if (!lr.variable().equals("INDX") || !lr.dateTime().equals(first.dateTime())) {
                    throw src.fail(record + r, ro, ArlFormatException.Problem.CATALOGUE_MISMATCH, "record is '"
                            + lr.variable() + "' dated " + lr.dateTime() + "; expected INDX continuation " + (r + 1)
                            + " of " + needed + " dated " + first.dateTime() + " (index text of " + length + " bytes)");
                }
            }
            int n = Math.min(points, length - r * points);
            System.arraycopy(src.read(ro + ArlLabel.LENGTH, n), 0, text, r * points, n);
        }
        return text;
    }

    /** The first index header, found by trying the record lengths of grids smaller than the header. */
    private static ArlIndex.Header firstHeader(Source src, ArlLabel label0) throws IOException {
        ArlText.FieldException firstError = null;
        try {
            ArlIndex.Header h = ArlIndex.parseHeader(src.read(ArlLabel.LENGTH, ArlIndex.HEADER_LENGTH), 0, label0);
            long points = (long) h.nx() * h.ny();
            if (points >= ArlIndex.HEADER_LENGTH) {
                return h;
            }
        } catch (ArlText.FieldException e) {
            firstError = e;
        }
        // A grid of fewer than 108 points: the header itself continues in the next INDX record(s).
        for (int points = 4; points < ArlIndex.HEADER_LENGTH; points++) {
            int rl = ArlLabel.LENGTH + points;
            if (src.size() % rl != 0 || src.size() < 2L * rl) {
                continue;
            }
            try {
                byte[] text = indexText(src, 0, rl, points, ArlIndex.HEADER_LENGTH, label0);
                ArlIndex.Header h = ArlIndex.parseHeader(text, 0, label0);
                if ((long) h.nx() * h.ny() == points) {
                    return h;
                }
            } catch (ArlText.FieldException | ArlFormatException e) {
                // not this record length
            }
        }
        throw src.fail(0, 0, ArlFormatException.Problem.CORRUPT_INDEX, "corrupt index header: "
                + (firstError != null ? firstError.getMessage()
                        : "the header gives a grid of fewer than 108 points but does not continue in INDX records"
                        + " of that grid's length"));
    }

    private static ArlFile parse(Path path, ByteBuffer whole, FileChannel ch) throws IOException {
        long size = whole != null ? whole.capacity() : ch.size();
        Source src = new Source(path, whole, ch, size);
        if (size < ArlLabel.LENGTH + ArlIndex.HEADER_LENGTH) {
            throw src.fail(0, 0, ArlFormatException.Problem.TRUNCATED, "the file has " + size
                    + " bytes; expected at least the " + (ArlLabel.LENGTH + ArlIndex.HEADER_LENGTH)
                    + "-byte index label and header of an ARL file (truncated or not ARL)");
        }
        ArlLabel label0 = label(src, src.read(0, ArlLabel.LENGTH), 0, 0);
        if (!label0.variable().equals("INDX")) {
            throw src.fail(0, 0, ArlFormatException.Problem.CATALOGUE_MISMATCH, "record is '"
                    + ArlText.printable(label0.variable()) + "'; expected an INDX record (not an ARL file?)");
        }
        ArlIndex.Header h0 = firstHeader(src, label0);
        long points = (long) h0.nx() * h0.ny();
        long recordLength = ArlLabel.LENGTH + points;
        if (recordLength > MAX_REGION) {
            throw src.fail(0, 0, ArlFormatException.Problem.CORRUPT_INDEX, "grid of " + h0.nx() + " × " + h0.ny()
                    + " points gives records of " + recordLength + " bytes; at most " + MAX_REGION + " are supported");
        }
        int rl = (int) recordLength;
        int pts = (int) points;
        if (size % rl != 0) {
            throw src.fail(size / rl, size / rl * rl, ArlFormatException.Problem.RECORD_LENGTH, "the file has "
                    + size + " bytes, not a whole number of " + rl + "-byte records (50 + " + h0.nx() + " × "
                    + h0.ny() + "): " + size / rl + " complete records and " + size % rl
                    + " bytes of a truncated record; expected a multiple of " + rl + " bytes");
        }
        long totalRecords = size / rl;
        List<ArlPeriod> periods = new ArrayList<>();
        List<ByteBuffer> buffers = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        ArlGrid grid = null;
        Duration interval = null;
        long record = 0;
        while (record < totalRecords) {
            long offset = record * rl;
            ArlLabel label = label(src, src.read(offset, ArlLabel.LENGTH), record, offset);
            if (!label.variable().equals("INDX")) {
                throw src.fail(record, offset, ArlFormatException.Problem.CATALOGUE_MISMATCH, "record is '"
                        + ArlText.printable(label.variable()) + "' level " + label.level()
                        + "; expected the INDX record of period " + periods.size()
                        + " (the previous period's index lists fewer records than the file has)");
            }
            ArlIndex.Header h;
            try {
                h = ArlIndex.parseHeader(indexText(src, record, rl, pts, ArlIndex.HEADER_LENGTH, label), 0, label);
            } catch (ArlText.FieldException e) {
                throw src.fail(record, offset, ArlFormatException.Problem.CORRUPT_INDEX,
                        "corrupt index header: " + e.getMessage());
            }
            if (h.nx() != h0.nx() || h.ny() != h0.ny()) {
                throw src.fail(record, offset, ArlFormatException.Problem.INCONSISTENT_PERIODS, "index grid is "
                        + h.nx() + " × " + h.ny() + "; expected " + h0.nx() + " × " + h0.ny() + " as in the first period");
            }
            int indexRecords = (h.textLength() + pts - 1) / pts;
            if (record + indexRecords > totalRecords) {
                throw src.fail(record, offset, ArlFormatException.Problem.TRUNCATED, "index length LENH "
                        + h.textLength() + " needs " + indexRecords + " INDX records but the file ends after "
                        + (totalRecords - record) + " (truncated file); expected the whole index");
            }
            byte[] text = indexText(src, record, rl, pts, h.textLength(), label);
            ArlIndex index;
            try {
                index = ArlIndex.parse(text, 0, h, label);
            } catch (ArlText.FieldException e) {
                throw src.fail(record, offset, ArlFormatException.Problem.CORRUPT_INDEX, "corrupt index: "
                        + e.getMessage());
            }
            if (index.verticalCoordinate() == null) {
                throw src.fail(record, offset, ArlFormatException.Problem.UNKNOWN_VERTICAL_COORDINATE,
                        "unknown vertical coordinate flag " + index.verticalFlag()
                        + "; expected 1 (sigma), 2 (pressure), 3 (terrain), 4 (hybrid) or 5 (WRF)");
            }
            String unsupported = index.grid().unsupportedReason();
            if (unsupported != null) {
                throw src.fail(record, offset, ArlFormatException.Problem.UNSUPPORTED_GRID, "unsupported grid: "
                        + unsupported);
            }
            if (grid == null) {
                grid = index.grid();
            } else if (!grid.equals(index.grid())) {
                throw src.fail(record, offset, ArlFormatException.Problem.INCONSISTENT_PERIODS, "period "
                        + periods.size() + " has grid " + index.grid() + "; expected the first period's grid " + grid);
            }
            if (!periods.isEmpty()) {
                Instant prev = periods.get(periods.size() - 1).validTime();
                Duration step = Duration.between(prev, index.validTime());
                if (step.isNegative() || step.isZero()) {
                    throw src.fail(record, offset, ArlFormatException.Problem.INCONSISTENT_PERIODS, "period "
                            + periods.size() + " is valid at " + index.validTime() + ", not after the previous period's "
                            + prev + "; expected periods in increasing time order");
                }
                if (interval == null) {
                    interval = step;
                } else if (!interval.equals(step)) {
                    throw src.fail(record, offset, ArlFormatException.Problem.INCONSISTENT_PERIODS, "time gap: period "
                            + periods.size() + " at " + index.validTime() + " comes " + step + " after " + prev
                            + "; expected the file's interval " + interval
                            + " (meteorological data time interval varies)");
                }
            }
            long periodRecords = index.records();
            if (record + periodRecords > totalRecords) {
                throw src.fail(record, offset, ArlFormatException.Problem.TRUNCATED, "the index of period "
                        + periods.size() + " (" + index.validTime() + ") lists " + index.dataRecords()
                        + " data records but the file ends after " + (totalRecords - record - indexRecords)
                        + " (truncated file); expected " + (record + periodRecords - totalRecords) + " more records");
            }
            long periodBytes = periodRecords * rl;
            if (periodBytes > MAX_REGION) {
                throw src.fail(record, offset, ArlFormatException.Problem.CORRUPT_INDEX, "a period of "
                        + periodBytes + " bytes is larger than the " + MAX_REGION + " bytes one mapping can hold");
            }
            ByteBuffer buf = whole != null
                    ? whole.slice((int) offset, (int) periodBytes)
                    : ch.map(FileChannel.MapMode.READ_ONLY, offset, periodBytes);
            List<ArlRecord> records = new ArrayList<>(index.dataRecords());
            byte[] lb = new byte[ArlLabel.LENGTH];
            long r = record + indexRecords;
            for (int k = 0; k < index.levelCount(); k++) {
                for (ArlVariable v : index.levels().get(k).variables()) {
                    long ro = r * rl;
                    buf.get((int) (ro - offset), lb);
                    ArlLabel l = label(src, lb, r, ro);
                    if (!l.variable().equals(v.name()) || l.level() != k) {
                        throw src.fail(r, ro, ArlFormatException.Problem.CATALOGUE_MISMATCH, "record is '"
                                + ArlText.printable(l.variable()) + "' level " + l.level() + "; expected '"
                                + v.name() + "' level " + k + " as listed by the index of period " + periods.size()
                                + " (" + index.validTime() + ")");
                    }
                    if (!l.dateTime().equals(label.dateTime())) {
                        throw src.fail(r, ro, ArlFormatException.Problem.CATALOGUE_MISMATCH, "record ('"
                                + l.variable() + "' level " + k + ") is dated " + l.dateTime() + "; expected "
                                + label.dateTime() + " as its period's index");
                    }
                    records.add(new ArlRecord(r, ro, l));
                    r++;
                }
            }
            periods.add(new ArlPeriod(periods.size(), index, records));
            buffers.add(buf);
            offsets.add(offset);
            record += periodRecords;
        }
        return new ArlFile(path, size, rl, grid, periods, buffers, offsets);
    }

    private static ArlLabel label(Source src, byte[] b, long record, long offset) {
        try {
            return ArlLabel.parse(b, 0);
        } catch (ArlText.FieldException e) {
            throw src.fail(record, offset, ArlFormatException.Problem.CORRUPT_LABEL, "corrupt label '"
                    + ArlText.printable(ArlText.ascii(b, 0, ArlLabel.LENGTH)) + "': " + e.getMessage());
        }
    }


    /** The file. */
    public Path path() {
        return path;
    }

    /** File size in bytes (inflated size for gzip files). */
    public long sizeBytes() {
        return sizeBytes;
    }

    /** Record length in bytes: 50 + NX·NY. */
    public int recordLength() {
        return recordLength;
    }

    /** The horizontal grid (the same in every period). */
    public ArlGrid grid() {
        return grid;
    }

    /** The periods in time order. */
    public List<ArlPeriod> periods() {
        return periods;
    }

    /** First valid time. */
    public Instant firstTime() {
        return periods.get(0).validTime();
    }

    /** Last valid time. */
    public Instant lastTime() {
        return periods.get(periods.size() - 1).validTime();
    }

    /** Interval between periods, or null for a file with one period. */
    public Duration interval() {
        return periods.size() < 2 ? null
                : Duration.between(periods.get(0).validTime(), periods.get(1).validTime());
    }

    /** The period valid at exactly {@code time}, or null. */
    public ArlPeriod periodAt(Instant time) {
        for (ArlPeriod p : periods) {
            if (p.validTime().equals(time)) {
                return p;
            }
        }
        return null;
    }

    /**
     * The record of {@code variable} at {@code level} in {@code period}.
     *
     * @throws MetUnavailableException naming the variables available when there is none
     */
    public ArlRecord record(ArlPeriod period, String variable, int level) {
        ArlRecord r = period.find(variable, level);
        if (r == null) {
            String available = level >= 0 && level < period.index().levelCount()
                    ? period.index().levels().get(level).variables().stream().map(ArlVariable::name).toList().toString()
                    : "levels 0.." + (period.index().levelCount() - 1);
            throw new MetUnavailableException("met file " + path + ": period " + period.validTime() + " has no variable '"
                    + variable + "' at level " + level + "; available: " + available);
        }
        return r;
    }

    private int bufferOffset(ArlPeriod period, ArlRecord r) {
        return (int) (r.byteOffset() - periodOffsets.get(period.number())) + ArlLabel.LENGTH;
    }

    /** Unpacks one field into a new array ({@code nx·ny} values, x fastest). */
    public float[] read(ArlPeriod period, String variable, int level) {
        float[] out = new float[grid.points()];
        read(period, variable, level, out, 0);
        return out;
    }

    /**
     * Unpacks one field into {@code dst} at {@code dstOffset} as HYSPLIT reads it: values whose
     * magnitude is below the label's precision are zero (docs/met.md "Precision zeros").
     */
    public void read(ArlPeriod period, String variable, int level, float[] dst, int dstOffset) {
        unpack(period, variable, level, dst, dstOffset, true);
    }

    /**
     * Unpacks one field into {@code dst} at {@code dstOffset} exactly as packed, without
     * {@link #read}'s precision zeros (for copying a file byte for byte).
     */
    public void readExact(ArlPeriod period, String variable, int level, float[] dst, int dstOffset) {
        unpack(period, variable, level, dst, dstOffset, false);
    }

    private void unpack(ArlPeriod period, String variable, int level, float[] dst, int dstOffset,
                        boolean precisionZeros) {
        ArlRecord r = record(period, variable, level);
        if (dstOffset < 0 || dstOffset > dst.length - grid.points()) {
            throw new IllegalArgumentException("destination of " + dst.length + " floats at offset " + dstOffset
                    + " cannot hold the " + grid.points() + " values of a field of " + path);
        }
        ArlPacking.unpack(periodBuffers.get(period.number()), bufferOffset(period, r), grid.nx(), grid.ny(),
                r.label().exponent(), r.label().firstValue(), precisionZeros ? r.label().precision() : 0f, dst,
                dstOffset);
    }

    /**
     * Unpacks the sub-window of columns {@code x0..x0+wx-1} and rows {@code y0..y0+wy-1} (0-based)
     * of one field into {@code dst} at its position (x fastest), advancing the position by
     * {@code wx·wy}; values below the label's precision are zero, as in {@link #read}.
     */
    public void readWindow(ArlPeriod period, String variable, int level, int x0, int y0, int wx, int wy,
                           FloatBuffer dst) {
        if (x0 < 0 || y0 < 0 || wx < 1 || wy < 1 || x0 + wx > grid.nx() || y0 + wy > grid.ny()) {
            throw new IllegalArgumentException("window x " + x0 + "+" + wx + ", y " + y0 + "+" + wy
                    + " is not inside the " + grid.nx() + " × " + grid.ny() + " grid of " + path);
        }
        ArlRecord r = record(period, variable, level);
        ArlPacking.unpackWindow(periodBuffers.get(period.number()), bufferOffset(period, r), grid.nx(), grid.ny(),
                r.label().exponent(), r.label().firstValue(), r.label().precision(), x0, y0, wx, wy, dst);
    }

    /**
     * Unpacks a field and adds its difference ({@code DIF*}) record when the index lists one right
     * after it (HRRR's {@code DIFW} after {@code WWND}, {@code DIFR} after {@code TPP1}): the
     * original values to the writer's extra precision.
     */
    public float[] readWithDifference(ArlPeriod period, String variable, int level) {
        float[] out = read(period, variable, level);
        ArlLevel l = period.index().levels().get(level);
        int i = l.indexOf(variable);
        if (i + 1 < l.variables().size() && l.variables().get(i + 1).name().startsWith("DIF")) {
            float[] dif = read(period, l.variables().get(i + 1).name(), level);
            for (int k = 0; k < out.length; k++) {
                out[k] += dif[k];
            }
        }
        return out;
    }

    /** Copies the packed bytes (NX·NY) of a record. */
    public byte[] packedBytes(ArlPeriod period, String variable, int level) {
        ArlRecord r = record(period, variable, level);
        byte[] b = new byte[grid.points()];
        periodBuffers.get(period.number()).get(bufferOffset(period, r), b);
        return b;
    }

    /** A record whose bytes do not sum to the checksum its index lists. */
    public record ChecksumMismatch(ArlPeriod period, ArlRecord record, int expected, int actual) {
        /** One line naming the file position and both checksums. */
        public String describe(Path path) {
            return "met file " + path + ": record " + record.recordNumber() + " at byte " + record.byteOffset() + ": "
                    + what();
        }

        /** What is wrong, without the file position. */
        String what() {
            return "'" + record.label().variable() + "' level " + record.label().level() + " (" + period.validTime()
                    + ") has checksum " + actual + "; expected " + expected + " as its index lists";
        }
    }

    /** Checks every record against its index checksum. Empty when all match. */
    public List<ChecksumMismatch> checksumMismatches() {
        List<ChecksumMismatch> out = new ArrayList<>();
        for (ArlPeriod p : periods) {
            ByteBuffer buf = periodBuffers.get(p.number());
            int i = 0;
            for (ArlLevel l : p.index().levels()) {
                for (ArlVariable v : l.variables()) {
                    ArlRecord r = p.records().get(i++);
                    int actual = ArlPacking.checksum(buf, bufferOffset(p, r), grid.points());
                    if (actual != v.checksum()) {
                        out.add(new ChecksumMismatch(p, r, v.checksum(), actual));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Throws when any record's checksum differs from its index.
     *
     * @throws ArlFormatException naming the first mismatching record and how many there are
     */
    public void requireValidChecksums() {
        List<ChecksumMismatch> bad = checksumMismatches();
        if (!bad.isEmpty()) {
            ChecksumMismatch m = bad.get(0);
            throw new ArlFormatException(path, m.record().recordNumber(), m.record().byteOffset(),
                    ArlFormatException.Problem.CHECKSUM_MISMATCH, m.what()
                    + (bad.size() > 1 ? " (" + bad.size() + " records mismatch in total)" : ""));
        }
    }

    @Override
    public String toString() {
        return "ArlFile[" + path + ", " + grid.nx() + "×" + grid.ny() + ", " + periods.size() + " periods]";
    }
}
