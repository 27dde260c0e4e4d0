package org.stilt.core.run;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

import org.stilt.core.DurableFiles;
import org.stilt.core.EngineInfo;

/**
 * The small file {@value #FILE} in a simulation folder, written last (temporary name, then rename): its presence
 * with the same fingerprint means the simulation is complete for that configuration. Deleted first when a
 * simulation is (re)computed, so an interrupted simulation never looks complete.
 *
 * @param fingerprint the simulation's configuration fingerprint ({@link SimulationSpec#fingerprint()})
 * @param status      {@code done} or {@code empty} (complete-empty: every footprint empty)
 * @param files       the output file names in the folder that must exist for the simulation to be complete
 *
 * <p>Thread-safety: immutable value; reading and writing touch only the given folder.
 */
record CompletionMarker(String fingerprint, SimulationStatus status, List<String> files) {

    /** The marker file name. */
    static final String FILE = "stilt-complete.properties";

    CompletionMarker {
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (status != SimulationStatus.DONE && status != SimulationStatus.EMPTY) {
            throw new IllegalArgumentException("a completion marker records done or empty, not " + status);
        }
        files = List.copyOf(files);
    }

    /** The marker in {@code dir}, or null when absent or unreadable (then the simulation is not complete). */
    static CompletionMarker read(Path dir) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(FILE), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        String fp = p.getProperty("fingerprint");
        String st = p.getProperty("status");
        if (fp == null || st == null) {
            return null;
        }
        List<String> files = new ArrayList<>();
        String f = p.getProperty("files", "");
        for (String name : f.split(",")) {
            if (!name.isBlank()) {
                files.add(name.strip());
            }
        }
        try {
            return new CompletionMarker(fp, SimulationStatus.valueOf(st.toUpperCase(java.util.Locale.ROOT)), files);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** True when every listed file exists in {@code dir}. */
    boolean filesPresent(Path dir) {
        return files.stream().allMatch(n -> Files.isRegularFile(dir.resolve(n)));
    }

    /** Writes the marker into {@code dir} durably (temporary name, then rename). */
    void write(Path dir) throws IOException {
        Properties p = new Properties();
        p.setProperty("fingerprint", fingerprint);
        p.setProperty("status", status.name().toLowerCase(java.util.Locale.ROOT));
        p.setProperty("files", String.join(",", files));
        p.setProperty("engine", EngineInfo.nameAndVersion());
        p.setProperty("completed", java.time.Instant.now().toString());
        Path tmp = dir.resolve("." + FILE + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "stilt-java: this simulation is complete for this fingerprint (docs/run.md)");
        }
        DurableFiles.commit(tmp, dir.resolve(FILE));
    }

    /** Deletes the marker of {@code dir} if present. */
    static void delete(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(FILE));
    }
}
