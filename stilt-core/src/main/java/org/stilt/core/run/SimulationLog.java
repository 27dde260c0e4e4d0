package org.stilt.core.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A simulation's {@code stilt.log}: one line per event, prefixed with the UTC time, appended (an earlier run's lines
 * stay, as R-STILT's log does).
 *
 * <p>Thread-safety: confined to the thread running the simulation.
 */
final class SimulationLog {

    /** The log file name in the simulation folder (R-STILT's). */
    static final String FILE = "stilt.log";

    private final Path file;

    SimulationLog(Path simulationDir) {
        this.file = simulationDir.resolve(FILE);
    }

    Path file() {
        return file;
    }

    /** Appends one line (several for a multi-line message). */
    void line(String text) {
        String stamp = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        StringBuilder sb = new StringBuilder();
        text.lines().forEach(l -> sb.append(stamp).append(' ').append(l).append('\n'));
        try {
            Files.writeString(file, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }
}
