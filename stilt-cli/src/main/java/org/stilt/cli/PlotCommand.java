package org.stilt.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.stilt.core.InvalidInputException;
import org.stilt.core.netcdf.FootprintFile;
import org.stilt.core.netcdf.FootprintNetcdfReader;
import org.stilt.core.plot.FootprintMap;
import org.stilt.core.plot.LayerSelection;
import org.stilt.core.plot.PlotOptions;
import org.stilt.core.plot.ReceptorPosition;
import org.stilt.core.plot.RenderedMap;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stilt plot}: draws a footprint NetCDF file as a PNG map ({@link FootprintMap}).
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw a footprint file as a PNG map: log-scaled viridis colours, lat/lon axes,",
                "a receptor marker and a colour bar in ppm / (umol m-2 s-1).",
                "An all-zero footprint gives a map saying 'empty footprint' (exit 0)."})
final class PlotCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FOOTPRINT.nc", description = "Footprint NetCDF file (stilt-java or R-STILT).")
    Path footprint;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.png", description = "PNG file to write.")
    Path output;

    @ArgGroup(exclusive = true)
    Layers layers;

    /** {@code --time} or {@code --sum}. */
    static final class Layers {
        @Option(names = "--time", paramLabel = "TIME",
                description = "Show the one layer with this time (ISO-8601 UTC, e.g. 2021-01-15T09:00:00Z).")
        String time;

        @Option(names = "--sum", description = "Show the sum of all layers (the default).")
        boolean sum;
    }

    @Option(names = "--width", paramLabel = "W", defaultValue = "" + PlotOptions.DEFAULT_WIDTH_PIXELS,
            description = "Image width, pixels (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", paramLabel = "H", defaultValue = "" + PlotOptions.DEFAULT_HEIGHT_PIXELS,
            description = "Image height, pixels (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--vmin", paramLabel = "V",
            description = "Lowest value of the colour scale, ppm / (umol m-2 s-1) (default: vmax / 10^"
                    + PlotOptions.DEFAULT_DECADES + ", or the smallest non-zero value if larger).")
    Double vmin;

    @Option(names = "--vmax", paramLabel = "V", description = "Highest value of the colour scale (default: the maximum).")
    Double vmax;

    @Option(names = "--title", paramLabel = "TEXT", description = "Title (default: receptor and time).")
    String title;

    @Option(names = "--receptor", paramLabel = "LAT,LON",
            description = "Receptor position for the marker, degrees (default: the file's receptor_lati/receptor_long"
                    + " attributes; no marker without them).")
    String receptor;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on success.")
    boolean quiet;

    @Override
    public Integer call() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        long started = System.nanoTime();
        String name = output.getFileName() == null ? "" : output.getFileName().toString();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new InvalidInputException("--output must be a .png file (got '" + output + "')");
        }
        LayerSelection selection = layers != null && layers.time != null
                ? LayerSelection.at(parseTime(layers.time)) : LayerSelection.sum();
        ReceptorPosition position = receptor == null ? null : parseReceptor(receptor);
        PlotOptions options = new PlotOptions(width, height, selection, vmin, vmax, title, position);
        FootprintFile file = FootprintNetcdfReader.read(footprint);
        RenderedMap map = FootprintMap.write(file, options, output);
        var err = spec.commandLine().getErr();
        if (map.receptor() == null) {
            err.println("note: no receptor marker: " + footprint + " has no " + FootprintMap.RECEPTOR_LATITUDE_ATTRIBUTE
                    + "/" + FootprintMap.RECEPTOR_LONGITUDE_ATTRIBUTE + " attributes; pass --receptor LAT,LON");
        } else if (!map.receptorShown()) {
            err.println("note: the receptor (" + map.receptor().latitudeDegrees() + ", "
                    + map.receptor().longitudeDegrees() + ") lies outside the footprint grid; no marker drawn");
        }
        if (!quiet) {
            String range = map.scale() == null ? "no colour range"
                    : String.format(Locale.ROOT, "colours %.3g .. %.3g ppm / (umol m-2 s-1), log scale",
                    map.scale().vmin(), map.scale().vmax());
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %d x %d px, %s%s, %s, %.2f s%n", output,
                    map.image().getWidth(), map.image().getHeight(), map.empty() ? "empty footprint, " : "",
                    map.layerDescription(), range, (System.nanoTime() - started) / 1e9);
        }
        return ExitCodes.OK;
    }

    /** Parses an ISO-8601 instant; a time without zone is taken as UTC. */
    static Instant parseTime(String text) {
        return CliTimes.parseUtc(text, "--time", "2021-01-15T09:00:00Z");
    }

    /** Parses {@code LAT,LON} in degrees. */
    static ReceptorPosition parseReceptor(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length == 2) {
            try {
                double lat = Double.parseDouble(parts[0].trim());
                double lon = Double.parseDouble(parts[1].trim());
                try {
                    return new ReceptorPosition(lat, lon);
                } catch (InvalidInputException e) {
                    throw new InvalidInputException("--receptor '" + text + "': " + e.getMessage(), e);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new InvalidInputException("--receptor must be LAT,LON in degrees, e.g. 40.5,-110 (got '" + text + "')");
    }
}
