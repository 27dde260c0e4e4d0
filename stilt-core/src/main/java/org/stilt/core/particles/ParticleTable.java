package org.stilt.core.particles;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.stilt.core.InvalidInputException;

/**
 * A columnar particle table: one row per particle per output time step, every column a
 * {@code double[]} of the same length, as R-STILT's particle data frame (all columns numeric).
 *
 * <p>Column names and units follow R-STILT / HYSPLIT {@code PARTICLE_STILT.DAT}:
 * {@code time} (minutes since release, negative backward), {@code indx} (particle number),
 * {@code long}/{@code lati} (degrees east/north), {@code zagl} (m above ground),
 * {@code foot} (ppm per µmol m⁻² s⁻¹), {@code mlht} (m), {@code dens} (kg m⁻³), ...
 *
 * <p>Row order is preserved as read. The arrays are owned by the table: callers must not modify
 * the arrays returned by {@link #column(String)}.
 *
 * <p>Thread-safety: immutable after construction (by contract on the arrays); safe to share.
 */
public final class ParticleTable {

    /** Columns the footprint calculation needs, in R-STILT's order. */
    public static final List<String> FOOTPRINT_COLUMNS = List.of("time", "indx", "long", "lati", "foot");

    private final Map<String, double[]> columns;
    private final int rowCount;
    private final Map<String, String> attributes;

    /**
     * @param columns    ordered map of column name to values; all arrays must have the same length
     * @param attributes free-form metadata (receptor, parameters, provenance), may be empty
     * @throws InvalidInputException if the columns differ in length or a name is blank
     */
    public ParticleTable(Map<String, double[]> columns, Map<String, String> attributes) {
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(attributes, "attributes");
        int n = -1;
        LinkedHashMap<String, double[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : columns.entrySet()) {
            String name = e.getKey();
            double[] values = Objects.requireNonNull(e.getValue(), () -> "column " + name);
            if (name == null || name.isBlank()) {
                throw new InvalidInputException("particle column names must not be blank (got '" + name + "')");
            }
            if (n >= 0 && values.length != n) {
                throw new InvalidInputException("particle column '" + name + "' has " + values.length
                        + " rows, expected " + n + " like the columns before it");
            }
            n = values.length;
            copy.put(name, values);
        }
        this.columns = Collections.unmodifiableMap(copy);
        this.rowCount = Math.max(n, 0);
        this.attributes = Map.copyOf(attributes);
    }

    /** A table without attributes. */
    public ParticleTable(Map<String, double[]> columns) {
        this(columns, Map.of());
    }

    /** Number of rows. */
    public int rowCount() {
        return rowCount;
    }

    /** Column names in table order. */
    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    /** Whether the table has the named column. */
    public boolean hasColumn(String name) {
        return columns.containsKey(name);
    }

    /**
     * The values of a column (not a copy: do not modify).
     *
     * @throws InvalidInputException naming the missing column and the columns present
     */
    public double[] column(String name) {
        double[] values = columns.get(name);
        if (values == null) {
            throw new InvalidInputException("particle table has no column '" + name + "' (columns: "
                    + String.join(", ", columns.keySet()) + ")");
        }
        return values;
    }

    /** Metadata attributes (receptor, parameters, provenance). */
    public Map<String, String> attributes() {
        return attributes;
    }

    /**
     * A table with only the named columns, in the given order (sharing the arrays).
     *
     * @throws InvalidInputException naming every missing column
     */
    public ParticleTable select(List<String> names) {
        List<String> missing = new ArrayList<>();
        LinkedHashMap<String, double[]> out = new LinkedHashMap<>();
        for (String name : names) {
            double[] values = columns.get(name);
            if (values == null) {
                missing.add(name);
            } else {
                out.put(name, values);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException("particle table is missing column(s) " + String.join(", ", missing)
                    + " (columns present: " + String.join(", ", columns.keySet()) + ")");
        }
        return new ParticleTable(out, attributes);
    }
}
