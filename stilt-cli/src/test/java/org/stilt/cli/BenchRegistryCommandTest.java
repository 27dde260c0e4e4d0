package org.stilt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * A small run of {@code stilt bench registry} on SQLite (the benchmark itself is not a test: this only
 * checks that it runs, kills, recovers and prints its table, ratio and proof).
 *
 * <p>Thread-safety: a JUnit test class.
 */
class BenchRegistryCommandTest {

    @Test
    void aSmallSqliteRunPrintsTheTableTheRatioAndTheProof() {
        CliRun r = CliRun.of("bench", "registry", "--db", "sqlite", "--simulations", "40", "--workers", "2",
                "--kill-every", "1.5", "--sleep-ms", "50", "--lease-seconds", "3");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(Pattern.compile("(?m)^baseline 1 worker\\s+40\\s").matcher(r.out()).find(), r.out());
        assertTrue(Pattern.compile("(?m)^2 workers with kills\\s+40\\s").matcher(r.out()).find(), r.out());
        assertTrue(r.out().contains("ratio (2 workers with kills / baseline 1 worker), completions per second: "),
                r.out());
        assertEquals(2, r.out().lines().filter(l -> l.endsWith("-> EXACTLY ONCE: OK")).count(), r.out());
        assertTrue(r.out().contains("completed exactly once: 40/40, more than once: 0, not complete: 0,"
                + " attempts left open: 0"), r.out());
    }
}
