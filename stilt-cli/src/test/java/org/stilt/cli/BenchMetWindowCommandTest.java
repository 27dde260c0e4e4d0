package org.stilt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code stilt bench met-window}: registered under {@code bench}, validates its options before writing files. */
class BenchMetWindowCommandTest {

    @Test
    void isListedUnderBench() {
        CliRun r = CliRun.of("bench", "--help");
        assertEquals(ExitCodes.OK, r.exitCode());
        assertTrue(r.out().contains("met-window"), r.out());
    }

    @Test
    void rejectsANonPositiveWindowBeforeWritingAnything() {
        CliRun r = CliRun.of("bench", "met-window", "--hours", "0", "--dir", "/nonexistent/never-written");
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("--hours >= 1"), r.err());
    }
}
