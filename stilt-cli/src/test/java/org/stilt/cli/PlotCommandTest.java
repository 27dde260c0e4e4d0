package org.stilt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.footprint.Footprint;
import org.stilt.core.footprint.FootprintDomain;
import org.stilt.core.netcdf.FootprintNetcdfReader;
import org.stilt.core.netcdf.FootprintNetcdfWriter;
import org.stilt.core.particles.ParticleFiles;
import org.stilt.core.particles.ParticleNetcdfWriter;
import org.stilt.core.particles.ParticleTable;
import org.stilt.core.plot.FootprintMap;

/** In-process tests of {@code stilt plot}: options, exit codes, messages and the written PNG. */
class PlotCommandTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    @TempDir
    static Path shared;

    static Path integrated;
    static Path hourly;

    @TempDir
    Path tmp;

    @BeforeAll
    static void footprints() {
        integrated = shared.resolve("integrated.nc");
        hourly = shared.resolve("hourly.nc");
        for (Path out : List.of(integrated, hourly)) {
            List<String> a = new java.util.ArrayList<>(List.of("footprint", "--particles",
                    FootprintCommandTest.EXAMPLE.toString(), "--xmn", "-112.5", "--xmx", "-109.5", "--ymn", "39.5",
                    "--ymx", "41.5", "--xres", "0.01", "--run-time", "2021-01-15T12:00:00Z", "--kernel", "java",
                    "--quiet", "--output", out.toString()));
            if (out.equals(integrated)) {
                a.add("--time-integrate");
            }
            CliRun r = CliRun.of(a.toArray(String[]::new));
            assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        }
    }

    private static BufferedImage decode(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img != null, png + " is a PNG");
        return img;
    }

    private static long redPixels(BufferedImage img) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == FootprintMap.RECEPTOR_RGB) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void writesAPngOfTheRequestedSizeWithTheReceptorMarker() throws IOException {
        Path png = tmp.resolve("maps/map.png");
        CliRun r = CliRun.of("plot", integrated.toString(), "-o", png.toString(), "--width", "640", "--height",
                "400", "--receptor", "40.5,-110");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("wrote " + png + ": 640 x 400 px, time-integrated, receptor time "
                + "2021-01-15 12:00 UTC, colours "), r.out());
        assertEquals("", r.err());
        BufferedImage img = decode(png);
        assertEquals(640, img.getWidth());
        assertEquals(400, img.getHeight());
        assertTrue(redPixels(img) >= 9, "receptor marker drawn");
        try (var s = Files.list(png.getParent())) {
            assertEquals(1, s.count(), "no temporary file left beside the output");
        }
    }

    @Test
    void withoutReceptorAttributesOrOptionItSaysSoAndDrawsNoMarker() throws IOException {
        Path png = tmp.resolve("map.png");
        CliRun r = CliRun.of("plot", integrated.toString(), "--output", png.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("note: no receptor marker") && r.err().contains("--receptor"), r.err());
        assertEquals(0, redPixels(decode(png)));
    }

    @Test
    void receptorAttributesOfTheFileAreUsed() throws IOException {
        Footprint fp = new Footprint(new double[] {-110.75, -110.25}, new double[] {40.25, 40.75},
                new long[] {1610712000L}, new double[] {1e-3, 2e-3, 0, 4e-3},
                FootprintDomain.longlat(-111, -110, 40, 41, 0.5), 1, true, 10, false, List.of());
        Path nc = tmp.resolve("attrs.nc");
        FootprintNetcdfWriter.write(fp, nc, Map.of("receptor_lati", "40.3", "receptor_long", "-110.2"));
        Path png = tmp.resolve("attrs.png");
        CliRun r = CliRun.of("plot", nc.toString(), "-o", png.toString(), "--title", "two by two");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertEquals("", r.err());
        assertTrue(redPixels(decode(png)) >= 9);
    }

    @Test
    void receptorOfAParticleNetcdfFileReachesTheMapThroughTheFootprint() throws IOException {
        ParticleTable table = ParticleFiles.read(FootprintCommandTest.EXAMPLE, ParticleTable.FOOTPRINT_COLUMNS);
        Map<String, double[]> cols = new java.util.LinkedHashMap<>();
        for (String c : ParticleTable.FOOTPRINT_COLUMNS) {
            cols.put(c, table.column(c));
        }
        Path particles = tmp.resolve("traj.nc");
        ParticleNetcdfWriter.write(new ParticleTable(cols, Map.of("run_time", "2021-01-15T12:00:00Z",
                "receptor_lati", "40.5", "receptor_long", "-110.0")), particles);
        Path foot = tmp.resolve("foot.nc");
        CliRun f = CliRun.of("footprint", "--particles", particles.toString(), "--xmn", "-112.5", "--xmx", "-109.5",
                "--ymn", "39.5", "--ymx", "41.5", "--xres", "0.01", "--run-time", "2021-01-15T12:00:00Z",
                "--time-integrate", "--kernel", "java", "-q", "--output", foot.toString());
        assertEquals(ExitCodes.OK, f.exitCode(), f.err());
        assertEquals("40.5", FootprintNetcdfReader.read(foot).globalAttributes().get("receptor_lati"));
        Path png = tmp.resolve("traj.png");
        CliRun r = CliRun.of("plot", foot.toString(), "-o", png.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertEquals("", r.err(), "no note: the receptor comes from the file");
        assertTrue(redPixels(decode(png)) >= 9);
    }

    @Test
    void oneHourlyLayerOrTheirSum() throws IOException {
        Path sum = tmp.resolve("sum.png");
        CliRun r = CliRun.of("plot", hourly.toString(), "-o", sum.toString(), "--sum", "-q", "--receptor",
                "40.5,-110");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertEquals("", r.out());
        Path one = tmp.resolve("one.png");
        r = CliRun.of("plot", hourly.toString(), "-o", one.toString(), "--time", "2021-01-15T09:00:00Z");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("hour from 2021-01-15 09:00 UTC (layer 4 of 6)"), r.out());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(sum), Files.readAllBytes(one)));
    }

    @Test
    void aTimeThatIsNoLayerListsTheLayers() {
        CliRun r = CliRun.of("plot", hourly.toString(), "-o", tmp.resolve("x.png").toString(), "--time",
                "2021-01-15T12:00:00Z");
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains("2021-01-15T12:00:00Z is not a layer")
                && r.err().contains("2021-01-15T06:00:00Z"), r.err());
        assertFalse(Files.exists(tmp.resolve("x.png")));
    }

    @Test
    void malformedTimeIsNamed() {
        CliRun r = CliRun.of("plot", hourly.toString(), "-o", tmp.resolve("x.png").toString(), "--time", "noon");
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertTrue(r.err().contains("--time") && r.err().contains("'noon'"), r.err());
    }

    @Test
    void timeAndSumTogetherIsAUsageError() {
        CliRun r = CliRun.of("plot", hourly.toString(), "-o", tmp.resolve("x.png").toString(), "--sum", "--time",
                "2021-01-15T09:00:00Z");
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertTrue(r.err().contains("mutually exclusive"), r.err());
    }

    @Test
    void sizeAndRangeOptionsAreChecked() {
        String out = tmp.resolve("x.png").toString();
        CliRun small = CliRun.of("plot", integrated.toString(), "-o", out, "--width", "50");
        assertEquals(ExitCodes.INVALID_INPUT, small.exitCode());
        assertTrue(small.err().contains("width") && small.err().contains("50"), small.err());
        CliRun notNumber = CliRun.of("plot", integrated.toString(), "-o", out, "--height", "tall");
        assertEquals(ExitCodes.USAGE, notNumber.exitCode());
        assertTrue(notNumber.err().contains("tall"), notNumber.err());
        CliRun zero = CliRun.of("plot", integrated.toString(), "-o", out, "--vmin", "0");
        assertEquals(ExitCodes.INVALID_INPUT, zero.exitCode());
        assertTrue(zero.err().contains("vmin") && zero.err().contains("0.0"), zero.err());
        CliRun inverted = CliRun.of("plot", integrated.toString(), "-o", out, "--vmin", "1e-3", "--vmax", "1e-4");
        assertEquals(ExitCodes.INVALID_INPUT, inverted.exitCode());
        assertTrue(inverted.err().contains("vmax must be greater than vmin"), inverted.err());
        CliRun high = CliRun.of("plot", integrated.toString(), "-o", out, "--vmin", "5");
        assertEquals(ExitCodes.INVALID_INPUT, high.exitCode());
        assertTrue(high.err().contains("largest value"), high.err());
        assertFalse(Files.exists(tmp.resolve("x.png")));
    }

    @Test
    void givenRangeIsUsed() {
        CliRun r = CliRun.of("plot", integrated.toString(), "-o", tmp.resolve("r.png").toString(), "--vmin", "1e-6",
                "--vmax", "1e-2");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("colours 1.00e-06 .. 0.0100 ppm"), r.out());
    }

    @Test
    void malformedReceptorIsNamed() {
        for (String bad : List.of("40.5", "north,west", "95,-110")) {
            CliRun r = CliRun.of("plot", integrated.toString(), "-o", tmp.resolve("x.png").toString(), "--receptor",
                    bad);
            assertEquals(ExitCodes.INVALID_INPUT, r.exitCode(), bad);
            assertTrue(r.err().contains("--receptor") && r.err().contains(bad), r.err());
        }
    }

    @Test
    void emptyFootprintGivesAMapAndExitZero() throws IOException {
        Footprint fp = new Footprint(new double[] {-110.75, -110.25}, new double[] {40.25, 40.75},
                new long[] {1610712000L}, new double[4], FootprintDomain.longlat(-111, -110, 40, 41, 0.5), 1, true,
                10, false, List.of());
        Path nc = tmp.resolve("zero.nc");
        FootprintNetcdfWriter.write(fp, nc, Map.of());
        Path png = tmp.resolve("zero.png");
        CliRun r = CliRun.of("plot", nc.toString(), "-o", png.toString(), "--receptor", "40.5,-110.5");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("empty footprint") && r.out().contains("no colour range"), r.out());
        assertEquals(800, decode(png).getWidth());
    }

    @Test
    void aFileThatIsNotAFootprintIsAnInputError() throws IOException {
        Path text = tmp.resolve("notes.txt");
        Files.writeString(text, "hello\n");
        for (Path bad : List.of(text, FootprintCommandTest.EXAMPLE, tmp.resolve("missing.nc"))) {
            CliRun r = CliRun.of("plot", bad.toString(), "-o", tmp.resolve("x.png").toString());
            assertEquals(ExitCodes.INPUT_UNREADABLE, r.exitCode(), r.err());
            assertEquals(1, r.errLines(), r.err());
            assertTrue(r.err().startsWith("plot: error: footprint file " + bad), r.err());
        }
    }

    @Test
    void outputMustBeAWritablePng() throws IOException {
        CliRun jpg = CliRun.of("plot", integrated.toString(), "-o", tmp.resolve("map.jpg").toString());
        assertEquals(ExitCodes.INVALID_INPUT, jpg.exitCode());
        assertTrue(jpg.err().contains(".png") && jpg.err().contains("map.jpg"), jpg.err());
        Path blocker = tmp.resolve("file");
        Files.writeString(blocker, "x");
        CliRun r = CliRun.of("plot", integrated.toString(), "-o", blocker.resolve("map.png").toString());
        assertEquals(ExitCodes.OUTPUT_FAILED, r.exitCode());
        assertTrue(r.err().contains("cannot write map"), r.err());
    }

    @Test
    void missingOutputIsAUsageErrorAndHelpListsPlot() {
        CliRun r = CliRun.of("plot", integrated.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertTrue(r.err().contains("--output"), r.err());
        CliRun help = CliRun.of("--help");
        assertTrue(help.out().contains("plot"), help.out());
    }
}
