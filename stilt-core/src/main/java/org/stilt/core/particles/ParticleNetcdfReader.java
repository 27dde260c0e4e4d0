package org.stilt.core.particles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.stilt.core.InvalidInputException;
import org.stilt.core.UnreadableInputException;
import org.stilt.core.netcdf.NetcdfAttributes;
import org.stilt.core.netcdf.NetcdfSignature;

import ucar.nc2.Attribute;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

/**
 * Reads the engine's particle file ({@link ParticleNetcdfWriter}) into a {@link ParticleTable}. Reading is pure
 * Java (no NetCDF C library needed). Columns come back as doubles in the order of the global attribute
 * {@code columns} (or in the order requested);
 * values equal to a column's non-NaN {@code _FillValue} become NaN. The table's attributes are the file's global
 * attributes except {@code format}, {@code format_version}, {@code columns} and names starting with {@code _}.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class ParticleNetcdfReader {

    /** NetCDF-Java read buffer; large sequential reads of compressed chunks are faster with a larger one. */
    private static final int BUFFER_SIZE = 1 << 20;

    private ParticleNetcdfReader() {
    }

    /**
     * Reads a particle file.
     *
     * @param file    the file
     * @param columns the columns to read, in this order, or null for all columns in file order
     * @throws UnreadableInputException naming the file and what is missing if it does not exist, is not NetCDF,
     *                                  is not a stilt-java particle file (no {@code format = "stilt-particles"}
     *                                  or no {@code obs} dimension) or has a newer {@code format_version}
     * @throws InvalidInputException    naming requested columns the file lacks, and those present (as
     *                                  {@link ParticleCsvReader} does)
     */
    public static ParticleTable read(Path file, List<String> columns) {
        if (!Files.isRegularFile(file)) {
            throw new UnreadableInputException("particle file " + file + " does not exist or is not a regular file");
        }
        NetcdfSignature.require(file, "particle file");
        NetcdfFile nc;
        try {
            nc = NetcdfFile.open(file.toString(), BUFFER_SIZE, null);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableInputException("particle file " + file + " is not a readable NetCDF file ("
                    + e.getMessage() + ")", e);
        }
        try (nc) {
            checkFormat(nc, file);
            Dimension obs = nc.findDimension(ParticleNetcdfWriter.ROW_DIMENSION);
            if (obs == null) {
                throw new UnreadableInputException("particle file " + file + " has no dimension '"
                        + ParticleNetcdfWriter.ROW_DIMENSION + "' (dimensions: " + nc.getDimensions() + ")");
            }
            Map<String, Variable> available = new LinkedHashMap<>();
            for (Variable v : nc.getVariables()) {
                if (v.getRank() == 1 && v.getDimension(0).equals(obs) && v.getDataType().isNumeric()) {
                    available.put(v.getShortName(), v);
                }
            }
            List<String> wanted = columns == null ? fileOrder(nc, available) : columns;
            List<String> missing = new ArrayList<>();
            for (String c : wanted) {
                if (!available.containsKey(c)) {
                    missing.add(c);
                }
            }
            if (!missing.isEmpty()) {
                throw new InvalidInputException("particle file " + file + " lacks column(s) "
                        + String.join(", ", missing) + " (columns present: " + String.join(", ", available.keySet())
                        + ")");
            }
            Map<String, double[]> data = new LinkedHashMap<>();
            for (String c : wanted) {
                data.put(c, readColumn(available.get(c)));
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : NetcdfAttributes.asMap(nc.getGlobalAttributes()).entrySet()) {
                String k = e.getKey();
                if (!k.equals("format") && !k.equals("format_version") && !k.equals("columns") && !k.startsWith("_")) {
                    attrs.put(k, e.getValue());
                }
            }
            return new ParticleTable(data, attrs);
        } catch (IOException | RuntimeException e) {
            if (e instanceof org.stilt.core.StiltException u) {
                throw u;
            }
            throw new UnreadableInputException("particle file " + file + " could not be read (" + e.getMessage()
                    + ")", e);
        }
    }

    /** Column order from the {@code columns} attribute; columns it does not list follow in variable order. */
    private static List<String> fileOrder(NetcdfFile nc, Map<String, Variable> available) {
        List<String> order = new ArrayList<>();
        Attribute listed = nc.findGlobalAttribute("columns");
        if (listed != null && listed.isString() && listed.getStringValue() != null) {
            for (String c : listed.getStringValue().trim().split("\\s+")) {
                if (available.containsKey(c) && !order.contains(c)) {
                    order.add(c);
                }
            }
        }
        for (String c : available.keySet()) {
            if (!order.contains(c)) {
                order.add(c);
            }
        }
        return order;
    }

    private static void checkFormat(NetcdfFile nc, Path file) {
        Attribute format = nc.findGlobalAttribute("format");
        if (format == null || !format.isString() || !ParticleNetcdfWriter.FORMAT.equals(format.getStringValue())) {
            throw new UnreadableInputException("particle file " + file + " is not a stilt-java particle file: the"
                    + " global attribute format = \"" + ParticleNetcdfWriter.FORMAT + "\" is missing (found "
                    + (format == null ? "no format attribute" : "format = \"" + NetcdfAttributes.asString(format)
                    + "\"") + "; variables: " + String.join(", ",
                    nc.getVariables().stream().map(Variable::getShortName).toList()) + ")");
        }
        Attribute version = nc.findGlobalAttribute("format_version");
        if (version == null || version.isString() || version.getNumericValue() == null) {
            throw new UnreadableInputException("particle file " + file + " has no numeric global attribute"
                    + " format_version");
        }
        int v = version.getNumericValue().intValue();
        if (v > ParticleNetcdfWriter.FORMAT_VERSION || v < 1) {
            throw new UnreadableInputException("particle file " + file + " has format_version " + v + "; this engine"
                    + " reads format_version " + ParticleNetcdfWriter.FORMAT_VERSION + " (use a newer stilt-java)");
        }
    }

    private static double[] readColumn(Variable v) throws IOException {
        double[] values = (double[]) v.read().get1DJavaArray(double.class);
        Attribute fill = v.findAttribute("_FillValue");
        if (fill != null && !fill.isString() && fill.getNumericValue() != null) {
            double f = fill.getNumericValue().doubleValue();
            if (!Double.isNaN(f)) {
                for (int i = 0; i < values.length; i++) {
                    if (values[i] == f) {
                        values[i] = Double.NaN;
                    }
                }
            }
        }
        return values;
    }

}
