package org.stilt.ffi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.StiltException;

/**
 * {@link LibraryLoader}: the three places in order, one message listing every failed attempt,
 * the SHA-256 check of the jar resource, and the ABI handshake. Uses copies of the
 * {@code -fcheck=all} build (each copy in its own directory is a separately loaded library).
 *
 * <p>Thread-safety: JUnit creates one instance per test method; not shared.
 */
class LibraryLoaderTest {

    private static final String FILE_NAME = System.mapLibraryName(LibraryLoader.LIBRARY_NAME);

    @TempDir
    Path tmp;

    private static ClassLoader noResources() {
        return new URLClassLoader(new URL[0], null);
    }

    private static ClassLoader resourcesIn(Path root) throws IOException {
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }

    /** A resource tree native/<platform>/libstilt_hysplit.so (+ .sha256 unless null) under tmp/name. */
    private Path resourceTree(String name, String sha256Text) throws IOException {
        Path root = tmp.resolve(name);
        Path lib = root.resolve(LibraryLoader.resourceName());
        Files.createDirectories(lib.getParent());
        Files.copy(TestLibraries.checkedLibrary(), lib);
        if (sha256Text != null) {
            Files.writeString(lib.resolveSibling(FILE_NAME + ".sha256"), sha256Text);
        }
        return root;
    }

