package org.stilt.core.met;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared reference met files; tests skip loudly when they are absent. */
final class MetReference {

    private MetReference() {
    }

    static Path dir() {
        return Path.of(System.getProperty("stilt.reference.dir", "../../shared/reference"));
    }

    static Path hrrr(String name) {
        Path p = dir().resolve("met").resolve(name);
        if (!Files.isRegularFile(p)) {
            System.err.println("SKIPPED: reference met file not available: " + p.toAbsolutePath());
        }
        assumeTrue(Files.isRegularFile(p), "reference met file not available: " + p);
        return p;
    }

    static Path e2e(String caseName, String file) {
        Path p = dir().resolve("e2e").resolve(caseName).resolve(file);
        if (!Files.isRegularFile(p)) {
            System.err.println("SKIPPED: reference met file not available: " + p.toAbsolutePath());
        }
        assumeTrue(Files.isRegularFile(p), "reference met file not available: " + p);
        return p;
    }
}
