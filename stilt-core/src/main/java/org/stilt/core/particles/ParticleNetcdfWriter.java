package org.stilt.core.particles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.stilt.core.EngineInfo;
import org.stilt.core.InvalidInputException;
import org.stilt.core.netcdf.DeflateChunking;
import org.stilt.core.netcdf.NetcdfAttributes;
import org.stilt.core.netcdf.NetcdfOutput;

import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.Attribute;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFileWriter;
import ucar.nc2.Variable;
import ucar.nc2.iosp.netcdf3.N3iosp;

/**
 * Writes a {@link ParticleTable} as the engine's particle file: a compressed NetCDF-4 table with one dimension
 * {@value #ROW_DIMENSION} (one entry per table row) and one 1-D variable per column, in table order.
 *
 * <p>Types: every column is {@code double} (so that all values, NaN included, round-trip exactly), except
 * {@code indx}, which is {@code int} when every value is a whole number in int range. Known STILT columns
 * ({@code time}, {@code indx}, {@code long}, {@code lati}, {@code zagl}, {@code foot}, {@code mlht}, ...) get
 * {@code units} and {@code long_name}; other columns get none. Double columns have {@code _FillValue = NaN}.
 * Global attributes: {@code format = "stilt-particles"}, {@code format_version = 1}, {@code columns} (the column
 * names in table order, separated by one space; readers that list variables in another order use it),
 * {@code engine},
 * {@code engine_version}, then the table's attributes sorted by name ({@code engine}/{@code engine_version} of the
 * table are replaced: they always name the writer of the file). Data are chunked (131072 rows) and compressed with
 * deflate (level 1), with the shuffle filter where it helps (decided per column). See docs/file-formats.md.
 *
 * <p>Thread-safety: stateless and thread-safe; native writes are serialised process-wide.
 */
public final class ParticleNetcdfWriter {

    /** Value of the global attribute {@code format}. */
    public static final String FORMAT = "stilt-particles";
    /** Value of the global attribute {@code format_version} this engine writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** Name of the row dimension. */
    public static final String ROW_DIMENSION = "obs";
    /** Global attributes the writer owns. */
    static final Set<String> OWN_ATTRIBUTES = Set.of("format", "format_version", "columns", "engine",
            "engine_version");

    /** Deflate level for particle files (see {@link #chunking(ParticleTable)}). */
    public static final int DEFLATE_LEVEL = 1;
    /** Rows compressed both ways to decide whether a column is shuffled. */
    private static final int SAMPLE_ROWS = 1 << 15;

    /** Units and long names of known STILT / HYSPLIT particle columns (units null: none). */
    private static final Map<String, String[]> KNOWN = known();

    private ParticleNetcdfWriter() {
    }

