package org.stilt.core.netcdf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.stilt.core.InvalidInputException;

import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.nc2.Attribute;
import ucar.nc2.iosp.netcdf3.N3iosp;

/**
 * Conversions between Java values and NetCDF attributes, shared by the footprint and particle file formats.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class NetcdfAttributes {

    private NetcdfAttributes() {
    }

    /**
     * Checks caller-supplied attribute names: valid NetCDF names, not starting with {@code _} (reserved by the
     * NetCDF library) and not among the names the writer owns.
     *
     * @param what the file being written, for the message
     * @throws InvalidInputException naming every offending name
     */
    public static void checkNames(Map<String, ?> attributes, Set<String> reserved, String what) {
        Set<String> invalid = new TreeSet<>();
        Set<String> taken = new TreeSet<>();
        for (String name : attributes.keySet()) {
            if (name == null || name.isEmpty() || name.startsWith("_") || !N3iosp.isValidNetcdfObjectName(name)) {
                invalid.add(String.valueOf(name));
            } else if (reserved.contains(name)) {
                taken.add(name);
            }
        }
        if (!invalid.isEmpty()) {
            throw new InvalidInputException("cannot write " + what + ": invalid attribute name(s) " + invalid
                    + " (NetCDF names must not contain '/' or control characters nor end with a space; names starting"
                    + " with '_' are reserved by the NetCDF library)");
        }
        if (!taken.isEmpty()) {
            throw new InvalidInputException("cannot write " + what + ": attribute name(s) " + taken
                    + " are written by the engine itself and cannot be supplied (reserved: " + new TreeSet<>(reserved)
                    + ")");
        }
    }

    /** An attribute from a {@link String}, {@link Number} (kept as its own type) or {@code double[]}. */
    public static Attribute of(String name, Object value) {
        if (value instanceof String s) {
            return new Attribute(name, s);
        }
        if (value instanceof Number n) {
            return new Attribute(name, n);
        }
        if (value instanceof double[] d) {
            return new Attribute(name, Array.factory(DataType.DOUBLE, new int[] {d.length}, d.clone()));
        }
        throw new IllegalArgumentException("unsupported attribute value for " + name + ": " + value);
    }

    /**
     * An attribute's value as text: strings as they are, numbers in Java's shortest round-trip form
     * ({@code 0.01}, {@code -1.0}, {@code 200}), several values joined with {@code ", "}.
     */
    public static String asString(Attribute a) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.getLength(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            if (a.isString()) {
                sb.append(a.getStringValue(i));
            } else {
                Number n = a.getNumericValue(i);
                sb.append(n == null ? "" : n.toString());
            }
        }
        if (a.getLength() == 0 && a.isString()) {
            String s = a.getStringValue();
            return s == null ? "" : s;
        }
        return sb.toString();
    }

    /** Attributes as an ordered name → text map (see {@link #asString(Attribute)}). */
    public static Map<String, String> asMap(List<Attribute> attributes) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Attribute a : attributes) {
            out.put(a.getShortName(), asString(a));
        }
        return out;
    }
}
