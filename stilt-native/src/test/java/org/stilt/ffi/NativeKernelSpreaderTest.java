package org.stilt.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stilt.core.KernelException;
import org.stilt.core.StiltException;
import org.stilt.core.footprint.KernelSpreader;
import org.stilt.core.footprint.KernelSpreaderContractTest;

/**
 * The {@link KernelSpreader} contract for the native spreader, run against the packaged optimised
 * library (found by {@link LibraryLoader} in the jar resource), the {@code -fcheck=all} build
 * (bounds errors end the JVM, which fails the build), and the native-copy transfer; plus the
 * binding's error mapping.
 *
 * <p>Thread-safety: JUnit creates one instance per test method; not shared.
 */
class NativeKernelSpreaderTest {

    @Nested
    class PackagedLibrary extends KernelSpreaderContractTest {
        @Override
        protected KernelSpreader createSpreader() {
            return NativeKernelSpreader.create();
        }
    }

    @Nested
    class CheckedLibrary extends KernelSpreaderContractTest {
        @Override
        protected KernelSpreader createSpreader() {
            return NativeKernelSpreader.create(TestLibraries.checkedLibrary());
        }
    }

    @Nested
    class PackagedLibraryNativeCopy extends KernelSpreaderContractTest {
        @Override
        protected KernelSpreader createSpreader() {
            return NativeKernelSpreader.create().withTransfer(NativeKernelSpreader.Transfer.NATIVE_COPY);
        }
    }

    @Nested
    class CheckedLibraryNativeCopy extends KernelSpreaderContractTest {
        @Override
        protected KernelSpreader createSpreader() {
            return NativeKernelSpreader.create(TestLibraries.checkedLibrary())
                    .withTransfer(NativeKernelSpreader.Transfer.NATIVE_COPY);
        }
    }

    /** Without -Dstilt.native.library (as in this build), create() loads the verified jar resource. */
    @Test
    void processLibraryIsTheVerifiedJarResource() throws IOException {
        assertEquals(null, System.getProperty(LibraryLoader.LIBRARY_PROPERTY), "this test expects the property unset");
        NativeLibraryInfo info = NativeKernelSpreader.create().libraryInfo();
        assertEquals(LibrarySource.JAR_RESOURCE, info.source());
        assertEquals(StiltHysplitLibrary.ABI_VERSION, info.abiVersion());
        String expected;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(LibraryLoader.resourceName() + ".sha256")) {
            expected = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
        assertEquals(expected, info.sha256());
        assertFalse(Files.exists(info.file()), "extracted copy deleted after loading: " + info.file());
        assertFalse(Files.exists(info.file().getParent()), "private temp directory deleted: " + info.file().getParent());
        assertSame(LibraryLoader.shared(), LibraryLoader.shared(), "loaded once per process");
    }

    @Test
    void explicitPathIsReportedAsSuch() {
        NativeLibraryInfo info = NativeKernelSpreader.create(TestLibraries.checkedLibrary()).libraryInfo();
        assertEquals(LibrarySource.EXPLICIT_PATH, info.source());
        assertEquals(TestLibraries.checkedLibrary().toAbsolutePath(), info.file());
    }

    @Test
    void doctorDescribesTheLoadedLibrary() {
        String report = NativeKernelSpreader.doctor();
        assertTrue(report.contains("ABI version: " + StiltHysplitLibrary.ABI_VERSION), report);
        assertTrue(report.contains("JAR_RESOURCE"), report);
        assertTrue(report.contains(LibraryLoader.resourceName()), report);
    }

    /** Java validates first: invalid sizes never reach the library. */
    @Test
    void spreaderRejectsInvalidSizesBeforeTheCall() {
        assertThrows(IllegalArgumentException.class, () -> NativeKernelSpreader.create()
                .spread(new double[12], 4, 3, new double[6], 2, 3, new int[1], new int[1], new double[1], 1));
    }

    /** The library's own checks surface as KernelException naming the function, status and message. */
    @Test
    void libraryErrorsBecomeKernelExceptions() {
        for (StiltHysplitLibrary library : new StiltHysplitLibrary[] {LibraryLoader.shared(),
                LibraryLoader.load(TestLibraries.checkedLibrary())}) {
            double[] grid = new double[12];
            Arrays.fill(grid, 4.0);
            KernelException e = assertThrows(KernelException.class, () -> library.footprintSpread(grid, 4, 3,
                    new double[6], 2, 3, 1, new int[1], new int[1], new double[1]));
            assertKernelException(e, "kernel sizes must be odd and positive (kx=2, ky=3)");
            assertTrue(Arrays.stream(grid).allMatch(v -> v == 4.0), "grid untouched");

            try (Arena arena = Arena.ofConfined()) {
                MemorySegment g = arena.allocate(ValueLayout.JAVA_DOUBLE, 12);
                MemorySegment one = arena.allocate(ValueLayout.JAVA_DOUBLE, 1);
                MemorySegment idx = arena.allocate(ValueLayout.JAVA_INT, 1);
                KernelException e2 = assertThrows(KernelException.class,
                        () -> library.footprintSpread(g, 4, 3, one, 1, 1, -1, idx, idx, one));
                assertKernelException(e2, "point count must not be negative (n=-1)");
                KernelException e3 = assertThrows(KernelException.class,
                        () -> library.footprintSpread(g, 0, 3, one, 1, 1, 1, idx, idx, one));
                assertKernelException(e3, "grid size must be positive (nx=0, ny=3)");
            }
        }
    }

    private static void assertKernelException(KernelException e, String libraryMessage) {
        assertEquals(KernelStatus.ERR_ARGUMENT.code(), e.status());
        assertEquals("stilt_footprint_spread", e.function());
        assertEquals(StiltException.Kind.KERNEL_FAILED, e.kind());
        assertEquals("stilt_footprint_spread failed with status 1: STILT_ERR_ARGUMENT: " + libraryMessage, e.getMessage());
    }

    /** The binding never lets the library touch memory beyond an argument. */
    @Test
    void bindingRefusesArraysSmallerThanTheirSizes() {
        StiltHysplitLibrary library = LibraryLoader.shared();
        assertThrows(IllegalArgumentException.class, () -> library.footprintSpread(new double[11], 4, 3,
                new double[1], 1, 1, 0, new int[0], new int[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> library.footprintSpread(new double[12], 4, 3,
                new double[8], 3, 3, 0, new int[0], new int[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> library.footprintSpread(new double[12], 4, 3,
                new double[1], 1, 1, 2, new int[2], new int[1], new double[2]));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment small = arena.allocate(ValueLayout.JAVA_DOUBLE, 11);
            MemorySegment one = arena.allocate(ValueLayout.JAVA_DOUBLE, 1);
            MemorySegment idx = arena.allocate(ValueLayout.JAVA_INT, 1);
            assertThrows(IllegalArgumentException.class,
                    () -> library.footprintSpread(small, 4, 3, one, 1, 1, 1, idx, idx, one));
        }
    }

    @Test
    void namesDistinguishTransfers() {
        NativeKernelSpreader s = NativeKernelSpreader.create();
        assertEquals("native", s.name());
        assertEquals(NativeKernelSpreader.Transfer.CRITICAL_HEAP, s.transfer());
        assertEquals("native-copy", s.withTransfer(NativeKernelSpreader.Transfer.NATIVE_COPY).name());
    }
}
