package org.stilt.parity;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Public entry to {@link ReferenceLocation} for test packages below {@code org.stilt.parity}: the
 * reference directory, or a loud skip when it is absent.
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
public final class ReferenceAccess {

    private ReferenceAccess() {
    }

    /** The shared reference directory; aborts the calling test (skipped loudly) when absent. */
    public static Path referenceDir() {
        Optional<Path> found = ReferenceLocation.find();
        if (found.isEmpty()) {
            System.err.println(ReferenceLocation.absentMessage());
            Assumptions.abort("reference data not found (tried " + ReferenceLocation.candidates() + ")");
        }
        return found.get();
    }
}
