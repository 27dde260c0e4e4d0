package org.stilt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code stilt bench met-unpack} runs and prints its table (no timing is asserted). */
class BenchMetUnpackCommandTest {

    @Test
    void printsThroughputAndRatioRows() {
        String file = MetInfoCommandTest.hrrr("20190530_00-05_hrrr").toString();
        CliRun r = CliRun.of("bench", "met-unpack", "--warmup", "0", "--iterations", "1", file);
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("unpack MB/s"), r.out());
        assertTrue(r.out().contains("synthetic 1799 × 1059"), r.out());
        assertTrue(r.out().contains("20190530_00-05_hrrr "), r.out());
        assertTrue(r.out().contains("20190530_00-05_hrrr exact"), r.out());
        r = CliRun.of("bench", "met-unpack", "--iterations", "0");
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
    }
}
