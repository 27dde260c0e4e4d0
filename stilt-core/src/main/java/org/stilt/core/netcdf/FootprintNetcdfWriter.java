package org.stilt.core.netcdf;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.stilt.core.EngineInfo;
import org.stilt.core.InvalidInputException;
import org.stilt.core.footprint.Footprint;
import org.stilt.core.footprint.FootprintDomain;

import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.Attribute;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFileWriter;
import ucar.nc2.Variable;

/**
 * Writes a {@link Footprint} as NetCDF-4 in R-STILT's {@code write_footprint} layout (stilt-reference §1.17),
 * with three improvements: the data are compressed (deflate level {@value DeflateChunking#DEFAULT_DEFLATE_LEVEL}
 * with shuffle, one chunk per layer up to 1 MiB), projected grids get a correct CF grid mapping with numeric
 * parameters ({@link CfGridMapping}), and provenance attributes are added.
 *
 * <p>Layout, lon/lat grid (a projected grid has {@code x}, {@code y} instead of {@code lon}, {@code lat} and a
 * scalar {@code projection} variable):
 * <pre>
 * dimensions: lon, lat, time
 * double lon(lon)   units "degrees_east", standard_name "longitude", long_name "longitude at cell center"
 * double lat(lat)   units "degrees_north", standard_name "latitude", long_name "latitude at cell center"
 * double time(time) units "seconds since 1970-01-01 00:00:00Z", standard_name "time", long_name "utc time",
 *                   calendar "standard"
 * float foot(time, lat, lon)  units "ppm (umol-1 m2 s)", _FillValue -1f, standard_name "footprint",
 *                   long_name "stilt surface influence footprint" [, grid_mapping "projection"]
 * globals: crs, crs_format "PROJ.4", documentation, title "STILT Footprint", time_created, Conventions,
 *          engine, engine_version, xmn, xmx, ymn, ymx, xres, yres, smooth_factor, time_integrate,
 *          particle_count, densified, deviations, then the caller's extra attributes
 * </pre>
 * Lon/lat grids get no grid-mapping variable (the global {@code crs} says {@code +proj=longlat}), so that the file
 * keeps exactly one data variable as R-STILT's does ({@code ncvar_get(nc)} without a name keeps working).
 *
 * <p>Thread-safety: stateless and thread-safe; native writes are serialised process-wide (see
 * {@link NetcdfOutput}).
 */
public final class FootprintNetcdfWriter {

    /** Units of {@code foot}, exactly as R-STILT writes them. */
    public static final String FOOT_UNITS = "ppm (umol-1 m2 s)";
    /** {@code _FillValue} of {@code foot}. */
    public static final float FILL_VALUE = -1f;
    /** Units of {@code time}, exactly as R-STILT writes them. */
    public static final String TIME_UNITS = "seconds since 1970-01-01 00:00:00Z";

    /** Global attributes this writer owns; extra attributes may not use these names. */
    public static final Set<String> RESERVED_ATTRIBUTES = Set.of("crs", "crs_format", "documentation", "title",
            "time_created", "Conventions", "engine", "engine_version", "xmn", "xmx", "ymn", "ymx", "xres", "yres",
            "smooth_factor", "time_integrate", "particle_count", "densified", "deviations");

    private static final DateTimeFormatter R_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private FootprintNetcdfWriter() {
    }

    /**
     * Writes the footprint to {@code out} (temporary sibling, then atomic rename; parent directories are created;
     * an existing file is replaced).
     *
     * @param fp              the footprint
     * @param out             the file to write, conventionally {@code <sim_id>_foot.nc}
     * @param extraAttributes further global attributes, e.g. {@code kernel_abi}, {@code config_fingerprint},
     *                        {@code met_files}, {@code particle_file}; names must be valid NetCDF names not starting
     *                        with {@code _} and not in {@link #RESERVED_ATTRIBUTES}
     * @throws InvalidInputException                if the footprint has an empty axis or an extra attribute name is
     *                                              invalid or reserved
     * @throws org.stilt.core.OutputWriteException if the file cannot be written (message names it)
     */
    public static void write(Footprint fp, Path out, Map<String, String> extraAttributes) {
        write(fp, out, extraAttributes, Clock.systemUTC());
    }

    /** As {@link #write(Footprint, Path, Map)} with the clock used for {@code time_created}. */
    static void write(Footprint fp, Path out, Map<String, String> extraAttributes, Clock clock) {
        Objects.requireNonNull(fp, "fp");
        Objects.requireNonNull(out, "out");
        Map<String, String> extra = Map.copyOf(Objects.requireNonNull(extraAttributes, "extraAttributes"));
        int nx = fp.x().length;
        int ny = fp.y().length;
        int nt = fp.timesEpochSeconds().length;
        if (nx == 0 || ny == 0 || nt == 0) {
            throw new InvalidInputException("cannot write footprint file " + out + ": the footprint has an empty axis ("
                    + nx + " x, " + ny + " y, " + nt + " time layers); an empty footprint writes no file");
        }
        NetcdfAttributes.checkNames(extra, RESERVED_ATTRIBUTES, "footprint file " + out);
        boolean projected = fp.projected();
        CfGridMapping mapping = projected ? CfGridMapping.fromProj(fp.domain().projection()) : null;
        String created = R_TIME.format(clock.instant());
        NetcdfOutput.write(out, "footprint file", DeflateChunking.standard(),
                w -> define(w, fp, mapping, created, extra));
    }

