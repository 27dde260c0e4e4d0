package org.stilt.core.netcdf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.stilt.core.UnreadableInputException;

import ucar.ma2.Array;
import ucar.nc2.Attribute;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

/**
 * Reads a footprint file written by stilt-java ({@link FootprintNetcdfWriter}) or by R-STILT's
 * {@code write_footprint}: {@code foot(time, lat, lon)} or {@code foot(time, y, x)} with its coordinate variables.
 * Reading is pure Java (no NetCDF C library needed).
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class FootprintNetcdfReader {

    private FootprintNetcdfReader() {
    }

    /**
     * Reads the whole footprint.
     *
     * @throws UnreadableInputException naming the file if it is missing, not NetCDF, or lacks {@code foot} with
     *                                  dimensions (time, lat|y, lon|x) and their coordinate variables
     */
    public static FootprintFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UnreadableInputException("footprint file " + file + " does not exist or is not a regular file");
        }
        NetcdfSignature.require(file, "footprint file");
        NetcdfFile nc;
        try {
            nc = NetcdfFile.open(file.toString());
        } catch (IOException | RuntimeException e) {
            throw new UnreadableInputException("footprint file " + file + " is not a readable NetCDF file ("
                    + e.getMessage() + ")", e);
        }
        try (nc) {
            Variable foot = nc.findVariable("foot");
            if (foot == null) {
                throw new UnreadableInputException("footprint file " + file + " has no variable 'foot' (variables: "
                        + names(nc.getVariables()) + ")");
            }
            List<Dimension> dims = foot.getDimensions();
            String shape = foot.getDimensionsString();
            if (dims.size() != 3 || !dims.get(0).getShortName().equals("time")) {
                throw new UnreadableInputException("footprint file " + file + ": 'foot' has dimensions (" + shape
                        + "), expected (time, lat, lon) or (time, y, x)");
            }
            String yName = dims.get(1).getShortName();
            String xName = dims.get(2).getShortName();
            boolean projected;
            if (yName.equals("lat") && xName.equals("lon")) {
                projected = false;
            } else if (yName.equals("y") && xName.equals("x")) {
                projected = true;
            } else {
                throw new UnreadableInputException("footprint file " + file + ": 'foot' has dimensions (" + shape
                        + "), expected (time, lat, lon) or (time, y, x)");
            }
            double[] x = coordinate(nc, file, xName);
            double[] y = coordinate(nc, file, yName);
            double[] t = coordinate(nc, file, "time");
            float[] values = (float[]) foot.read().get1DJavaArray(float.class);
            Attribute fill = foot.findAttribute("_FillValue");
            if (fill != null && !fill.isString() && fill.getNumericValue() != null) {
                float f = fill.getNumericValue().floatValue();
                for (int i = 0; i < values.length; i++) {
                    if (values[i] == f) {
                        values[i] = Float.NaN;
                    }
                }
            }
            return new FootprintFile(x, y, t, values, projected, NetcdfAttributes.asMap(nc.getGlobalAttributes()),
                    NetcdfAttributes.asMap(foot.getAttributes()));
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadableInputException u) {
                throw u;
            }
            throw new UnreadableInputException("footprint file " + file + " could not be read (" + e.getMessage()
                    + ")", e);
        }
    }

    private static double[] coordinate(NetcdfFile nc, Path file, String name) throws IOException {
        Variable v = nc.findVariable(name);
        if (v == null || v.getRank() != 1) {
            throw new UnreadableInputException("footprint file " + file + " has no 1-D coordinate variable '" + name
                    + "'");
        }
        Array a = v.read();
        return (double[]) a.get1DJavaArray(double.class);
    }

    private static String names(List<Variable> vars) {
        return String.join(", ", vars.stream().map(Variable::getShortName).toList());
    }

}
