package org.stilt.core.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.InvalidInputException;
import org.stilt.core.OutputWriteException;
import org.stilt.core.UnreadableInputException;
import org.stilt.core.footprint.Footprint;
import org.stilt.core.footprint.FootprintCalculator;
import org.stilt.core.footprint.FootprintDomain;
import org.stilt.core.footprint.FootprintRequest;
import org.stilt.core.footprint.JavaKernelSpreader;
import org.stilt.core.netcdf.FootprintFile;
import org.stilt.core.netcdf.FootprintNetcdfReader;
import org.stilt.core.netcdf.FootprintNetcdfWriter;
import org.stilt.core.particles.ParticleFiles;
import org.stilt.core.particles.ParticleTable;

/**
 * Draws footprints written by {@link FootprintNetcdfWriter}, decodes the PNG and checks what is in it: size,
 * receptor marker position, log colour order, colour bar, white zero cells, text drawn headless.
 */
class FootprintMapTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    static final Path EXAMPLE = Path.of("..", "examples", "footprint", "example_particles.csv.gz");
    static final long RUN_TIME = 1610712000L; // 2021-01-15T12:00:00Z

    @TempDir
    Path dir;

    /** A 10 × 8 lon/lat grid of 0.1° cells, SW corner (-111, 40), with the given non-zero cells (ix, iy, value). */
    static Footprint coarse(long[] times, double[][] cells) {
        int nx = 10;
        int ny = 8;
        double[] x = new double[nx];
        double[] y = new double[ny];
        for (int i = 0; i < nx; i++) {
            x[i] = -111 + 0.1 * i + 0.05;
        }
        for (int i = 0; i < ny; i++) {
            y[i] = 40 + 0.1 * i + 0.05;
        }
        double[] v = new double[nx * ny * times.length];
        for (double[] c : cells) {
            int it = c.length > 3 ? (int) c[3] : 0;
            v[(it * ny + (int) c[1]) * nx + (int) c[0]] = c[2];
        }
        return new Footprint(x, y, times, v, FootprintDomain.longlat(-111, -110, 40, 40.8, 0.1), 1, times.length == 1,
                100, false, List.of());
    }

    private Path write(Footprint fp, Map<String, String> attributes) {
        Path nc = dir.resolve("foot-" + System.nanoTime() + ".nc");
        FootprintNetcdfWriter.write(fp, nc, attributes);
        return nc;
    }

    private static BufferedImage decode(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        if (img == null) {
            throw new AssertionError(png + " is not a readable PNG");
        }
        return img;
    }

    private static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xFFFFFF;
    }

    /** Position along viridis of an image colour, by nearest match; NaN when far from every viridis colour. */
    static double viridisFraction(int rgb) {
        double best = Double.NaN;
        double bestDist = Double.MAX_VALUE;
        for (int i = 0; i <= 1000; i++) {
            int c = Viridis.rgb(i / 1000.0);
            int dr = (c >> 16 & 0xFF) - (rgb >> 16 & 0xFF);
            int dg = (c >> 8 & 0xFF) - (rgb >> 8 & 0xFF);
            int db = (c & 0xFF) - (rgb & 0xFF);
            double d = dr * dr + dg * dg + db * db;
            if (d < bestDist) {
                bestDist = d;
                best = i / 1000.0;
            }
        }
        return bestDist <= 12 ? best : Double.NaN;
    }

    /** Bounding box {minX, minY, maxX, maxY} of the pixels inside the plot area that match viridis, or null. */
    private static int[] colouredBox(BufferedImage img, PixelBox plot) {
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        for (int y = plot.y(); y < plot.y() + plot.height(); y++) {
            for (int x = plot.x(); x < plot.x() + plot.width(); x++) {
                int c = rgb(img, x, y);
                if (c != 0xFFFFFF && c != FootprintMap.RECEPTOR_RGB && !Double.isNaN(viridisFraction(c))) {
                    box[0] = Math.min(box[0], x);
                    box[1] = Math.min(box[1], y);
                    box[2] = Math.max(box[2], x);
                    box[3] = Math.max(box[3], y);
                }
            }
        }
        return box[2] < 0 ? null : box;
    }

    @Test
    void pngHasTheRequestedSizeAndTheReceptorMarkerSitsInTheReceptorCell() throws IOException {
        // the receptor lies in cell (3, 5): lon -110.7..-110.6, lat 40.5..40.6; only that cell is non-zero
        Path nc = write(coarse(new long[] {RUN_TIME}, new double[][] {{3, 5, 0.02}}),
                Map.of("receptor_lati", "40.55", "receptor_long", "-110.65"));
        Path png = dir.resolve("out/map.png");
        RenderedMap map = FootprintMap.write(nc, PlotOptions.defaults().withSize(640, 480), png);
        BufferedImage img = decode(png);
        assertEquals(640, img.getWidth());
        assertEquals(480, img.getHeight());
        assertEquals("file attributes", map.receptorSource());
        assertTrue(map.receptorShown());

        // found independently of MapFrame: the coloured block of the receptor's cell and the red marker pixels
        int[] cell = colouredBox(img, map.frame().plot());
        assertTrue(cell != null, "the non-zero cell is drawn");
        long sx = 0;
        long sy = 0;
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (rgb(img, x, y) == FootprintMap.RECEPTOR_RGB) {
                    sx += x;
                    sy += y;
                    n++;
                }
            }
        }
        assertTrue(n >= 9, "red marker pixels: " + n);
        double cx = sx / (double) n;
        double cy = sy / (double) n;
        // the marker is centred on the receptor: 0.5 of the cell width from the west edge, 0.5 from the south edge
        assertEquals((cell[0] + cell[2] + 1) / 2.0, cx, 1.5, "marker x vs cell " + List.of(cell[0], cell[2]));
        assertEquals((cell[1] + cell[3] + 1) / 2.0, cy, 1.5, "marker y vs cell " + List.of(cell[1], cell[3]));
        // and the cell itself is where the frame says (so MapFrame can be used for overlays)
        assertEquals(map.frame().pixelX(-110.7), cell[0], 1.0);
        assertEquals(map.frame().pixelY(40.6), cell[1], 1.0);
    }

    @Test
    void receptorMarkerMovesWithTheReceptorAndOptionsOverrideTheFile() {
        FootprintFile f = FootprintNetcdfReader.read(write(coarse(new long[] {RUN_TIME}, new double[][] {{3, 5, 1}}),
                Map.of("receptor_lati", "40.55", "receptor_long", "-110.65")));
        RenderedMap fromFile = FootprintMap.render(f, PlotOptions.defaults());
        RenderedMap given = FootprintMap.render(f, PlotOptions.defaults()
                .withReceptor(new ReceptorPosition(40.15, -110.15)));
        assertEquals("options", given.receptorSource());
        int px = (int) given.frame().pixelX(-110.15);
        int py = (int) given.frame().pixelY(40.15);
        assertEquals(FootprintMap.RECEPTOR_RGB, rgb(given.image(), px, py));
        assertNotEquals(FootprintMap.RECEPTOR_RGB, rgb(fromFile.image(), px, py));
        assertEquals(FootprintMap.RECEPTOR_RGB, rgb(fromFile.image(), (int) fromFile.frame().pixelX(-110.65),
                (int) fromFile.frame().pixelY(40.55)));
        assertTrue(given.title().contains("40.150°N 110.150°W"), given.title());
    }

    @Test
    void noReceptorAnywhereMeansNoMarker() {
        FootprintFile f = FootprintNetcdfReader.read(write(coarse(new long[] {RUN_TIME}, new double[][] {{3, 5, 1}}),
                Map.of()));
        RenderedMap map = FootprintMap.render(f, PlotOptions.defaults());
        assertNull(map.receptor());
        assertEquals("none", map.receptorSource());
        assertFalse(map.receptorShown());
        BufferedImage img = map.image();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                assertNotEquals(FootprintMap.RECEPTOR_RGB, rgb(img, x, y));
            }
        }
    }

    @Test
    void tenTimesTheValueIsFurtherAlongTheColormapOnALogScale() {
        FootprintFile f = FootprintNetcdfReader.read(write(coarse(new long[] {RUN_TIME},
                new double[][] {{1, 1, 1e-4}, {4, 1, 1e-3}, {7, 1, 1e-2}}), Map.of()));
        RenderedMap map = FootprintMap.render(f, PlotOptions.defaults());
        double[] t = new double[3];
        int[] ix = {1, 4, 7};
        for (int i = 0; i < 3; i++) {
            double lon = -111 + 0.1 * ix[i] + 0.05;
            int c = rgb(map.image(), (int) map.frame().pixelX(lon), (int) map.frame().pixelY(40.15));
            t[i] = viridisFraction(c);
            assertFalse(Double.isNaN(t[i]), "cell " + ix[i] + " colour " + Integer.toHexString(c) + " is viridis");
        }
        assertTrue(t[1] > t[0] + 0.3 && t[2] > t[1] + 0.3, "colour order " + java.util.Arrays.toString(t));
        // log scale: 1e-3 is half-way between 1e-4 and 1e-2 (a linear scale would put it at 0.09)
        assertEquals(0.0, t[0], 0.02);
        assertEquals(0.5, t[1], 0.03);
        assertEquals(1.0, t[2], 0.02);
        assertEquals(1e-4, map.scale().vmin(), 1e-10);
        assertEquals(1e-2, map.scale().vmax(), 1e-8);
    }

    @Test
    void zeroAndNaNCellsAreNotColoured() {
        double[] x = {-110.75, -110.25};
        double[] y = {40.25, 40.75};
        float[] v = {0f, Float.NaN, 1e-3f, 5e-3f}; // (iy, ix): (0,0) zero, (0,1) NaN, row 1 coloured
        FootprintFile f = new FootprintFile(x, y, new double[] {RUN_TIME}, v, false, Map.of(), Map.of());
        RenderedMap map = FootprintMap.render(f, PlotOptions.defaults());
        MapFrame fr = map.frame();
        assertEquals(0xFFFFFF, rgb(map.image(), (int) fr.pixelX(-110.75), (int) fr.pixelY(40.25)), "zero cell");
        assertEquals(0xFFFFFF, rgb(map.image(), (int) fr.pixelX(-110.25), (int) fr.pixelY(40.25)), "NaN cell");
        int c = rgb(map.image(), (int) fr.pixelX(-110.75), (int) fr.pixelY(40.75));
        assertFalse(Double.isNaN(viridisFraction(c)), "non-zero cell coloured: " + Integer.toHexString(c));
        assertFalse(map.empty());
        assertEquals("layer at 2021-01-15 12:00 UTC", map.layerDescription(), "no time_integrate attribute");
    }

    @Test
    void rStiltReferenceFootprintsArePlotted() {
        Path root = Path.of(System.getProperty("stilt.reference.dir", "../../shared/reference")).resolve("footprint");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(root), "reference data not available at "
                + root);
        for (String c : List.of("base24_utm12_2km_int", "plume72h_1deg_hourly", "antimeridian_global_1deg_int")) {
            Path nc = root.resolve(c).resolve("foot.nc");
            org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(nc), nc + " missing");
            RenderedMap map = FootprintMap.render(FootprintNetcdfReader.read(nc), PlotOptions.defaults());
            assertFalse(map.empty(), c);
            assertNotEquals(null, colouredBox(map.image(), map.frame().plot()), c + ": cells drawn");
        }
    }

    @Test
    void colourBarRunsFromPurpleToYellowWithTickLabelsAndUnits() {
        FootprintFile f = FootprintNetcdfReader.read(write(coarse(new long[] {RUN_TIME},
                new double[][] {{1, 1, 1e-5}, {7, 1, 1e-1}}), Map.of()));
        RenderedMap map = FootprintMap.render(f, PlotOptions.defaults());
        PixelBox bar = map.colourBar();
        int midX = bar.x() + bar.width() / 2;
        assertEquals(1.0, viridisFraction(rgb(map.image(), midX, bar.y())), 0.02, "top of the bar");
        assertEquals(0.0, viridisFraction(rgb(map.image(), midX, bar.y() + bar.height() - 1)), 0.02, "bottom");
        assertEquals(0.5, viridisFraction(rgb(map.image(), midX, bar.y() + bar.height() / 2)), 0.03, "middle");
        assertTrue(bar.height() > 100, "bar height " + bar.height());
        // labels (5 decades) and the rotated units to the right of the bar: dark text pixels
        int dark = 0;
        for (int y = bar.y(); y < bar.y() + bar.height(); y++) {
            for (int xx = bar.x() + bar.width() + 2; xx < map.image().getWidth(); xx++) {
                if (luminance(rgb(map.image(), xx, y)) < 100) {
                    dark++;
                }
            }
        }
        assertTrue(dark > 200, "tick labels and units drawn beside the bar: " + dark + " dark pixels");
        assertEquals(List.of(-5, -4, -3, -2, -1), map.scale().decadeExponents(10));
        assertEquals("ppm / (µmol m⁻² s⁻¹)", FootprintMap.UNITS_TEXT);
    }

    @Test
    void textIsRenderedHeadless() {
        assertTrue(GraphicsEnvironment.isHeadless(), "the test runs headless");
        FootprintFile f = FootprintNetcdfReader.read(write(coarse(new long[] {RUN_TIME}, new double[][] {{3, 5, 1}}),
                Map.of()));
        RenderedMap a = FootprintMap.render(f, PlotOptions.defaults().withTitle("Salt Lake City"));
        RenderedMap b = FootprintMap.render(f, PlotOptions.defaults().withTitle("WWWWWWWWWWWWWWWWWWWWWW"));
        int top = a.frame().plot().y() - 10;
        int darkA = darkPixels(a.image(), 0, top);
        int darkB = darkPixels(b.image(), 0, top);
        assertTrue(darkA > 100, "title glyphs drawn: " + darkA);
        assertTrue(darkB > darkA, "a longer title has more ink: " + darkB + " vs " + darkA);
        // the axis tick labels (degrees) below the plot
        PixelBox p = a.frame().plot();
        int below = darkPixels(a.image(), p.y() + p.height() + 2, a.image().getHeight());
        assertTrue(below > 100, "x tick labels drawn: " + below);
    }

    @Test
    void emptyFootprintIsDrawnWithANote() throws IOException {
        Path nc = write(coarse(new long[] {RUN_TIME}, new double[][] {}), Map.of());
        Path png = dir.resolve("empty.png");
        RenderedMap map = FootprintMap.write(nc, PlotOptions.defaults()
                .withReceptor(new ReceptorPosition(40.4, -110.5)), png);
        assertTrue(map.empty());
        assertNull(map.scale());
        BufferedImage img = decode(png);
        PixelBox p = map.frame().plot();
        assertNull(colouredBox(img, p), "no cell is coloured");
        int noteInk = darkPixels(img, p.x() + 2, p.x() + p.width() - 2, p.y() + 2, p.y() + p.height() / 2);
        assertTrue(noteInk > 100, "the note 'empty footprint' is drawn: " + noteInk);
        assertEquals(FootprintMap.RECEPTOR_RGB, rgb(img, (int) map.frame().pixelX(-110.5),
                (int) map.frame().pixelY(40.4)), "the receptor marker in the middle is not covered by the note");
    }

    @Test
    void hourlyFileShowsTheSumOrOneLayer() {
        long[] times = {RUN_TIME - 3 * 3600, RUN_TIME - 2 * 3600, RUN_TIME - 3600};
        FootprintFile f = FootprintNetcdfReader.read(write(coarse(times,
                new double[][] {{1, 1, 1e-3, 0}, {5, 1, 1e-2, 1}, {8, 1, 1e-3, 2}}), Map.of()));
        RenderedMap sum = FootprintMap.render(f, PlotOptions.defaults());
        assertTrue(sum.layerDescription().startsWith("sum of 3 layers, 2021-01-15 09:00 to 11:00 UTC"),
                sum.layerDescription());
        MapFrame fr = sum.frame();
        int y = (int) fr.pixelY(40.15);
        for (double lon : new double[] {-110.85, -110.45, -110.15}) {
            assertNotEquals(0xFFFFFF, rgb(sum.image(), (int) fr.pixelX(lon), y), "sum shows lon " + lon);
        }
        RenderedMap one = FootprintMap.render(f, PlotOptions.defaults()
                .withLayers(LayerSelection.at(Instant.ofEpochSecond(times[1]))));
        assertTrue(one.layerDescription().contains("2021-01-15 10:00 UTC (layer 2 of 3)"), one.layerDescription());
        assertEquals(0xFFFFFF, rgb(one.image(), (int) fr.pixelX(-110.85), y));
        assertNotEquals(0xFFFFFF, rgb(one.image(), (int) fr.pixelX(-110.45), y));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FootprintMap.render(f,
                PlotOptions.defaults().withLayers(LayerSelection.at(Instant.parse("2021-01-15T12:30:00Z")))));
        assertTrue(e.getMessage().contains("2021-01-15T12:30:00Z") && e.getMessage().contains("2021-01-15T10:00:00Z"),
                e.getMessage());
    }

    @Test
    void rangeOptionsAreChecked() {
        FootprintFile f = FootprintNetcdfReader.read(write(coarse(new long[] {RUN_TIME}, new double[][] {{3, 5, 1e-3}}),
                Map.of()));
        InvalidInputException above = assertThrows(InvalidInputException.class,
                () -> FootprintMap.render(f, PlotOptions.defaults().withRange(0.5, null)));
        assertTrue(above.getMessage().contains("0.5"), above.getMessage());
        assertThrows(InvalidInputException.class, () -> PlotOptions.defaults().withRange(1e-3, 1e-4));
        assertThrows(InvalidInputException.class, () -> PlotOptions.defaults().withRange(-1.0, null));
        assertThrows(InvalidInputException.class, () -> PlotOptions.defaults().withSize(100, 600));
        assertThrows(InvalidInputException.class, () -> new ReceptorPosition(91, 0));
        RenderedMap fixed = FootprintMap.render(f, PlotOptions.defaults().withRange(1e-6, 1e-2));
        assertEquals(1e-6, fixed.scale().vmin());
        assertEquals(1e-2, fixed.scale().vmax());
    }

    @Test
    void aFileThatIsNotAFootprintIsRejectedClearly() throws IOException {
        Path text = dir.resolve("notes.nc");
        Files.writeString(text, "not netcdf\n");
        UnreadableInputException e = assertThrows(UnreadableInputException.class,
                () -> FootprintMap.write(text, PlotOptions.defaults(), dir.resolve("x.png")));
        assertTrue(e.getMessage().contains(text.toString()), e.getMessage());
        assertFalse(Files.exists(dir.resolve("x.png")));
    }

    @Test
    void malformedReceptorAttributesAreNamed() {
        FootprintFile f = FootprintNetcdfReader.read(write(coarse(new long[] {RUN_TIME}, new double[][] {{3, 5, 1}}),
                Map.of("receptor_lati", "north", "receptor_long", "-110")));
        UnreadableInputException e = assertThrows(UnreadableInputException.class,
                () -> FootprintMap.render(f, PlotOptions.defaults()));
        assertTrue(e.getMessage().contains("receptor_lati = 'north'"), e.getMessage());
        // an explicit receptor makes the attributes irrelevant
        assertEquals("options", FootprintMap.render(f, PlotOptions.defaults()
                .withReceptor(new ReceptorPosition(40.5, -110.5))).receptorSource());
    }

    @Test
    void unwritableOutputIsAnOutputError() throws IOException {
        Path nc = write(coarse(new long[] {RUN_TIME}, new double[][] {{3, 5, 1}}), Map.of());
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        assertThrows(OutputWriteException.class,
                () -> FootprintMap.write(nc, PlotOptions.defaults(), blocker.resolve("map.png")));
    }

    @Test
    void projectedGridGetsTheReceptorProjectedOntoIt() {
        String lcc = "+proj=lcc +lat_1=33 +lat_2=45 +lat_0=40 +lon_0=-110 +datum=WGS84 +units=m";
        double[] x = new double[20];
        double[] y = new double[10];
        for (int i = 0; i < x.length; i++) {
            x[i] = -50_000 + 5_000 * i + 2_500;
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = -25_000 + 5_000 * i + 2_500;
        }
        double[] v = new double[x.length * y.length];
        v[5 * x.length + 10] = 1e-3;
        Footprint fp = new Footprint(x, y, new long[] {RUN_TIME}, v,
                new FootprintDomain(-110.6, -109.4, 39.8, 40.2, 5000, 5000, lcc), 1, true, 10, false, List.of());
        FootprintFile f = FootprintNetcdfReader.read(write(fp, Map.of()));
        assertTrue(f.projected());
        // the projection's origin (40N, 110W) is x = 0, y = 0
        RenderedMap map = FootprintMap.render(f, PlotOptions.defaults().withReceptor(new ReceptorPosition(40, -110)));
        assertTrue(map.receptorShown());
        assertEquals(FootprintMap.RECEPTOR_RGB, rgb(map.image(), (int) map.frame().pixelX(0),
                (int) map.frame().pixelY(0)));
        // a receptor far outside the grid is not drawn
        assertFalse(FootprintMap.render(f, PlotOptions.defaults().withReceptor(new ReceptorPosition(45, -100)))
                .receptorShown());
    }

    @Test
    void wrappedGridAcrossTheAntimeridianPlacesAWesternReceptor() {
        double[] x = {179.75, 180.25, 180.75};
        double[] y = {-10.25, -9.75};
        float[] v = {1e-3f, 2e-3f, 3e-3f, 0, 0, 0};
        FootprintFile f = new FootprintFile(x, y, new double[] {RUN_TIME}, v, false, Map.of(), Map.of());
        RenderedMap map = FootprintMap.render(f, PlotOptions.defaults().withReceptor(new ReceptorPosition(-9.75,
                -179.25)));
        assertTrue(map.receptorShown());
        assertEquals(FootprintMap.RECEPTOR_RGB, rgb(map.image(), (int) map.frame().pixelX(180.75),
                (int) map.frame().pixelY(-9.75)));
        assertTrue(map.title().contains("9.750°S 179.250°W"), map.title());
    }

    @Test
    void exampleFootprintOf300By200CellsRendersQuickly() throws IOException {
        ParticleTable table = ParticleFiles.read(EXAMPLE, ParticleTable.FOOTPRINT_COLUMNS);
        FootprintRequest request = new FootprintRequest(FootprintDomain.longlat(-112.5, -109.5, 39.5, 41.5, 0.01),
                Instant.ofEpochSecond(RUN_TIME), 1, true);
        Footprint fp = (Footprint) new FootprintCalculator(new JavaKernelSpreader()).calculate(table, request);
        Path nc = write(fp, Map.of("receptor_lati", "40.5", "receptor_long", "-110"));
        FootprintFile f = FootprintNetcdfReader.read(nc);
        assertEquals(300, f.x().length);
        assertEquals(200, f.y().length);
        long firstStart = System.nanoTime();
        FootprintMap.render(f, PlotOptions.defaults()); // cold: loads AWT and fonts
        double coldMs = (System.nanoTime() - firstStart) / 1e6;
        double bestRenderMs = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long s = System.nanoTime();
            FootprintMap.render(f, PlotOptions.defaults());
            bestRenderMs = Math.min(bestRenderMs, (System.nanoTime() - s) / 1e6);
        }
        System.out.printf("FootprintMap: 300 x 200 footprint, 800 x 600 px: first render %.1f ms, warm render %.1f ms%n",
                coldMs, bestRenderMs);
        Path png = dir.resolve("example.png");
        long t0 = System.nanoTime();
        RenderedMap map = FootprintMap.write(f, PlotOptions.defaults(), png);
        long t1 = System.nanoTime();
        System.out.printf("FootprintMap: 300 x 200 footprint rendered and written as PNG in %.1f ms (%d bytes)%n",
                (t1 - t0) / 1e6, Files.size(png));
        assertTrue(map.receptorShown());
        assertTrue(map.title().contains("40.500°N 110.000°W") && map.title().contains("time-integrated"),
                map.title());
        int[] box = colouredBox(decode(png), map.frame().plot());
        assertTrue(box != null && box[2] - box[0] > 50, "a plume is drawn");
    }

    private static int luminance(int rgb) {
        return ((rgb >> 16 & 0xFF) * 299 + (rgb >> 8 & 0xFF) * 587 + (rgb & 0xFF) * 114) / 1000;
    }

    private static int darkPixels(BufferedImage img, int fromRow, int toRow) {
        return darkPixels(img, 0, img.getWidth(), fromRow, toRow);
    }

    private static int darkPixels(BufferedImage img, int fromCol, int toCol, int fromRow, int toRow) {
        int n = 0;
        for (int y = Math.max(0, fromRow); y < Math.min(img.getHeight(), toRow); y++) {
            for (int x = Math.max(0, fromCol); x < Math.min(img.getWidth(), toCol); x++) {
                if (luminance(rgb(img, x, y)) < 128) {
                    n++;
                }
            }
        }
        return n;
    }
}
