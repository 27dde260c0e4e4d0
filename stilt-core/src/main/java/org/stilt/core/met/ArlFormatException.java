package org.stilt.core.met;

import java.nio.file.Path;

import org.stilt.core.UnreadableInputException;

/**
 * An ARL meteorology file is malformed: truncated, a corrupt label or index, records that do not
 * match the index, a time gap, an unsupported grid or vertical coordinate, or a checksum
 * mismatch. The message always names the file, the 0-based record number, the byte offset of
 * that record and what was expected, e.g. {@code "met file f.arl: record 786 at byte 1993500:
 * corrupt label ...: month '13' ...; expected 1..12"}; the same facts are available as
 * accessors, with a machine-readable {@link Problem} for callers and tests.
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public class ArlFormatException extends UnreadableInputException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the file. */
    public enum Problem {
        /** The file ends inside a record or before the records its index lists. */
        TRUNCATED,
        /** The file size is not a whole number of records of the length the index implies. */
        RECORD_LENGTH,
        /** A 50-byte record label has a malformed field (non-digits, impossible date, bad real). */
        CORRUPT_LABEL,
        /** The index header or catalogue is malformed (grid size, level count, LENH, ...). */
        CORRUPT_INDEX,
        /** A record is not the variable, level or time the index lists at its place. */
        CATALOGUE_MISMATCH,
        /** A record's packed bytes do not sum to the checksum its index lists. */
        CHECKSUM_MISMATCH,
        /** The vertical coordinate flag is not one of 1..5. */
        UNKNOWN_VERTICAL_COORDINATE,
        /** The grid geometry is not one this engine supports. */
        UNSUPPORTED_GRID,
        /** Periods are not at one constant, increasing interval, or grids differ between periods. */
        INCONSISTENT_PERIODS
    }

    private final transient Path path;
    private final long recordNumber;
    private final long byteOffset;
    private final Problem problem;

    /**
     * @param path         the file
     * @param recordNumber 0-based record number at fault
     * @param byteOffset   byte offset in the file of that record (or of the fault, for truncation)
     * @param problem      the kind of problem
     * @param what         what was found and what was expected
     */
    public ArlFormatException(Path path, long recordNumber, long byteOffset, Problem problem, String what) {
        super("met file " + path + ": record " + recordNumber + " at byte " + byteOffset + ": " + what);
        this.path = path;
        this.recordNumber = recordNumber;
        this.byteOffset = byteOffset;
        this.problem = problem;
    }

    /** The file. */
    public Path path() {
        return path;
    }

    /** The 0-based record number at fault. */
    public long recordNumber() {
        return recordNumber;
    }

    /** Byte offset of the record at fault. */
    public long byteOffset() {
        return byteOffset;
    }

    /** The kind of problem. */
    public Problem problem() {
        return problem;
    }
}
