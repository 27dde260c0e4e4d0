package org.stilt.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.stilt.core.InvalidInputException;
import org.stilt.core.met.VerticalCoordinate;
import org.stilt.core.met.synth.SyntheticMetSpec;
import org.stilt.core.met.synth.SyntheticMetSpec.DiurnalRange;
import org.stilt.core.met.synth.SyntheticMetWriter;
import org.stilt.core.met.synth.SyntheticMetYaml;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stilt met synth}: writes synthetic ARL meteorology from command-line options or a YAML
 * description (docs/met-synth.md) and prints one line per file written.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "synth", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write synthetic ARL meteorology that HYSPLIT reads (docs/met-synth.md).",
                "Describe it with --yaml FILE, or with the options below for the common cases."})
final class MetSynthCommand implements Callable<Integer> {

    /** Options that describe the design; not allowed together with --yaml. */
    private static final List<String> DESIGN = List.of("--grid", "--corner", "--centre", "--spacing", "--size",
            "--true-lat", "--central-lon", "--levels", "--start", "--hours", "--interval", "--wind", "--shear",
            "--hourly-winds", "--rotation", "--omega", "--pbl", "--shtf", "--ustar", "--psfc", "--utc-offset", "--terrain");

    @Spec
    CommandSpec spec;

    @Option(names = "--yaml", paramLabel = "FILE", description = "YAML description (docs/met-synth.md); excludes the design options.")
    Path yaml;
    @Option(names = "--grid", paramLabel = "KIND", defaultValue = "latlon", description = "latlon or lambert (default: ${DEFAULT-VALUE}).")
    String grid;
    @Option(names = "--corner", paramLabel = "LAT,LON", description = "Grid point (1,1).")
    String corner;
    @Option(names = {"--centre", "--center"}, paramLabel = "LAT,LON", description = "Grid centre (instead of --corner).")
    String centre;
    @Option(names = "--spacing", paramLabel = "D", defaultValue = "0.1",
            description = "Degrees (latlon; or DLAT,DLON) or km (lambert) (default: ${DEFAULT-VALUE}).")
    String spacing;
    @Option(names = "--size", paramLabel = "NX,NY", defaultValue = "101,71", description = "Columns, rows (default: ${DEFAULT-VALUE}).")
    String size;
    @Option(names = "--true-lat", paramLabel = "DEG", defaultValue = "38.5", description = "Lambert tangent latitude (default: ${DEFAULT-VALUE}).")
    double trueLat;
    @Option(names = "--central-lon", paramLabel = "DEG", defaultValue = "-97.5", description = "Lambert central meridian (default: ${DEFAULT-VALUE}).")
    double centralLon;
    @Option(names = "--levels", paramLabel = "SPEC", defaultValue = "sigma",
            description = "sigma (27 HRRR levels), pressure (975..100 hPa), sigma:V,V,.. or pressure:P,P,.. (default: ${DEFAULT-VALUE}).")
    String levels;
    @Option(names = "--start", paramLabel = "TIME", description = "First valid time, ISO-8601 UTC, e.g. 2021-01-15T00:00:00Z.")
    String start;
    @Option(names = "--hours", paramLabel = "N", defaultValue = "24", description = "Hours covered: N/interval + 1 periods (default: ${DEFAULT-VALUE}).")
    int hours;
    @Option(names = "--interval", paramLabel = "MIN", defaultValue = "60", description = "Minutes between periods (default: ${DEFAULT-VALUE}).")
    int intervalMinutes;
    @Option(names = "--wind", paramLabel = "U,V", defaultValue = "0,0", description = "Base wind, m/s (default: ${DEFAULT-VALUE}).")
    String wind;
    @Option(names = "--shear", paramLabel = "DUDZ,DVDZ[,TOP]", description = "Linear shear, 1/s, up to TOP m AGL (default 3000).")
    String shear;
    @Option(names = "--hourly-winds", paramLabel = "U,V;U,V;..", description = "Base wind per hour (replaces --wind).")
    String hourlyWinds;
    @Option(names = "--rotation", paramLabel = "LAT,LON,OMEGA", description = "Solid-body rotation about LAT,LON at OMEGA rad/s.")
    String rotation;
    @Option(names = "--omega", paramLabel = "HPA_S", defaultValue = "0", description = "Uniform WWND, hPa/s, positive down (default: ${DEFAULT-VALUE}).")
    double omega;
    @Option(names = "--pbl", paramLabel = "MIN[,MAX]", defaultValue = "1000", description = "PBLH, m; MIN,MAX for a diurnal cycle (default: ${DEFAULT-VALUE}).")
    String pbl;
    @Option(names = "--shtf", paramLabel = "MIN[,MAX]", defaultValue = "100", description = "SHTF, W/m2 (default: ${DEFAULT-VALUE}).")
    String shtf;
    @Option(names = "--ustar", paramLabel = "M_S", defaultValue = "0.35", description = "USTR, m/s (default: ${DEFAULT-VALUE}).")
    double ustar;
    @Option(names = "--psfc", paramLabel = "HPA", description = "PRSS, hPa (default: standard atmosphere at the terrain height).")
    Double psfc;
    @Option(names = "--utc-offset", paramLabel = "H", defaultValue = "0", description = "Local solar time - UTC, hours; peak at 14 h local (default: ${DEFAULT-VALUE}).")
    double utcOffset;
    @Option(names = "--terrain", paramLabel = "SPEC", defaultValue = "flat:0",
            description = "flat:H, hill:BASE,PEAK,LAT,LON,RADIUS_KM or slope:BASE,LAT,LON,M_PER_KM_EAST,M_PER_KM_NORTH (default: ${DEFAULT-VALUE}).")
    String terrain;
    @Option(names = "--daily", paramLabel = "PATTERN",
            description = "One file per UTC day named by a strftime pattern, e.g. met_%%Y%%m%%d.arl (overrides the YAML's output).")
    String daily;
    @Option(names = {"-o", "--output"}, paramLabel = "PATH",
            description = {"Output file (default synthetic.arl, or the YAML's output.file; an existing directory gets that name),",
                    "or the directory of the daily files (default: current directory)."})
    Path output;

