package org.stilt.parity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the shared R-STILT reference data ({@code manifest.json} and the case directories), which is
 * read in place and never copied into this repository: the system property
 * {@code stilt.reference.dir} (set by the parent POM's surefire configuration to
 * {@code ../shared/reference} next to the repository) when it is set, which then is the only place
 * looked at; otherwise {@code ../shared/reference} relative to the repository root (from the module
 * or the root working directory), e.g. when run from an IDE.
 *
 * <p>Thread-safety: stateless static functions; safe for concurrent use.
 */
final class ReferenceLocation {

    /** System property naming the reference directory. */
    static final String PROPERTY = "stilt.reference.dir";

    private ReferenceLocation() {
    }

    /** Directories tried, in order. */
    static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            out.add(Path.of(prop).toAbsolutePath().normalize());
            return out;
        }
        Path cwd = Path.of("").toAbsolutePath();
        out.add(cwd.resolve("../../shared/reference").normalize()); // from parity-tests/
        out.add(cwd.resolve("../shared/reference").normalize()); // from the repository root
        return out;
    }

    /** The first candidate holding a manifest.json. */
    static Optional<Path> find() {
        for (Path p : candidates()) {
            if (Files.isRegularFile(p.resolve("manifest.json"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** A loud explanation for stderr when the data is absent. */
    static String absentMessage() {
        return "\n" + "*".repeat(78) + "\n"
                + "*** R-STILT REFERENCE DATA NOT FOUND: FOOTPRINT PARITY TESTS ARE SKIPPED, NOT PASSED.\n"
                + "*** Tried: " + candidates() + "\n"
                + "*** Set -D" + PROPERTY + "=DIR to the directory holding manifest.json.\n"
                + "*".repeat(78) + "\n";
    }
}
