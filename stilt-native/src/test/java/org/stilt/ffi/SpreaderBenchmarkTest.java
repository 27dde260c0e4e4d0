package org.stilt.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stilt.core.footprint.JavaKernelSpreader;

/**
 * {@link SpreaderBenchmark} produces a complete table and its built-in cross-check holds. No
 * timings are asserted.
 *
 * <p>Thread-safety: JUnit creates one instance per test method; not shared.
 */
class SpreaderBenchmarkTest {

    @Test
    void tableHasOneRowPerShapeAndAllSpreadersAgree() {
        NativeKernelSpreader n = NativeKernelSpreader.create();
        List<SpreaderBenchmark.Shape> shapes = List.of(new SpreaderBenchmark.Shape("a", 50, 40, 7, 5, 20),
                new SpreaderBenchmark.Shape("b", 30, 20, 1, 1, 10));
        String table = SpreaderBenchmark.run(0, 1, shapes,
                List.of(new JavaKernelSpreader(), n, n.withTransfer(NativeKernelSpreader.Transfer.NATIVE_COPY)), "test");
        List<String> lines = table.lines().toList();
        assertEquals(5, lines.size(), table);
        assertTrue(lines.get(2).contains("native/java") && lines.get(2).contains("native-copy/java"), table);
        assertTrue(lines.get(3).startsWith("a ") && lines.get(3).endsWith("yes"), table);
        assertTrue(lines.get(4).startsWith("b ") && lines.get(4).endsWith("yes"), table);
    }

    @Test
    void publicEntryPointRunsEveryShape() {
        String table = SpreaderBenchmark.run(0, 1);
        assertEquals(3 + SpreaderBenchmark.SHAPES.size(), table.lines().count(), table);
        assertTrue(table.lines().skip(3).allMatch(l -> l.endsWith("yes")), table);
    }

    @Test
    void rejectsNonsenseIterationCounts() {
        assertThrows(IllegalArgumentException.class, () -> SpreaderBenchmark.run(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> SpreaderBenchmark.run(0, 0));
    }
}
