package org.stilt.core.netcdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.UnreadableInputException;

/** Reads every R-STILT reference {@code foot.nc} and checks it against the reference manifest. */
class FootprintReferenceReadTest {

    record Case(String name, Path file, int nx, int ny, int nt, int nonZero, double sum) {
    }

    static Path referenceDir() {
        String dir = System.getProperty("stilt.reference.dir", "../../shared/reference");
        return Path.of(dir);
    }

    /** Cases with a foot.nc, parsed from manifest.json (name, dims_lon_lat_time, nonzero_cells, sum_foot). */
    static List<Case> cases() throws IOException {
        Path root = referenceDir();
        Path manifest = root.resolve("manifest.json");
        assumeTrue(Files.isRegularFile(manifest), "reference data not available at " + root);
        String json = Files.readString(manifest);
        Pattern name = Pattern.compile("\"name\":\\s*\"([^\"]+)\"");
        Pattern dims = Pattern.compile("\"dims_lon_lat_time\":\\s*\\[\\s*(\\d+),\\s*(\\d+),\\s*(\\d+)\\s*]");
        Pattern nonZero = Pattern.compile("\"nonzero_cells\":\\s*(\\d+)");
        Pattern sum = Pattern.compile("\"sum_foot\":\\s*([-0-9.eE+]+)");
        List<Integer> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Matcher m = name.matcher(json);
        while (m.find()) {
            starts.add(m.start());
            names.add(m.group(1));
        }
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String block = json.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : json.length());
            Matcher d = dims.matcher(block);
            Path file = Files.isDirectory(root.resolve("e2e").resolve(names.get(i)))
                    ? root.resolve("e2e").resolve(names.get(i)).resolve("foot.nc")
                    : root.resolve("footprint").resolve(names.get(i)).resolve("foot.nc");
            if (!d.find()) {
                assertFalse(Files.exists(file), names.get(i) + " has no dims in the manifest but a foot.nc");
                continue;
            }
            Matcher n = nonZero.matcher(block);
            Matcher s = sum.matcher(block);
            assertTrue(n.find() && s.find(), names.get(i));
            out.add(new Case(names.get(i), file, Integer.parseInt(d.group(1)), Integer.parseInt(d.group(2)),
                    Integer.parseInt(d.group(3)), Integer.parseInt(n.group(1)), Double.parseDouble(s.group(1))));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> readsEveryReferenceFootprint() throws IOException {
        List<Case> cases = cases();
        assertTrue(cases.size() >= 20, "expected the 22 footprint and 3 end-to-end cases, got " + cases.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            FootprintFile f = FootprintNetcdfReader.read(c.file());
            assertEquals(c.nx(), f.x().length, "lon/x");
            assertEquals(c.ny(), f.y().length, "lat/y");
            assertEquals(c.nt(), f.timesEpochSeconds().length, "time");
            assertEquals(c.nonZero(), f.nonZeroCount(), "non-zero cells");
            assertEquals(c.sum(), f.total(), Math.abs(c.sum()) * 1e-6, "sum of float32 cells vs R's double sum");
            assertEquals(c.name().contains("lcc") || c.name().contains("utm"), f.projected());
            assertEquals("STILT Footprint", f.globalAttributes().get("title"));
            assertEquals("ppm (umol-1 m2 s)", f.footAttributes().get("units"));
            assertEquals("-1.0", f.footAttributes().get("_FillValue"));
            for (int i = 1; i < f.x().length; i++) {
                assertTrue(f.x()[i] > f.x()[i - 1], "x ascending");
            }
        }));
    }

    @Test
    void reReadAfterRewritingKeepsValuesAndGrid(@TempDir Path dir) throws IOException {
        List<Case> cases = cases();
        Case c = cases.stream().filter(k -> k.name().equals("base24_0p1_hourly")).findFirst().orElseThrow();
        FootprintFile r = FootprintNetcdfReader.read(c.file());
        double[] values = new double[r.values().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.values()[i];
        }
        long[] t = new long[r.timesEpochSeconds().length];
        for (int i = 0; i < t.length; i++) {
            t[i] = (long) r.timesEpochSeconds()[i];
        }
        var fp = new org.stilt.core.footprint.Footprint(r.x(), r.y(), t, values,
                org.stilt.core.footprint.FootprintDomain.longlat(-117, -111, 39.5, 41.5, 0.1), 1, false, 200, false,
                List.of());
        Path out = dir.resolve("again.nc");
        FootprintNetcdfWriter.write(fp, out, java.util.Map.of());
        FootprintFile back = FootprintNetcdfReader.read(out);
        assertArrayEquals(r.x(), back.x());
        assertArrayEquals(r.y(), back.y());
        assertArrayEquals(r.timesEpochSeconds(), back.timesEpochSeconds());
        assertArrayEquals(r.values(), back.values());
        assertTrue(Files.size(out) < Files.size(c.file()), "compressed file is smaller than R's uncompressed one");
    }

    @Test
    void nonFootprintFilesAreRejectedWithTheFileName(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("foot.nc"), "hello");
        var e1 = assertThrows(UnreadableInputException.class, () -> FootprintNetcdfReader.read(text));
        assertTrue(e1.getMessage().contains(text.toString()), e1.getMessage());
        var e2 = assertThrows(UnreadableInputException.class, () -> FootprintNetcdfReader.read(dir.resolve("nope.nc")));
        assertTrue(e2.getMessage().contains("does not exist"), e2.getMessage());
    }
}
