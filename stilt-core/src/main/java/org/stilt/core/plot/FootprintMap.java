package org.stilt.core.plot;

import java.awt.AWTError;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import javax.imageio.ImageIO;

import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.proj.Projection;
import org.stilt.core.DurableFiles;
import org.stilt.core.InvalidInputException;
import org.stilt.core.OutputWriteException;
import org.stilt.core.UnreadableInputException;
import org.stilt.core.netcdf.FootprintFile;
import org.stilt.core.netcdf.FootprintNetcdfReader;

/**
 * Draws a footprint ({@link FootprintFile}, as written by {@code FootprintNetcdfWriter} or R-STILT) as a PNG map:
 * log-scaled {@link Viridis} colours (cells that are zero or NaN stay white), longitude/latitude axes with tick
 * labels in degrees (projection units for projected grids; no coastlines), a receptor marker (red dot), a colour
 * bar labelled in ppm / (µmol m⁻² s⁻¹) with decade ticks, and a title naming the receptor and the time. An all-zero
 * footprint is drawn with the note "empty footprint".
 *
 * <pre>{@code
 * FootprintFile fp = FootprintNetcdfReader.read(Path.of("foot.nc"));
 * RenderedMap map = FootprintMap.write(fp, PlotOptions.defaults(), Path.of("map.png"));
 * }</pre>
 *
 * <p>Rendering is off-screen (a {@link BufferedImage}) and needs no display; on a server start the JVM with
 * {@code -Djava.awt.headless=true} (the {@code stilt} command sets it) so that AWT never looks for one. The
 * receptor comes from the options or from the file's {@code receptor_lati}/{@code receptor_long} attributes.
 *
 * <p>Thread-safety: stateless and thread-safe; each call draws its own image.
 */
public final class FootprintMap {

    /** Global attribute holding the receptor latitude, degrees north (as in the particle file). */
    public static final String RECEPTOR_LATITUDE_ATTRIBUTE = "receptor_lati";
    /** Global attribute holding the receptor longitude, degrees east (as in the particle file). */
    public static final String RECEPTOR_LONGITUDE_ATTRIBUTE = "receptor_long";
    /** Colour of the receptor marker (pure red: never produced by viridis). */
    public static final int RECEPTOR_RGB = 0xFF0000;
    /** Units of the colour bar. */
    public static final String UNITS_TEXT = "ppm / (µmol m⁻² s⁻¹)";

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final double[] NICE = {1, 2, 2.5, 5};
    private static final String MINUS = "\u2212";
    private static final Color INK = new Color(0x222222);

    private FootprintMap() {
    }

    /** Reads {@code footprintFile} and writes its map to {@code png}; see {@link #write(FootprintFile, PlotOptions, Path)}. */
    public static RenderedMap write(Path footprintFile, PlotOptions options, Path png) {
        return write(FootprintNetcdfReader.read(footprintFile), options, png);
    }

    /**
     * Draws the map and writes it as PNG (temporary sibling, then rename; parent directories are created; an
     * existing file is replaced).
     *
     * @throws InvalidInputException if an option does not fit the footprint (a {@code --time} that is no layer, a
     *                               vmin not below the largest value)
     * @throws OutputWriteException  if the PNG cannot be written (message names the file)
     */
    public static RenderedMap write(FootprintFile footprint, PlotOptions options, Path png) {
        RenderedMap map = render(footprint, options);
        writePng(map.image(), png);
        return map;
    }