    /**
     * Writes the table to {@code out} (temporary sibling, then atomic rename; parent directories are created;
     * an existing file is replaced).
     *
     * @throws InvalidInputException                if a column or attribute name is not a valid NetCDF name (column
     *                                              names must not contain {@code /} or white space, start with
     *                                              {@code _} or be {@code obs}, the dimension), or an attribute is
     *                                              named {@code format}, {@code format_version} or {@code columns}
     * @throws org.stilt.core.OutputWriteException if the file cannot be written (message names it)
     */
    public static void write(ParticleTable table, Path out) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(out, "out");
        List<String> badColumns = new ArrayList<>();
        for (String c : table.columnNames()) {
            if (c.startsWith("_") || c.equals(ROW_DIMENSION) || !N3iosp.isValidNetcdfObjectName(c)
                    || c.chars().anyMatch(Character::isWhitespace)) {
                badColumns.add(c);
            }
        }
        if (!badColumns.isEmpty()) {
            throw new InvalidInputException("cannot write particle file " + out + ": invalid column name(s) "
                    + badColumns + " (column names must not contain '/' or white space; names starting with '_'"
                    + " are reserved; '" + ROW_DIMENSION + "' is the row dimension)");
        }
        Map<String, String> attrs = new TreeMap<>(table.attributes());
        attrs.remove("engine");
        attrs.remove("engine_version");
        NetcdfAttributes.checkNames(attrs, Set.of("format", "format_version", "columns"), "particle file " + out);
        NetcdfOutput.write(out, "particle file", chunking(table), w -> define(w, table, attrs));
    }

    /**
     * Deflate level {@value #DEFLATE_LEVEL} (on 720,000-row tables about twice as fast to write as level 4, for files
     * about 5 % larger) with the shuffle filter chosen per column: shuffle shrinks full-precision doubles, but
     * doubles parsed from short decimal text (HYSPLIT's {@code PARTICLE_STILT.DAT}, CSV exports) compress about twice
     * as well without it. The choice is made by deflating the first {@value #SAMPLE_ROWS} rows both ways; readers
     * need not know (the filter pipeline is recorded in the file).
     */
    static DeflateChunking chunking(ParticleTable table) {
        java.util.Set<String> plain = new java.util.HashSet<>();
        for (String c : table.columnNames()) {
            if (!shuffleHelps(table.column(c))) {
                plain.add(c);
            }
        }
        return new DeflateChunking(DEFLATE_LEVEL, true).withoutShuffle(plain);
    }

    /** Whether deflating a sample of the column is smaller with the 8-byte shuffle than without. */
    static boolean shuffleHelps(double[] values) {
        int n = Math.min(values.length, SAMPLE_ROWS);
        if (n == 0) {
            return true;
        }
        byte[] plain = new byte[n * 8];
        byte[] shuffled = new byte[n * 8];
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToRawLongBits(values[i]);
            for (int b = 0; b < 8; b++) {
                byte x = (byte) (bits >>> (8 * b)); // little-endian, as stored
                plain[i * 8 + b] = x;
                shuffled[b * n + i] = x;
            }
        }
        return deflatedSize(shuffled) <= deflatedSize(plain);
    }

    private static long deflatedSize(byte[] data) {
        java.util.zip.Deflater d = new java.util.zip.Deflater(DEFLATE_LEVEL);
        try {
            d.setInput(data);
            d.finish();
            byte[] buf = new byte[1 << 16];
            long total = 0;
            while (!d.finished()) {
                total += d.deflate(buf);
            }
            return total;
        } finally {
            d.end();
        }
    }

    private static void define(NetcdfFileWriter w, ParticleTable table, Map<String, String> attrs)
            throws IOException, InvalidRangeException {
        int n = table.rowCount();
        // a fixed dimension of length 0 is not possible in NetCDF (0 means unlimited): use an unlimited one then
        Dimension obs = n == 0 ? w.addUnlimitedDimension(ROW_DIMENSION) : w.addDimension(null, ROW_DIMENSION, n);
        Map<String, Variable> vars = new LinkedHashMap<>();
        Map<String, int[]> intColumns = new LinkedHashMap<>();
        for (String name : table.columnNames()) {
            double[] values = table.column(name);
            int[] asInt = name.equals("indx") ? asIntegers(values) : null;
            Variable v;
            if (asInt != null) {
                v = w.addVariable(null, name, DataType.INT, List.of(obs));
                intColumns.put(name, asInt);
            } else {
                v = w.addVariable(null, name, DataType.DOUBLE, List.of(obs));
                w.addVariableAttribute(v, new Attribute("_FillValue", Double.NaN));
            }
            String[] meta = KNOWN.get(name);
            if (meta != null) {
                if (meta[0] != null) {
                    w.addVariableAttribute(v, new Attribute("units", meta[0]));
                }
                w.addVariableAttribute(v, new Attribute("long_name", meta[1]));
            }
            vars.put(name, v);
        }
        w.addGroupAttribute(null, new Attribute("format", FORMAT));
        w.addGroupAttribute(null, new Attribute("format_version", FORMAT_VERSION));
        // HDF5 readers do not all list variables in creation order (NetCDF-Java 4.5 reverses it): record the order
        w.addGroupAttribute(null, new Attribute("columns", String.join(" ", table.columnNames())));
        w.addGroupAttribute(null, new Attribute("engine", EngineInfo.nameAndVersion()));
        w.addGroupAttribute(null, new Attribute("engine_version", EngineInfo.version()));
        for (Map.Entry<String, String> e : attrs.entrySet()) {
            w.addGroupAttribute(null, new Attribute(e.getKey(), e.getValue()));
        }
        w.create();
        if (n == 0) {
            return;
        }
        int[] shape = {n};
        for (Map.Entry<String, Variable> e : vars.entrySet()) {
            int[] ints = intColumns.get(e.getKey());
            Array data = ints != null ? Array.factory(DataType.INT, shape, ints)
                    : Array.factory(DataType.DOUBLE, shape, table.column(e.getKey()));
            w.write(e.getValue(), data);
        }
    }

    /** The values as ints if all are whole numbers in int range (not NaN), else null. */
    private static int[] asIntegers(double[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) || v != Math.rint(v)
                    || (v == 0 && Double.doubleToRawLongBits(v) != 0)) {
                return null;
            }
            out[i] = (int) v;
        }
        return out;
    }

    /** Column names that get units and a long name. */
    public static Set<String> knownColumns() {
        return new TreeSet<>(KNOWN.keySet());
    }

    private static Map<String, String[]> known() {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put("time", new String[] {"min", "time since particle release (negative backward in time)"});
        m.put("indx", new String[] {null, "particle index"});
        m.put("long", new String[] {"degrees_east", "particle longitude"});
        m.put("lati", new String[] {"degrees_north", "particle latitude"});
        m.put("zagl", new String[] {"m", "particle height above ground level"});
        m.put("foot", new String[] {"ppm (umol-1 m2 s)", "footprint sensitivity of the particle during the time step"});
        m.put("mlht", new String[] {"m", "mixed-layer height above ground level"});
        m.put("dens", new String[] {"kg m-3", "air density"});
        m.put("samt", new String[] {"min", "time spent below VEGHT times the mixed-layer height during the step"});
        m.put("sigw", new String[] {"m s-1", "standard deviation of the vertical velocity"});
        m.put("tlgr", new String[] {"s", "Lagrangian decorrelation time"});
        m.put("zsfc", new String[] {"m", "terrain height above mean sea level"});
        m.put("icdx", new String[] {null, "cloud index"});
        m.put("temp", new String[] {"K", "temperature at the lowest model level"});
        m.put("shtf", new String[] {"W m-2", "sensible heat flux"});
        m.put("tcld", new String[] {"%", "total cloud cover"});
        m.put("lcld", new String[] {"%", "low cloud cover"});
        m.put("dmas", new String[] {"1", "mass-violation weight (initially 1)"});
        m.put("rhfr", new String[] {"1", "relative humidity fraction"});
        m.put("sphu", new String[] {"kg kg-1", "specific humidity"});
        m.put("zloc", new String[] {"m", "convection height limit"});
        m.put("dswf", new String[] {"W m-2", "downward shortwave radiation flux"});
        m.put("wout", new String[] {"m s-1", "mean vertical wind"});
        m.put("rain", new String[] {"m min-1", "total rain"});
        m.put("crai", new String[] {"m min-1", "convective rain"});
        m.put("pres", new String[] {"hPa", "pressure"});
        m.put("xhgt", new String[] {"m", "nominal release height above ground level"});
        m.put("ustr", new String[] {"m s-1", "friction velocity"});
        m.put("lhtf", new String[] {"W m-2", "latent heat flux"});
        m.put("foot_no_hnf_dilution", new String[] {"ppm (umol-1 m2 s)",
                "footprint sensitivity before the hyper-near-field dilution correction"});
        return m;
    }
}
