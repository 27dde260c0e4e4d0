package org.stilt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged CLI through the repository's {@code ./stilt} launcher, as a user does:
 * the launcher must find a JDK, the jar and the native library, and print no JVM warnings.
 */
class StiltLauncherIT {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
    }

    private Result stilt(String... args) throws IOException, InterruptedException {
        return stilt(java.util.Map.of(), args);
    }

    private Result stilt(java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("stilt").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().putAll(env);
        Path errFile = tmp.resolve("stderr.txt");
        pb.redirectError(errFile.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        return new Result(code, out, Files.readString(errFile));
    }

    @Test
    void versionNamesTheEngine() throws Exception {
        Result r = stilt("--version");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("stilt-java "), r.out());
    }

    @Test
    void footprintWithNativeKernelPrintsNoWarnings() throws Exception {
        Path out = tmp.resolve("foot.nc");
        Result r = stilt("footprint", "--particles", ROOT.resolve("examples/footprint/example_particles.csv.gz").toString(),
                "--xmn", "-112.5", "--xmx", "-109.5", "--ymn", "39.5", "--ymx", "41.5", "--xres", "0.01",
                "--run-time", "2021-01-15T12:00:00Z", "--time-integrate", "--kernel", "native", "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err(), "no JVM or library warnings on stderr");
        assertTrue(Files.size(out) > 0);
    }

    @Test
    void plotDrawsHeadlessEvenWithAnUnreachableDisplay() throws Exception {
        Path foot = tmp.resolve("foot.nc");
        Result f = stilt("footprint", "--particles", ROOT.resolve("examples/footprint/example_particles.csv.gz").toString(),
                "--xmn", "-112.5", "--xmx", "-109.5", "--ymn", "39.5", "--ymx", "41.5", "--xres", "0.01",
                "--run-time", "2021-01-15T12:00:00Z", "--time-integrate", "--quiet", "--output", foot.toString());
        assertEquals(0, f.code(), f.err());
        Path png = tmp.resolve("map.png");
        // without headless mode AWT would try to connect to this display and fail
        Result r = stilt(java.util.Map.of("DISPLAY", ":99"), "plot", foot.toString(), "-o", png.toString(),
                "--receptor", "40.5,-110");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err(), "no warnings on stderr");
        var img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(800, img.getWidth());
        assertEquals(600, img.getHeight());
    }

    @Test
    void badInputGivesOneLineAndNonZeroExit() throws Exception {
        Result r = stilt("footprint", "--particles", tmp.resolve("missing.csv").toString(),
                "--xmn", "-112.5", "--xmx", "-109.5", "--ymn", "39.5", "--ymx", "41.5", "--xres", "0.01",
                "--run-time", "2021-01-15T12:00:00Z", "--output", tmp.resolve("x.nc").toString());
        assertEquals(ExitCodes.INPUT_UNREADABLE, r.code());
        assertEquals(1, r.err().lines().filter(l -> !l.isBlank()).count(), r.err());
    }

    @Test
    void trajectoryOnSyntheticMetWithNativeKernelPrintsNoWarnings() throws Exception {
        Result synth = stilt("met", "synth", "--corner", "37,-116", "--start", "2021-01-15T00:00:00Z", "--hours", "12", "--wind", "5,1",
                "--daily", "met_%Y%m%d.arl", "--output", tmp.resolve("met").toString());
        assertEquals(0, synth.code(), synth.err());
        Path out = tmp.resolve("particles.nc");
        Result r = stilt("trajectory", "--time", "2021-01-15T12:00:00Z", "--lat", "40.5", "--lon", "-110",
                "--zagl", "5", "--zagl-top", "500", "--hours", "-6", "--numpar", "4", "--met-dir",
                tmp.resolve("met").toString(), "--met-format", "met_%Y%m%d.arl", "--met-tres", "1d",
                "--no-turbulence", "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err(), "no JVM or library warnings on stderr");
        assertTrue(r.out().contains("4 particles, 1440 rows, 0 left the domain") && r.out().contains("kernel native"),
                r.out());
        assertTrue(Files.size(out) > 0);
    }
}
