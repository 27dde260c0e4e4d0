package org.stilt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.netcdf.FootprintFile;
import org.stilt.core.netcdf.FootprintNetcdfReader;

/** In-process tests of {@code stilt footprint}: exit codes, messages and the written file. */
class FootprintCommandTest {

    static final Path EXAMPLE = Path.of("..", "examples", "footprint", "example_particles.csv.gz");

    @TempDir
    Path tmp;

    private List<String> args(Path particles, Path output, String... extra) {
        List<String> a = new ArrayList<>(List.of("footprint", "--particles", particles.toString(),
                "--xmn", "-112.5", "--xmx", "-109.5", "--ymn", "39.5", "--ymx", "41.5", "--xres", "0.01",
                "--run-time", "2021-01-15T12:00:00Z", "--output", output.toString()));
        a.addAll(List.of(extra));
        return a;
    }

    private CliRun run(List<String> args) {
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void writesTheExampleFootprint() {
        Path out = tmp.resolve("sub/foot.nc");
        CliRun r = run(args(EXAMPLE, out, "--time-integrate"));
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("wrote " + out), r.out());
        FootprintFile f = FootprintNetcdfReader.read(out);
        assertEquals(300, f.x().length);
        assertEquals(200, f.y().length);
        assertEquals(1, f.timesEpochSeconds().length);
        assertEquals(1610712000.0, f.timesEpochSeconds()[0]);
        double total = 0;
        for (float v : f.values()) {
            total += v;
        }
        assertTrue(total > 0.1, "footprint total " + total);
        try (var s = Files.list(out.getParent())) {
            assertEquals(1, s.count(), "no temporary file left beside the output");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void hourlyLayersByDefault() {
        Path out = tmp.resolve("foot.nc");
        CliRun r = run(args(EXAMPLE, out));
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        FootprintFile f = FootprintNetcdfReader.read(out);
        assertEquals(6, f.timesEpochSeconds().length, "six receptor-relative hours for a 6 h run");
        assertEquals(1610712000.0 - 6 * 3600, f.timesEpochSeconds()[0]);
    }

    @Test
    void nativeKernelGivesTheSameFootprint() {
        Path a = tmp.resolve("java.nc");
        Path b = tmp.resolve("native.nc");
        assertEquals(0, run(args(EXAMPLE, a, "--time-integrate", "--kernel", "java")).exitCode());
        CliRun r = run(args(EXAMPLE, b, "--time-integrate", "--kernel", "native"));
        assertEquals(0, r.exitCode(), r.err());
        float[] va = FootprintNetcdfReader.read(a).values();
        float[] vb = FootprintNetcdfReader.read(b).values();
        assertEquals(va.length, vb.length);
        for (int i = 0; i < va.length; i++) {
            assertEquals(va[i], vb[i], Math.ulp(va[i]), "cell " + i);
        }
    }

    @Test
    void provenanceNamesTheKernelUsed() {
        Path out = tmp.resolve("p.nc");
        assertEquals(0, run(args(EXAMPLE, out, "--time-integrate")).exitCode());
        var attrs = FootprintNetcdfReader.read(out).globalAttributes();
        assertEquals("native", attrs.get("kernel_accumulation"), "auto picks the native kernel when it loads");
        assertEquals(Integer.toString(org.stilt.ffi.StiltHysplitLibrary.ABI_VERSION), attrs.get("kernel_library_abi"));
        assertTrue(attrs.get("source_particles").endsWith("example_particles.csv.gz"), attrs.toString());
        assertEquals(0, run(args(EXAMPLE, out, "--time-integrate", "--kernel", "java")).exitCode());
        assertEquals("java", FootprintNetcdfReader.read(out).globalAttributes().get("kernel_accumulation"));
    }

    @Test
    void unknownKernelIsRejected() {
        CliRun r = run(args(EXAMPLE, tmp.resolve("x.nc"), "--kernel", "gpu"));
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertTrue(r.err().contains("gpu"), r.err());
    }

    @Test
    void emptyFootprintExitsZeroWithoutFile() {
        Path out = tmp.resolve("empty.nc");
        List<String> a = new ArrayList<>(List.of("footprint", "--particles", EXAMPLE.toString(),
                "--xmn", "10", "--xmx", "12", "--ymn", "-5", "--ymx", "5", "--xres", "0.1",
                "--run-time", "2021-01-15T12:00:00Z", "--output", out.toString()));
        CliRun r = run(a);
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("empty footprint"), r.out());
        assertFalse(Files.exists(out));
    }

    @Test
    void equalEdgesAreRejectedInOneLine() {
        List<String> a = args(EXAMPLE, tmp.resolve("x.nc"));
        a.set(a.indexOf("--xmx") + 1, "-112.5");
        CliRun r = run(a);
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains("xmx") && r.err().contains("-112.5"), r.err());
    }

    @Test
    void negativeResolutionIsRejected() {
        CliRun r = run(args(EXAMPLE, tmp.resolve("x.nc"), "--yres", "-0.01"));
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains("yres") && r.err().contains("-0.01"), r.err());
    }

    @Test
    void missingFileIsReported() {
        Path missing = tmp.resolve("nope.csv");
        CliRun r = run(args(missing, tmp.resolve("x.nc")));
        assertEquals(ExitCodes.INPUT_UNREADABLE, r.exitCode());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains(missing.toString()), r.err());
    }

    @Test
    void missingColumnIsNamed() throws IOException {
        Path csv = tmp.resolve("p.csv");
        Files.writeString(csv, "time,indx,long,lati\n-1,1,-110,40.5\n-1,2,-110.1,40.6\n");
        CliRun r = run(args(csv, tmp.resolve("x.nc")));
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains("foot"), r.err());
    }

    @Test
    void nanCoordinateIsNamed() throws IOException {
        Path csv = tmp.resolve("p.csv");
        Files.writeString(csv, "time,indx,long,lati,foot\n-1,1,-110,40.5,0.01\n-1,2,NaN,40.6,0.01\n"
                + "-2,1,-110.1,40.5,0.01\n-2,2,-110.2,40.6,0.01\n");
        CliRun r = run(args(csv, tmp.resolve("x.nc")));
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains("long") && r.err().contains("NaN"), r.err());
    }

    @Test
    void badRunTimeIsRejected() {
        List<String> a = args(EXAMPLE, tmp.resolve("x.nc"));
        a.set(a.indexOf("--run-time") + 1, "yesterday");
        CliRun r = run(a);
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertTrue(r.err().contains("yesterday"), r.err());
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun r = run(args(EXAMPLE, tmp.resolve("x.nc"), "--bogus"));
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains("--bogus"), r.err());
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        CliRun r = CliRun.of("footprint", "--particles", EXAMPLE.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertTrue(r.err().contains("--xmn"), r.err());
    }
}