    private Path libraryCopyIn(String dirName) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(dirName));
        Files.copy(TestLibraries.checkedLibrary(), dir.resolve(FILE_NAME));
        return dir;
    }

    @Test
    void failureListsEveryAttemptInOrder() {
        String a = tmp.resolve("a").toString();
        String b = tmp.resolve("b").toString();
        NativeLibraryException e = assertThrows(NativeLibraryException.class, () ->
                LibraryLoader.search("/nonexistent/libstilt_hysplit.so", noResources(), a + File.pathSeparator + b));
        assertEquals(StiltException.Kind.NATIVE_UNAVAILABLE, e.kind());
        String m = e.getMessage();
        assertTrue(m.contains("1. system property -Dstilt.native.library=/nonexistent/libstilt_hysplit.so: no such file"), m);
        assertTrue(m.contains("2. jar resource " + LibraryLoader.resourceName() + ": not on the class path"), m);
        assertTrue(m.contains("3. java.library.path: no " + FILE_NAME + " in [" + a + ", " + b + "]"), m);
        assertTrue(m.contains("--kernel java"), m);
        assertTrue(m.contains("ABI " + StiltHysplitLibrary.ABI_VERSION), m);
    }

    @Test
    void unsetPropertyAndEmptyLibraryPathAreReported() {
        String m = assertThrows(NativeLibraryException.class,
                () -> LibraryLoader.search(null, noResources(), "")).getMessage();
        assertTrue(m.contains("1. system property stilt.native.library: not set"), m);
        assertTrue(m.contains("3. java.library.path: no " + FILE_NAME + " in []"), m);
    }

    @Test
    void resourceWithWrongSha256IsRefused() throws IOException {
        String wrong = "0".repeat(64);
        Path root = resourceTree("bad-sum", wrong + "\n");
        String actual = LibraryLoader.sha256(TestLibraries.checkedLibrary());
        String m = assertThrows(NativeLibraryException.class,
                () -> LibraryLoader.search(null, resourcesIn(root), "")).getMessage();
        assertTrue(m.contains("2. jar resource " + LibraryLoader.resourceName() + ": refused, SHA-256 mismatch: the resource hashes to "
                + actual + " but " + LibraryLoader.resourceName() + ".sha256 says " + wrong), m);
    }

    @Test
    void resourceWithoutChecksumIsRefused() throws IOException {
        Path root = resourceTree("no-sum", null);
        String m = assertThrows(NativeLibraryException.class,
                () -> LibraryLoader.search(null, resourcesIn(root), "")).getMessage();
        assertTrue(m.contains("refused, checksum resource " + LibraryLoader.resourceName() + ".sha256 is missing"), m);
    }

    @Test
    void resourceWithMalformedChecksumIsRefused() throws IOException {
        Path root = resourceTree("junk-sum", "not a digest");
        String m = assertThrows(NativeLibraryException.class,
                () -> LibraryLoader.search(null, resourcesIn(root), "")).getMessage();
        assertTrue(m.contains("does not hold a SHA-256 hex digest"), m);
    }

    @Test
    void verifiedResourceIsExtractedLoadedAndDeleted() throws IOException {
        String sum = LibraryLoader.sha256(TestLibraries.checkedLibrary());
        Path root = resourceTree("good-sum", sum + "  " + FILE_NAME + "\n");   // sha256sum's own format works too
        StiltHysplitLibrary library = LibraryLoader.search(null, resourcesIn(root), "");
        NativeLibraryInfo info = library.info();
        assertEquals(LibrarySource.JAR_RESOURCE, info.source());
        assertEquals(sum, info.sha256());
        assertTrue(info.location().endsWith(LibraryLoader.resourceName()), info.location());
        assertFalse(Files.exists(info.file()), "extracted copy deleted after loading");
        assertEquals(StiltHysplitLibrary.ABI_VERSION, library.abiVersion(), "library usable after its file was deleted");
        assertEquals(List.of("system property stilt.native.library: not set",
                "jar resource " + info.location() + ": loaded (ABI " + StiltHysplitLibrary.ABI_VERSION + ")"), info.attempts());
    }

    @Test
    void javaLibraryPathIsSearchedDirectoryByDirectory() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path dir = libraryCopyIn("lib");
        StiltHysplitLibrary library = LibraryLoader.search(null, noResources(),
                empty + File.pathSeparator + File.pathSeparator + dir);
        assertEquals(LibrarySource.JAVA_LIBRARY_PATH, library.info().source());
        assertEquals(dir.resolve(FILE_NAME).toAbsolutePath(), library.info().file());
        assertEquals(3, library.info().attempts().size(), library.info().attempts().toString());
    }

    @Test
    void systemPropertyComesFirst() throws IOException {
        Path first = libraryCopyIn("first").resolve(FILE_NAME);
        Path other = libraryCopyIn("other");
        StiltHysplitLibrary library = LibraryLoader.search(first.toString(), noResources(), other.toString());
        assertEquals(LibrarySource.SYSTEM_PROPERTY, library.info().source());
        assertEquals(first.toAbsolutePath(), library.info().file());
        assertEquals("-Dstilt.native.library=" + first, library.info().location());
    }

    /** A mistyped property is skipped but stays visible in the attempts (for stilt doctor). */
    @Test
    void failedPropertyIsRecordedWhenALaterPlaceSucceeds() throws IOException {
        Path dir = libraryCopyIn("fallback");
        StiltHysplitLibrary library = LibraryLoader.search(tmp.resolve("typo.so").toString(), noResources(), dir.toString());
        assertEquals(LibrarySource.JAVA_LIBRARY_PATH, library.info().source());
        assertTrue(library.info().attempts().getFirst().contains("typo.so: no such file"), library.info().attempts().toString());
        assertTrue(library.info().describe().contains("typo.so"), library.info().describe());
    }

    @Test
    void fileThatIsNotALibraryCannotBeOpened() throws IOException {
        Path junk = tmp.resolve(FILE_NAME);
        Files.writeString(junk, "not an ELF file");
        String m = assertThrows(NativeLibraryException.class, () -> LibraryLoader.load(junk)).getMessage();
        assertTrue(m.startsWith("cannot load the native kernel library: library file " + junk.toAbsolutePath()
                + ": cannot be opened:"), m);
    }

    @Test
    void explicitMissingFileIsNamed() {
        Path missing = tmp.resolve("missing.so");
        NativeLibraryException e = assertThrows(NativeLibraryException.class, () -> LibraryLoader.load(missing));
        assertTrue(e.getMessage().contains(missing.toAbsolutePath() + ": no such file"), e.getMessage());
    }

    @Test
    void abiMismatchIsRefusedNamingBothVersions() {
        NativeLibraryException e = assertThrows(NativeLibraryException.class,
                () -> LibraryLoader.checkAbi(1, 2, "/opt/old/libstilt_hysplit.so"));
        assertEquals(StiltException.Kind.NATIVE_UNAVAILABLE, e.kind());
        assertEquals("ABI version mismatch: /opt/old/libstilt_hysplit.so has ABI version 1, but this build of "
                + "stilt-java requires ABI version 2 (library and stilt-java jars come from different builds)", e.getMessage());
        assertThrows(NativeLibraryException.class, () -> LibraryLoader.checkAbi(3, 2, "newer.so"));
        assertDoesNotThrow(() -> LibraryLoader.checkAbi(2, 2, "same.so"));
    }

    @Test
    void bothBuildsReportTheAbiThisJavaExpects() {
        assertEquals(StiltHysplitLibrary.ABI_VERSION, LibraryLoader.shared().abiVersion());
        assertEquals(StiltHysplitLibrary.ABI_VERSION, LibraryLoader.load(TestLibraries.checkedLibrary()).abiVersion());
    }

    @Test
    void platformOfThisBuildIsPackaged() {
        assertEquals("native/linux-x86_64/" + FILE_NAME, LibraryLoader.resourceName());
    }
}
