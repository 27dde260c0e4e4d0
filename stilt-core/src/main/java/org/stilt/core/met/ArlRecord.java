package org.stilt.core.met;

/**
 * Where one data record of an ARL file is and what its label says.
 *
 * @param recordNumber 0-based record number in the file
 * @param byteOffset   byte offset of the record's label in the file
 * @param label        the record's parsed label
 *
 * <p>Thread-safety: immutable value.
 */
public record ArlRecord(long recordNumber, long byteOffset, ArlLabel label) {
}