    /**
     * Draws the map in memory.
     *
     * @throws InvalidInputException    if an option does not fit the footprint
     * @throws UnreadableInputException if the footprint has an empty axis, non-finite coordinates or malformed
     *                                  receptor attributes
     * @throws OutputWriteException     if Java's graphics cannot start (a display is configured but unreachable and
     *                                  the JVM is not headless)
     */
    public static RenderedMap render(FootprintFile footprint, PlotOptions options) {
        Objects.requireNonNull(footprint, "footprint");
        Objects.requireNonNull(options, "options");
        Grid grid = Grid.of(footprint);
        Selection sel = select(footprint, options.layers());
        LogColorScale scale = scale(sel.values, options);
        boolean empty = sel.positiveCount == 0;

        ReceptorPosition receptor = options.receptor();
        String receptorSource = "options";
        if (receptor == null) {
            receptor = receptorFromAttributes(footprint.globalAttributes());
            receptorSource = receptor == null ? "none" : "file attributes";
        }
        String title = options.title() != null ? options.title() : autoTitle(receptor, sel.description);

        int w = options.widthPixels();
        int h = options.heightPixels();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g;
        try {
            g = img.createGraphics();
        } catch (AWTError e) {
            throw new OutputWriteException("cannot draw the map: Java's graphics could not start (" + e.getMessage()
                    + "); run the JVM with -Djava.awt.headless=true", e);
        }
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            Layout lay = layout(g, grid, scale, w, h);
            drawCells(g, grid, sel.values, scale, lay.frame.plot());
            drawAxes(g, grid, lay);
            drawColourBar(g, scale, lay);
            if (empty) {
                drawEmptyNote(g, lay);
            }
            boolean shown = drawReceptor(g, grid, lay.frame, receptor, lay.fontSize);
            drawTitle(g, title, lay, w);
            return new RenderedMap(img, lay.frame, lay.bar, scale, empty, title, sel.description, receptor,
                    receptorSource, shown);
        } finally {
            g.dispose();
        }
    }

    /**
     * The receptor position from a footprint's global attributes {@value #RECEPTOR_LATITUDE_ATTRIBUTE} and
     * {@value #RECEPTOR_LONGITUDE_ATTRIBUTE}, or null when either is absent.
     *
     * @throws UnreadableInputException if they are present but not numbers in range
     */
    public static ReceptorPosition receptorFromAttributes(Map<String, String> attributes) {
        String lat = attributes.get(RECEPTOR_LATITUDE_ATTRIBUTE);
        String lon = attributes.get(RECEPTOR_LONGITUDE_ATTRIBUTE);
        if (lat == null || lon == null) {
            return null;
        }
        try {
            return new ReceptorPosition(Double.parseDouble(lat.trim()), Double.parseDouble(lon.trim()));
        } catch (NumberFormatException | InvalidInputException e) {
            throw new UnreadableInputException("footprint attributes " + RECEPTOR_LATITUDE_ATTRIBUTE + " = '" + lat
                    + "', " + RECEPTOR_LONGITUDE_ATTRIBUTE + " = '" + lon + "' are not a receptor position in"
                    + " degrees (pass the receptor explicitly instead)", e);
        }
    }

    /** Writes {@code image} as PNG via a temporary sibling and an atomic rename. */
    static void writePng(BufferedImage image, Path png) {
        Path abs = png.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available in this Java runtime");
            }
            DurableFiles.commit(tmp, abs);
            tmp = null;
        } catch (IOException | RuntimeException e) {
            throw new OutputWriteException("cannot write map " + png + ": " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the error above is what matters
                }
            }
        }
    }

    // ---- data -------------------------------------------------------------------------------------------------

    /** The grid's geometry: outer edges and axis directions. Immutable. */
    private record Grid(int nx, int ny, double xMin, double xMax, double yMin, double yMax, boolean xAscending,
                        boolean yAscending, boolean projected, String crs) {

        static Grid of(FootprintFile f) {
            double[] x = f.x();
            double[] y = f.y();
            if (x.length == 0 || y.length == 0 || f.timesEpochSeconds().length == 0) {
                throw new UnreadableInputException("footprint has an empty axis (" + x.length + " x, " + y.length
                        + " y, " + f.timesEpochSeconds().length + " time layers); nothing to plot");
            }
            for (double[] c : new double[][] {x, y}) {
                for (double v : c) {
                    if (!Double.isFinite(v)) {
                        throw new UnreadableInputException("footprint coordinate " + v + " is not finite");
                    }
                }
            }
            double dx = spacing(x, f.globalAttributes().get("xres"));
            double dy = spacing(y, f.globalAttributes().get("yres"));
            double x0 = Math.min(x[0], x[x.length - 1]) - dx / 2;
            double x1 = Math.max(x[0], x[x.length - 1]) + dx / 2;
            double y0 = Math.min(y[0], y[y.length - 1]) - dy / 2;
            double y1 = Math.max(y[0], y[y.length - 1]) + dy / 2;
            return new Grid(x.length, y.length, x0, x1, y0, y1, x[x.length - 1] >= x[0], y[y.length - 1] >= y[0],
                    f.projected(), f.globalAttributes().get("crs"));
        }

        private static double spacing(double[] c, String resAttribute) {
            if (c.length > 1) {
                double d = Math.abs(c[c.length - 1] - c[0]) / (c.length - 1);
                if (d > 0) {
                    return d;
                }
            }
            try {
                double r = resAttribute == null ? Double.NaN : Double.parseDouble(resAttribute.trim());
                if (r > 0 && Double.isFinite(r)) {
                    return r;
                }
            } catch (NumberFormatException ignored) {
                // fall through to a unit cell
            }
            return 1;
        }
    }

    /** The field to draw, (y, x) in file order, with counts and a description. Confined to one render call. */
    private record Selection(double[] values, int positiveCount, String description) {
    }

    private static Selection select(FootprintFile f, LayerSelection layers) {
        int nt = f.timesEpochSeconds().length;
        int cells = f.x().length * f.y().length;
        float[] v = f.values();
        double[] out = new double[cells];
        String description;
        if (layers instanceof LayerSelection.At at) {
            int it = -1;
            for (int i = 0; i < nt; i++) {
                if (f.timesEpochSeconds()[i] == at.time().getEpochSecond()) {
                    it = i;
                }
            }
            if (it < 0) {
                List<String> times = new ArrayList<>();
                for (int i = 0; i < Math.min(nt, 12); i++) {
                    times.add(instant(f.timesEpochSeconds()[i]).toString());
                }
                throw new InvalidInputException("time " + at.time() + " is not a layer of the footprint; its "
                        + nt + " layer time(s): " + String.join(", ", times) + (nt > 12 ? ", ..." : ""));
            }
            for (int i = 0; i < cells; i++) {
                float c = v[it * cells + i];
                out[i] = Float.isNaN(c) ? 0 : c;
            }
            description = nt == 1 ? singleLayer(f) : "hour from " + MINUTES.format(instant(f.timesEpochSeconds()[it]))
                    + " UTC (layer " + (it + 1) + " of " + nt + ")";
        } else {
            for (int t = 0; t < nt; t++) {
                int base = t * cells;
                for (int i = 0; i < cells; i++) {
                    float c = v[base + i];
                    if (!Float.isNaN(c)) {
                        out[i] += c;
                    }
                }
            }
            Instant first = instant(f.timesEpochSeconds()[0]);
            Instant last = instant(f.timesEpochSeconds()[nt - 1]);
            if (nt == 1) {
                description = singleLayer(f);
            } else {
                boolean sameDay = first.atZone(ZoneOffset.UTC).toLocalDate()
                        .equals(last.atZone(ZoneOffset.UTC).toLocalDate());
                description = "sum of " + nt + " layers, " + MINUTES.format(first) + " to "
                        + (sameDay ? HOURS : MINUTES).format(last) + " UTC";
            }
        }
        int positive = 0;
        for (double c : out) {
            if (c > 0) {
                positive++;
            }
        }
        return new Selection(out, positive, description);
    }

    /**
     * A file with one layer: time-integrated (attribute {@code time_integrate = true}, the time is the receptor's),
     * one hourly layer ({@code false}), or not said (R-STILT's files).
     */
    private static String singleLayer(FootprintFile f) {
        String when = MINUTES.format(instant(f.timesEpochSeconds()[0])) + " UTC";
        return switch (f.globalAttributes().getOrDefault("time_integrate", "").toLowerCase(Locale.ROOT)) {
            case "true" -> "time-integrated, receptor time " + when;
            case "false" -> "hour from " + when;
            default -> "layer at " + when;
        };
    }

    private static Instant instant(double epochSeconds) {
        return Instant.ofEpochSecond(Math.round(epochSeconds));
    }

    /** The colour scale: the options' range, completed from the data; null for empty data without a range. */
    private static LogColorScale scale(double[] values, PlotOptions o) {
        double max = 0;
        double minPositive = Double.POSITIVE_INFINITY;
        for (double v : values) {
            if (v > 0) {
                max = Math.max(max, v);
                minPositive = Math.min(minPositive, v);
            }
        }
        double decades = Math.pow(10, -PlotOptions.DEFAULT_DECADES);
        if (max == 0) {
            if (o.vmin() != null && o.vmax() != null) {
                return new LogColorScale(o.vmin(), o.vmax());
            }
            if (o.vmax() != null) {
                return new LogColorScale(o.vmax() * decades, o.vmax());
            }
            return null;
        }
        double vmax = o.vmax() != null ? o.vmax() : max;
        double vmin;
        if (o.vmin() != null) {
            vmin = o.vmin();
            if (!(vmin < vmax)) {
                throw new InvalidInputException("vmin " + o.vmin() + " must be below the largest value shown ("
                        + max + " ppm / (umol m-2 s-1)); give a smaller vmin or also a vmax");
            }
        } else {
            vmin = vmax * decades;
            if (minPositive > vmin && minPositive < vmax) {
                vmin = minPositive;
            }
            if (!(vmin < vmax)) {
                vmin = vmax / 10;
            }
        }
        return new LogColorScale(vmin, vmax);
    }

    // ---- layout -----------------------------------------------------------------------------------------------

    /** Pixel positions of everything, and the fonts. Immutable. */
    private record Layout(MapFrame frame, PixelBox bar, int fontSize, Font font, Font titleFont, int tickLength,
                          List<Double> xTicks, List<Double> yTicks, double xTickStep, double yTickStep,
                          int titleBaseline) {
    }

    private static Layout layout(Graphics2D g, Grid grid, LogColorScale scale, int w, int h) {
        int fs = Math.clamp(Math.round(Math.min(w, h * 4 / 3) / 60f), 10, 28);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, fs);
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, Math.round(fs * 1.2f));
        FontMetrics fm = g.getFontMetrics(font);
        FontMetrics tfm = g.getFontMetrics(titleFont);
        int tick = Math.max(4, fs / 3);
        int pad = Math.max(6, fs / 2);
        int titleBaseline = pad + tfm.getAscent();
        int top = titleBaseline + tfm.getDescent() + pad + fm.getAscent() / 2;

        double yStep0 = niceStep(grid.yMax - grid.yMin, Math.max(2, (h - top) / (fs * 5)));
        List<Double> yTicks0 = ticks(grid.yMin, grid.yMax, yStep0);
        int yLabelWidth = 0;
        for (double y : yTicks0) {
            yLabelWidth = Math.max(yLabelWidth, fm.stringWidth(yLabel(grid, y, yStep0)));
        }
        int axisTitle = grid.projected ? fm.getHeight() + pad / 2 : 0;
        int left = pad + axisTitle + yLabelWidth + tick + pad / 2;
        int bottom = tick + fm.getHeight() + pad + axisTitle;

        int barWidth = Math.max(12, Math.round(fs * 1.3f));
        int barLabelWidth = richWidth(g, font, power(-10)) + tick + pad / 2;
        if (scale != null && scale.decadeExponents(20).size() < 2) {
            barLabelWidth = Math.max(barLabelWidth, richWidth(g, font, mantissa(scale.vmax())) + tick + pad / 2);
        }
        int right = 2 * fs + barWidth + barLabelWidth + pad + fm.getHeight() + pad;

        int availW = Math.max(1, w - left - right);
        int availH = Math.max(1, h - top - bottom);
        double dataW = grid.xMax - grid.xMin;
        double dataH = grid.yMax - grid.yMin;
        if (!grid.projected) {
            double midLat = Math.toRadians(Math.clamp((grid.yMin + grid.yMax) / 2, -85.0, 85.0));
            dataW *= Math.max(0.1, Math.cos(midLat));
        }
        double k = Math.min(availW / dataW, availH / dataH);
        int plotW = Math.clamp(Math.round(dataW * k), 1, availW);
        int plotH = Math.clamp(Math.round(dataH * k), 1, availH);
        int plotX = left + (availW - plotW) / 2;
        int plotY = top + (availH - plotH) / 2;
        PixelBox plot = new PixelBox(plotX, plotY, plotW, plotH);
        MapFrame frame = new MapFrame(plot, grid.xMin, grid.xMax, grid.yMin, grid.yMax, grid.projected);

        int barH = Math.min(availH, Math.max(plotH, 8 * fs));
        int barY = plotY + plotH / 2 - barH / 2;
        barY = Math.clamp(barY, top, Math.max(top, h - bottom - barH));
        PixelBox bar = new PixelBox(plotX + plotW + 2 * fs, barY, barWidth, barH);

        double xStep = niceStep(grid.xMax - grid.xMin, Math.max(2, plotW / (fs * 7)));
        double yStep = niceStep(grid.yMax - grid.yMin, Math.max(2, plotH / (fs * 3)));
        return new Layout(frame, bar, fs, font, titleFont, tick, ticks(grid.xMin, grid.xMax, xStep),
                ticks(grid.yMin, grid.yMax, yStep), xStep, yStep, titleBaseline);
    }

    /** The smallest 1, 2, 2.5, 5 × 10^k step that gives at most {@code target} intervals over {@code span}. */
    static double niceStep(double span, int target) {
        double raw = span / Math.max(1, target);
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double n : NICE) {
            if (n * p >= raw * (1 - 1e-9)) {
                return n * p;
            }
        }
        return 10 * p;
    }

    /** Multiples of {@code step} inside [lo, hi]. */
    static List<Double> ticks(double lo, double hi, double step) {
        List<Double> out = new ArrayList<>();
        long first = (long) Math.ceil(lo / step - 1e-9);
        long last = (long) Math.floor(hi / step + 1e-9);
        for (long i = first; i <= last && out.size() < 100; i++) {
            double v = i * step;
            out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return out;
    }

    private static int decimals(double step) {
        return Math.max(0, BigDecimal.valueOf(step).stripTrailingZeros().scale());
    }

    /** A longitude tick label: {@code 111.5°W}, {@code 0°}, {@code 180°}; projected grids: the value (km or m). */
    private static String xLabel(Grid grid, double x, double step) {
        if (grid.projected) {
            return projectedLabel(grid, x, step);
        }
        double lon = ((x + 180) % 360 + 360) % 360 - 180;
        if (Math.abs(lon + 180) < 1e-9 && x > 0) {
            lon = 180;
        }
        String n = number(Math.abs(lon), decimals(step));
        if (Math.abs(lon) < step * 1e-6 || Math.abs(Math.abs(lon) - 180) < step * 1e-6) {
            return n + "°";
        }
        return n + (lon < 0 ? "°W" : "°E");
    }

    /** A latitude tick label: {@code 40.5°N}, {@code 0°}, {@code 10°S}. */
    private static String yLabel(Grid grid, double y, double step) {
        if (grid.projected) {
            return projectedLabel(grid, y, step);
        }
        String n = number(Math.abs(y), decimals(step));
        if (Math.abs(y) < step * 1e-6) {
            return n + "°";
        }
        return n + (y < 0 ? "°S" : "°N");
    }

    private static String projectedLabel(Grid grid, double v, double step) {
        if (kilometres(grid)) {
            return number(v / 1000, decimals(step / 1000)).replace('-', '\u2212');
        }
        return number(v, decimals(step)).replace('-', '\u2212');
    }

    /** Whether projected metres are shown as km (wide grids in metres). */
    private static boolean kilometres(Grid grid) {
        String crs = grid.crs == null ? "" : grid.crs;
        boolean metres = !crs.contains("+units=") || crs.contains("+units=m ") || crs.endsWith("+units=m");
        return metres && Math.max(grid.xMax - grid.xMin, grid.yMax - grid.yMin) >= 5000;
    }

    private static String number(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String latLon(ReceptorPosition r) {
        double lon = r.longitudeDegrees() > 180 ? r.longitudeDegrees() - 360 : r.longitudeDegrees();
        return String.format(Locale.ROOT, "%.3f°%s %.3f°%s", Math.abs(r.latitudeDegrees()),
                r.latitudeDegrees() < 0 ? "S" : "N", Math.abs(lon), lon < 0 ? "W" : "E");
    }

    private static String autoTitle(ReceptorPosition receptor, String layers) {
        return "STILT footprint" + (receptor == null ? "" : " · receptor " + latLon(receptor)) + " · " + layers;
    }

    // ---- drawing ----------------------------------------------------------------------------------------------

    private static void drawCells(Graphics2D g, Grid grid, double[] values, LogColorScale scale, PixelBox plot) {
        if (scale == null) {
            return;
        }
        int nx = grid.nx;
        int ny = grid.ny;
        BufferedImage cells = new BufferedImage(nx, ny, BufferedImage.TYPE_INT_ARGB);
        int[] argb = new int[nx * ny];
        for (int iy = 0; iy < ny; iy++) {
            int row = grid.yAscending ? ny - 1 - iy : iy;
            for (int ix = 0; ix < nx; ix++) {
                int col = grid.xAscending ? ix : nx - 1 - ix;
                argb[row * nx + col] = scale.argb(values[iy * nx + ix]);
            }
        }
        cells.setRGB(0, 0, nx, ny, argb, 0, nx);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(cells, plot.x(), plot.y(), plot.x() + plot.width(), plot.y() + plot.height(), 0, 0, nx, ny, null);
    }

    private static void drawAxes(Graphics2D g, Grid grid, Layout lay) {
        PixelBox p = lay.frame.plot();
        MapFrame f = lay.frame;
        g.setFont(lay.font);
        FontMetrics fm = g.getFontMetrics();
        g.setColor(INK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(p.x() - 1, p.y() - 1, p.width() + 1, p.height() + 1);
        int bottom = p.y() + p.height();
        for (double x : lay.xTicks) {
            int px = (int) Math.round(f.pixelX(x));
            px = Math.clamp(px, p.x() - 1, p.x() + p.width());
            g.drawLine(px, bottom, px, bottom + lay.tickLength);
            String s = xLabel(grid, x, lay.xTickStep);
            g.drawString(s, px - fm.stringWidth(s) / 2f, bottom + lay.tickLength + fm.getAscent());
        }
        for (double y : lay.yTicks) {
            int py = (int) Math.round(f.pixelY(y));
            py = Math.clamp(py, p.y() - 1, p.y() + p.height());
            g.drawLine(p.x() - 1 - lay.tickLength, py, p.x() - 1, py);
            String s = yLabel(grid, y, lay.yTickStep);
            g.drawString(s, p.x() - 1 - lay.tickLength - 3 - fm.stringWidth(s),
                    py + (fm.getAscent() - fm.getDescent()) / 2f);
        }
        if (grid.projected) {
            String unit = kilometres(grid) ? "km" : "projection units";
            String xt = "x (" + unit + ")";
            g.drawString(xt, p.x() + (p.width() - fm.stringWidth(xt)) / 2f,
                    bottom + lay.tickLength + fm.getHeight() + fm.getAscent());
            String yt = "y (" + unit + ")";
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            g.drawString(yt, -(p.y() + (p.height() + fm.stringWidth(yt)) / 2f), (float) fm.getAscent() + 2);
            g.setTransform(saved);
        }
    }

    private static void drawColourBar(Graphics2D g, LogColorScale scale, Layout lay) {
        PixelBox b = lay.bar;
        for (int j = 0; j < b.height(); j++) {
            double t = 1 - (j + 0.5) / b.height();
            g.setColor(new Color(Viridis.rgb(t)));
            g.fillRect(b.x(), b.y() + j, b.width(), 1);
        }
        g.setColor(INK);
        g.drawRect(b.x() - 1, b.y() - 1, b.width() + 1, b.height() + 1);
        g.setFont(lay.font);
        FontMetrics fm = g.getFontMetrics();
        int labelX = b.x() + b.width() + lay.tickLength + 3;
        int widest = 0;
        if (scale != null) {
            List<Integer> exps = scale.decadeExponents(Math.max(2, b.height() / (lay.fontSize * 2)));
            List<Integer> tickRows = new ArrayList<>();
            for (int e : exps) {
                int y = b.y() + (int) Math.round((1 - scale.fraction(Math.pow(10, e))) * b.height());
                tickRows.add(y);
                g.drawLine(b.x() + b.width(), y, b.x() + b.width() + lay.tickLength, y);
                List<Seg> label = power(e);
                drawRich(g, lay.font, label, labelX, y + (fm.getAscent() - fm.getDescent()) / 2f);
                widest = Math.max(widest, richWidth(g, lay.font, label));
            }
            if (exps.size() < 2) {
                double[] ends = {scale.vmin(), scale.vmax()};
                int[] rows = {b.y() + b.height(), b.y()};
                for (int i = 0; i < 2; i++) {
                    int y = rows[i];
                    if (tickRows.stream().anyMatch(r -> Math.abs(r - y) < fm.getHeight())) {
                        continue;
                    }
                    g.drawLine(b.x() + b.width(), y, b.x() + b.width() + lay.tickLength, y);
                    List<Seg> label = mantissa(ends[i]);
                    drawRich(g, lay.font, label, labelX, y + (fm.getAscent() - fm.getDescent()) / 2f);
                    widest = Math.max(widest, richWidth(g, lay.font, label));
                }
            }
        }
        widest = Math.max(widest, richWidth(g, lay.font, power(-10)));
        List<Seg> units = List.of(new Seg("ppm / (µmol m", false), new Seg(MINUS + "2", true), new Seg(" s", false),
                new Seg(MINUS + "1", true), new Seg(")", false));
        int unitsWidth = richWidth(g, lay.font, units);
        AffineTransform saved = g.getTransform();
        float ux = labelX + widest + lay.fontSize / 2f + fm.getAscent();
        g.translate(ux, b.y() + b.height() / 2.0 + unitsWidth / 2.0);
        g.rotate(-Math.PI / 2);
        drawRich(g, lay.font, units, 0, 0);
        g.setTransform(saved);
    }

    private static boolean drawReceptor(Graphics2D g, Grid grid, MapFrame frame, ReceptorPosition r, int fs) {
        if (r == null) {
            return false;
        }
        double[] xy = receptorXy(grid, r);
        if (xy == null || xy[0] < grid.xMin || xy[0] > grid.xMax || xy[1] < grid.yMin || xy[1] > grid.yMax) {
            return false;
        }
        double px = frame.pixelX(xy[0]);
        double py = frame.pixelY(xy[1]);
        double radius = Math.max(4, fs / 2.5);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        double o = radius + 2;
        g.fill(new Ellipse2D.Double(px - o, py - o, 2 * o, 2 * o));
        g.setColor(new Color(RECEPTOR_RGB));
        g.fill(new Ellipse2D.Double(px - radius, py - radius, 2 * radius, 2 * radius));
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        return true;
    }

    /** The receptor in grid coordinates (longitude shifted by 360° onto a wrapped grid), or null. */
    private static double[] receptorXy(Grid grid, ReceptorPosition r) {
        if (!grid.projected) {
            double best = r.longitudeDegrees();
            for (double lon : new double[] {r.longitudeDegrees() - 360, r.longitudeDegrees() + 360}) {
                if (lon >= grid.xMin && lon <= grid.xMax) {
                    best = lon;
                }
            }
            return new double[] {best, r.latitudeDegrees()};
        }
        if (grid.crs == null || grid.crs.isBlank()) {
            return null;
        }
        try {
            Projection p = new CRSFactory().createFromParameters("footprint", grid.crs).getProjection();
            ProjCoordinate dst = new ProjCoordinate();
            p.project(new ProjCoordinate(r.longitudeDegrees(), r.latitudeDegrees()), dst);
            return Double.isFinite(dst.x) && Double.isFinite(dst.y) ? new double[] {dst.x, dst.y} : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void drawEmptyNote(Graphics2D g, Layout lay) {
        PixelBox p = lay.frame.plot();
        Font f = lay.titleFont;
        g.setFont(f);
        FontMetrics fm = g.getFontMetrics();
        String s = "empty footprint";
        int w = fm.stringWidth(s);
        // in the upper part of the plot, so that a receptor marker in the middle stays visible
        float baseline = p.y() + Math.min(p.height() / 4f, 2f * fm.getHeight()) + fm.getAscent() / 2f;
        g.setColor(new Color(0x666666));
        g.drawString(s, p.x() + (p.width() - w) / 2f, baseline);
    }

    private static void drawTitle(Graphics2D g, String title, Layout lay, int w) {
        Font f = lay.titleFont;
        int maxWidth = w - 2 * Math.max(6, lay.fontSize / 2);
        FontMetrics fm = g.getFontMetrics(f);
        while (fm.stringWidth(title) > maxWidth && f.getSize() > 8) {
            f = f.deriveFont((float) f.getSize() - 1);
            fm = g.getFontMetrics(f);
        }
        String text = title;
        while (fm.stringWidth(text) > maxWidth && text.length() > 1) {
            text = text.substring(0, text.length() - 2) + "…";
        }
        g.setFont(f);
        g.setColor(INK);
        g.drawString(text, (w - fm.stringWidth(text)) / 2f, lay.titleBaseline);
    }

    // ---- text with superscripts -------------------------------------------------------------------------------

    /** A run of text, raised and smaller when {@code superscript}. Immutable. */
    private record Seg(String text, boolean superscript) {
    }

    /** {@code 10^e}. */
    private static List<Seg> power(int e) {
        return List.of(new Seg("10", false), new Seg(e < 0 ? MINUS + (-e) : Integer.toString(e), true));
    }

    /** {@code m.m×10^e}. */
    private static List<Seg> mantissa(double v) {
        int e = (int) Math.floor(Math.log10(v));
        String m = String.format(Locale.ROOT, "%.1f", v / Math.pow(10, e));
        if (m.equals("10.0")) {
            e++;
            m = "1.0";
        }
        return List.of(new Seg(m + "×10", false), new Seg(e < 0 ? MINUS + (-e) : Integer.toString(e), true));
    }

    private static Font superscriptFont(Font base) {
        return base.deriveFont(base.getSize2D() * 0.7f);
    }

    private static int richWidth(Graphics2D g, Font base, List<Seg> segs) {
        FontMetrics fm = g.getFontMetrics(base);
        FontMetrics sm = g.getFontMetrics(superscriptFont(base));
        int w = 0;
        for (Seg s : segs) {
            w += (s.superscript ? sm : fm).stringWidth(s.text);
        }
        return w;
    }

    private static void drawRich(Graphics2D g, Font base, List<Seg> segs, float x, float baseline) {
        Font sup = superscriptFont(base);
        FontMetrics fm = g.getFontMetrics(base);
        FontMetrics sm = g.getFontMetrics(sup);
        float raise = base.getSize2D() * 0.4f;
        for (Seg s : segs) {
            g.setFont(s.superscript ? sup : base);
            g.drawString(s.text, x, s.superscript ? baseline - raise : baseline);
            x += (s.superscript ? sm : fm).stringWidth(s.text);
        }
        g.setFont(base);
    }
}
