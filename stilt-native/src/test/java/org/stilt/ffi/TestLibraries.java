package org.stilt.ffi;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Paths the build hands to the tests through surefire system properties (stilt-native/pom.xml).
 * Missing properties fail the test loudly: a silently skipped native test would hide breakage.
 *
 * <p>Thread-safety: stateless.
 */
final class TestLibraries {

    /** The {@code -fcheck=all} build of the library. */
    static final String CHECK_PROPERTY = "stilt.native.library.check";
    /** The committed header {@code hysplit/include/stilt_hysplit.h}. */
    static final String HEADER_PROPERTY = "stilt.native.header";

    private TestLibraries() {
    }

    static Path checkedLibrary() {
        return existing(CHECK_PROPERTY);
    }

    static Path header() {
        return existing(HEADER_PROPERTY);
    }

    /** {@code hysplit/} (the header's grandparent). */
    static Path hysplitDir() {
        return header().toAbsolutePath().getParent().getParent();
    }

    private static Path existing(String property) {
        String value = System.getProperty(property);
        assertNotNull(value, "system property " + property + " is not set (run through Maven: scripts/mvn -pl stilt-native test)");
        Path path = Path.of(value);
        assertTrue(Files.isRegularFile(path), property + "=" + value + " does not exist (build hysplit first)");
        return path;
    }
}