    private static void define(NetcdfFileWriter w, Footprint fp, CfGridMapping mapping, String created,
                               Map<String, String> extra) throws IOException, InvalidRangeException {
        boolean projected = mapping != null;
        int nx = fp.x().length;
        int ny = fp.y().length;
        int nt = fp.timesEpochSeconds().length;
        String xName = projected ? "x" : "lon";
        String yName = projected ? "y" : "lat";
        Dimension xDim = w.addDimension(null, xName, nx);
        Dimension yDim = w.addDimension(null, yName, ny);
        Dimension tDim = w.addDimension(null, "time", nt);

        Variable xVar = w.addVariable(null, xName, DataType.DOUBLE, List.of(xDim));
        Variable yVar = w.addVariable(null, yName, DataType.DOUBLE, List.of(yDim));
        if (projected && !mapping.geographic()) {
            coordinate(w, xVar, mapping.xUnits(), "projection_x_coordinate", "x coordinate of projection", "X");
            coordinate(w, yVar, mapping.yUnits(), "projection_y_coordinate", "y coordinate of projection", "Y");
        } else if (projected) {
            coordinate(w, xVar, mapping.xUnits(), "longitude", "x coordinate of projection", "X");
            coordinate(w, yVar, mapping.yUnits(), "latitude", "y coordinate of projection", "Y");
        } else {
            coordinate(w, xVar, "degrees_east", "longitude", "longitude at cell center", "X");
            coordinate(w, yVar, "degrees_north", "latitude", "latitude at cell center", "Y");
        }
        Variable tVar = w.addVariable(null, "time", DataType.DOUBLE, List.of(tDim));
        w.addVariableAttribute(tVar, new Attribute("units", TIME_UNITS));
        w.addVariableAttribute(tVar, new Attribute("standard_name", "time"));
        w.addVariableAttribute(tVar, new Attribute("long_name", "utc time"));
        w.addVariableAttribute(tVar, new Attribute("calendar", "standard"));
        w.addVariableAttribute(tVar, new Attribute("axis", "T"));

        Variable foot = w.addVariable(null, "foot", DataType.FLOAT, List.of(tDim, yDim, xDim));
        w.addVariableAttribute(foot, new Attribute("units", FOOT_UNITS));
        w.addVariableAttribute(foot, new Attribute("_FillValue", FILL_VALUE));
        w.addVariableAttribute(foot, new Attribute("standard_name", "footprint"));
        w.addVariableAttribute(foot, new Attribute("long_name", "stilt surface influence footprint"));
        Variable proj = null;
        if (projected) {
            w.addVariableAttribute(foot, new Attribute("grid_mapping", "projection"));
            proj = w.addVariable(null, "projection", DataType.FLOAT, List.of());
            for (Map.Entry<String, Object> e : mapping.attributes().entrySet()) {
                w.addVariableAttribute(proj, NetcdfAttributes.of(e.getKey(), e.getValue()));
            }
            if (!mapping.supported()) {
                w.addVariableAttribute(proj, new Attribute("comment", "no CF grid mapping is known for this"
                        + " projection; see proj4_params"));
            }
        }

        FootprintDomain d = fp.domain();
        Map<String, Object> globals = new LinkedHashMap<>();
        globals.put("crs", d.projection());
        globals.put("crs_format", "PROJ.4");
        globals.put("documentation", "github.com/uataq/stilt");
        globals.put("title", "STILT Footprint");
        globals.put("time_created", created);
        globals.put("Conventions", "CF-1.8");
        globals.put("engine", EngineInfo.nameAndVersion());
        globals.put("engine_version", EngineInfo.version());
        globals.put("xmn", d.xmn());
        globals.put("xmx", d.xmx());
        globals.put("ymn", d.ymn());
        globals.put("ymx", d.ymx());
        globals.put("xres", d.xres());
        globals.put("yres", d.yres());
        globals.put("smooth_factor", fp.smoothFactor());
        globals.put("time_integrate", Boolean.toString(fp.timeIntegrate()));
        globals.put("particle_count", fp.particleCount());
        globals.put("densified", Boolean.toString(fp.densified()));
        globals.put("deviations", fp.deviations().isEmpty() ? "none" : String.join("; ", fp.deviations()));
        for (Map.Entry<String, Object> e : globals.entrySet()) {
            w.addGroupAttribute(null, NetcdfAttributes.of(e.getKey(), e.getValue()));
        }
        for (String key : new java.util.TreeSet<>(extra.keySet())) {
            w.addGroupAttribute(null, new Attribute(key, extra.get(key)));
        }

        w.create();
        w.write(xVar, Array.factory(fp.x().clone()));
        w.write(yVar, Array.factory(fp.y().clone()));
        long[] times = fp.timesEpochSeconds();
        double[] t = new double[nt];
        for (int i = 0; i < nt; i++) {
            t[i] = times[i];
        }
        w.write(tVar, Array.factory(t));
        double[] values = fp.values();
        int layer = nx * ny;
        float[] buf = new float[layer];
        int[] shape = {1, ny, nx};
        for (int it = 0; it < nt; it++) {
            int base = it * layer;
            for (int i = 0; i < layer; i++) {
                buf[i] = (float) values[base + i];
            }
            w.write(foot, new int[] {it, 0, 0}, Array.factory(DataType.FLOAT, shape, buf));
        }
        if (proj != null) {
            w.write(proj, Array.factory(DataType.FLOAT, new int[0], new float[] {0f}));
        }
    }

    private static void coordinate(NetcdfFileWriter w, Variable v, String units, String standardName,
                                   String longName, String axis) {
        w.addVariableAttribute(v, new Attribute("units", units));
        w.addVariableAttribute(v, new Attribute("standard_name", standardName));
        w.addVariableAttribute(v, new Attribute("long_name", longName));
        w.addVariableAttribute(v, new Attribute("axis", axis));
    }
}