    @Override
    public Integer call() {
        SyntheticMetSpec design;
        String pattern = daily;
        String file = null;
        if (yaml != null) {
            for (String o : DESIGN) {
                if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                    throw new InvalidInputException(o + " cannot be combined with --yaml; put it in " + yaml);
                }
            }
            SyntheticMetYaml.Description d = SyntheticMetYaml.read(yaml);
            design = d.spec();
            if (pattern == null) {
                pattern = d.output().daily();
                file = d.output().file();
            }
        } else {
            design = fromOptions();
        }
        List<SyntheticMetWriter.WrittenFile> written = new ArrayList<>();
        if (pattern != null) {
            written.addAll(SyntheticMetWriter.writeDaily(design, output == null ? Path.of(".") : output, pattern));
        } else {
            String name = file != null ? file : "synthetic.arl";
            Path target = output == null ? Path.of(name) : Files.isDirectory(output) ? output.resolve(name) : output;
            written.add(SyntheticMetWriter.write(design, target));
        }
        PrintWriter out = spec.commandLine().getOut();
        String what = design.grid().toArlGrid().nx() + " x " + design.grid().toArlGrid().ny() + " "
                + (design.grid() instanceof SyntheticMetSpec.LambertGrid ? "Lambert" : "lat/lon") + ", "
                + (design.levels().values().size() + 1) + " " + design.levels().coordinate().name().toLowerCase(Locale.ROOT) + " levels";
        for (SyntheticMetWriter.WrittenFile w : written) {
            out.println("wrote " + w.file() + ": " + w.periods() + " periods " + w.first() + " .. " + w.last() + ", " + what);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private SyntheticMetSpec fromOptions() {
        if (start == null) {
            throw new InvalidInputException("--start is required without --yaml; expected an ISO-8601 UTC time, e.g. 2021-01-15T00:00:00Z");
        }
        if ((corner == null) == (centre == null)) {
            throw new InvalidInputException("give exactly one of --corner LAT,LON or --centre LAT,LON (without --yaml)");
        }
        double[] at = numbers(corner != null ? "--corner" : "--centre", corner != null ? corner : centre, 2, 2, "LAT,LON");
        double[] n = numbers("--size", size, 2, 2, "NX,NY");
        if (n[0] != Math.rint(n[0]) || n[1] != Math.rint(n[1])) {
            throw new InvalidInputException("--size '" + size + "'; expected whole numbers NX,NY, e.g. 101,71");
        }
        SyntheticMetSpec.Grid g = switch (grid.toLowerCase(Locale.ROOT)) {
            case "latlon" -> {
                double[] d = numbers("--spacing", spacing, 1, 2, "degrees D or DLAT,DLON");
                double dlon = d.length == 2 ? d[1] : d[0];
                yield corner != null ? new SyntheticMetSpec.LatLonGrid(at[0], at[1], d[0], dlon, (int) n[0], (int) n[1])
                        : SyntheticMetSpec.LatLonGrid.centredAt(at[0], at[1], d[0], dlon, (int) n[0], (int) n[1]);
            }
            case "lambert" -> {
                double d = numbers("--spacing", spacing, 1, 1, "the spacing in km")[0];
                yield corner != null ? SyntheticMetSpec.LambertGrid.cornerAt(trueLat, centralLon, d, at[0], at[1], (int) n[0], (int) n[1])
                        : SyntheticMetSpec.LambertGrid.centredAt(trueLat, centralLon, d, at[0], at[1], (int) n[0], (int) n[1]);
            }
            default -> throw new InvalidInputException("--grid '" + grid + "'; expected latlon or lambert");
        };
        if (hours < 0 || intervalMinutes <= 0 || hours * 60 % intervalMinutes != 0) {
            throw new InvalidInputException("--hours " + hours + " with --interval " + intervalMinutes
                    + "; expected hours >= 0 covering a whole number of intervals");
        }
        double[] w = numbers("--wind", wind, 2, 2, "U,V in m/s, e.g. 5,1");
        double[] sh = shear == null ? new double[] {0, 0, 3000} : numbers("--shear", shear, 2, 3, "DUDZ,DVDZ[,TOP_M], e.g. 0.002,-0.001,3000");
        List<SyntheticMetSpec.HourlyWind> hourly = new ArrayList<>();
        if (hourlyWinds != null) {
            for (String h : hourlyWinds.split(";")) {
                double[] uv = numbers("--hourly-winds", h, 2, 2, "U,V;U,V;... in m/s, e.g. 5,1;6,0.5");
                hourly.add(new SyntheticMetSpec.HourlyWind(uv[0], uv[1]));
            }
        }
        SyntheticMetSpec.Rotation rot = null;
        if (rotation != null) {
            double[] r = numbers("--rotation", rotation, 3, 3, "LAT,LON,OMEGA_RAD_S, e.g. 40.5,-110,1e-5");
            rot = new SyntheticMetSpec.Rotation(r[0], r[1], r[2]);
        }
        return SyntheticMetSpec.builder()
                .grid(g)
                .levels(levels())
                .times(new SyntheticMetSpec.Times(parseStart(), Duration.ofMinutes(intervalMinutes),
                        hours * 60 / intervalMinutes + 1))
                .wind(new SyntheticMetSpec.Wind(w[0], w[1], sh[0], sh[1], sh.length > 2 ? sh[2] : 3000, hourly, rot))
                .omega(new SyntheticMetSpec.Omega(omega, 0))
                .diurnal(new SyntheticMetSpec.Diurnal(utcOffset, 14))
                .surface(new SyntheticMetSpec.Surface(range("--pbl", pbl), range("--shtf", shtf), DiurnalRange.constant(50),
                        DiurnalRange.constant(ustar), DiurnalRange.constant(400), psfc, false))
                .terrain(terrain())
                .build();
    }

    private java.time.Instant parseStart() {
        try {
            return java.time.Instant.parse(start);
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(start.replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC);
            } catch (java.time.format.DateTimeParseException e2) {
                throw new InvalidInputException("--start '" + start + "'; expected an ISO-8601 UTC time, e.g. 2021-01-15T00:00:00Z");
            }
        }
    }

