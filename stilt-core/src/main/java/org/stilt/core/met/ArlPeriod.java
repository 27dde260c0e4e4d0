package org.stilt.core.met;

import java.time.Instant;
import java.util.List;

/**
 * One time period of an ARL file: its index and the records of every (level, variable) it lists.
 *
 * @param number  0-based period number in the file
 * @param index   the period's index
 * @param records data records in index order (level 0 first, then by level in the index's order)
 *
 * <p>Thread-safety: immutable value.
 */
public record ArlPeriod(int number, ArlIndex index, List<ArlRecord> records) {

    public ArlPeriod {
        records = List.copyOf(records);
    }

    /** Valid time of the period. */
    public Instant validTime() {
        return index.validTime();
    }

    /** Whether the period holds {@code variable} at {@code level}. */
    public boolean has(String variable, int level) {
        return index.dataRecordOf(variable, level) >= 0;
    }

    /** The record of {@code variable} at {@code level}, or null when the period has none. */
    public ArlRecord find(String variable, int level) {
        int i = index.dataRecordOf(variable, level);
        return i < 0 ? null : records.get(i);
    }
}