    private SyntheticMetSpec.Levels levels() {
        String[] kv = levels.toLowerCase(Locale.ROOT).split(":", 2);
        VerticalCoordinate vc = switch (kv[0]) {
            case "sigma" -> VerticalCoordinate.SIGMA;
            case "pressure" -> VerticalCoordinate.PRESSURE;
            default -> throw new InvalidInputException("--levels '" + levels + "'; expected sigma, pressure, sigma:V,V,.. or pressure:P,P,..");
        };
        if (kv.length == 1) {
            return vc == VerticalCoordinate.SIGMA ? SyntheticMetSpec.Levels.hrrrSigma() : SyntheticMetSpec.Levels.standardPressure();
        }
        List<Double> values = new ArrayList<>();
        for (double v : numbers("--levels", kv[1], 1, 98, kv[0] + ":V,V,.. from the lowest level up")) {
            values.add(v);
        }
        return new SyntheticMetSpec.Levels(vc, values);
    }

    private SyntheticMetSpec.Terrain terrain() {
        String[] kv = terrain.toLowerCase(Locale.ROOT).split(":", 2);
        String expected = "flat:H, hill:BASE,PEAK,LAT,LON,RADIUS_KM or slope:BASE,LAT,LON,M_PER_KM_EAST,M_PER_KM_NORTH";
        if (kv.length != 2) {
            throw new InvalidInputException("--terrain '" + terrain + "'; expected " + expected);
        }
        int count = switch (kv[0]) {
            case "flat" -> 1;
            case "hill", "slope" -> 5;
            default -> throw new InvalidInputException("--terrain '" + terrain + "'; expected " + expected);
        };
        double[] v = numbers("--terrain " + kv[0] + ":", kv[1], count, count, expected);
        return switch (kv[0]) {
            case "flat" -> new SyntheticMetSpec.Flat(v[0]);
            case "hill" -> new SyntheticMetSpec.GaussianHill(v[0], v[1], v[2], v[3], v[4]);
            default -> new SyntheticMetSpec.LinearSlope(v[0], v[1], v[2], v[3], v[4]);
        };
    }

    private static DiurnalRange range(String option, String text) {
        double[] r = numbers(option, text, 1, 2, "MIN or MIN,MAX");
        return new DiurnalRange(r[0], r.length == 2 ? r[1] : r[0]);
    }

    /** Comma-separated numbers; the message names the option, the text and the expected form. */
    static double[] numbers(String option, String text, int min, int max, String expected) {
        String[] parts = text.trim().split("\\s*,\\s*");
        if (parts.length < min || parts.length > max) {
            throw new InvalidInputException(option + " '" + text + "'; expected " + expected);
        }
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(option + " '" + text + "': '" + parts[i] + "' is not a number; expected " + expected);
            }
            if (!Double.isFinite(out[i])) {
                throw new InvalidInputException(option + " '" + text + "'; expected finite numbers: " + expected);
            }
        }
        return out;
    }
}
