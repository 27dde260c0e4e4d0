package org.stilt.core.hnf;

import java.util.LinkedHashMap;
import java.util.Objects;

import org.stilt.core.InvalidInputException;
import org.stilt.core.particles.ParticleTable;

/**
 * R-STILT's nominal release heights for multi-height receptors (columns, slant lines,
 * multipoints): {@code step = (max(zagl) − min(zagl)) / numpar} and
 * {@code xhgt(indx) = (indx − 0.5)·step + min(zagl)}, a linear assignment by particle number
 * whatever the horizontal layout (stilt-reference §2.8). hycs_std's actual release heights may
 * differ: {@code xhgt} is what R-STILT's HNF dilution starts the plume from.
 *
 * <p>Thread-safety: an immutable record; safe to share.
 *
 * @param bottomZaglMeters lowest receptor height, m above ground
 * @param topZaglMeters    highest receptor height, m above ground (&ge; bottom)
 * @param numpar           number of particles released (&ge; 1)
 */
public record ColumnReleaseHeights(double bottomZaglMeters, double topZaglMeters, int numpar) {

    /** Validates the values. */
    public ColumnReleaseHeights {
        if (!Double.isFinite(bottomZaglMeters) || !Double.isFinite(topZaglMeters) || bottomZaglMeters > topZaglMeters) {
            throw new InvalidInputException("release heights need finite bottom <= top metres above ground (got "
                    + bottomZaglMeters + " .. " + topZaglMeters + ")");
        }
        if (numpar < 1) {
            throw new InvalidInputException("numpar must be >= 1 (got " + numpar + ")");
        }
    }

    /**
     * From the receptor heights as R-STILT gets them ({@code r_zagl}, two or more values): the min
     * and the max.
     *
     * @throws InvalidInputException if fewer than two heights are given (R-STILT adds no xhgt then)
     */
    public static ColumnReleaseHeights of(double[] receptorZaglMeters, int numpar) {
        Objects.requireNonNull(receptorZaglMeters, "receptorZaglMeters");
        if (receptorZaglMeters.length < 2) {
            throw new InvalidInputException("xhgt is defined for receptors with two or more heights (got "
                    + receptorZaglMeters.length + ")");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double z : receptorZaglMeters) {
            min = Math.min(min, z);
            max = Math.max(max, z);
        }
        return new ColumnReleaseHeights(min, max, numpar);
    }

    /** Height step between consecutive particle numbers, m. */
    public double stepMeters() {
        return (topZaglMeters - bottomZaglMeters) / numpar;
    }

    /** The nominal release height of particle {@code indx}, m above ground (R's arithmetic order). */
    public double heightMeters(double indx) {
        return (indx - 0.5) * stepMeters() + bottomZaglMeters;
    }

    /**
     * The table with an {@code xhgt} column computed from {@code indx}. Columns are ordered as
     * R-STILT's {@code merge(..., by = 'indx')} leaves them: {@code indx} first, the others in
     * their order, {@code xhgt} last (replaced if present). Rows keep their order (R's merge sorts
     * them by indx, but the HNF dilution that follows re-sorts them by time anyway).
     *
     * @throws InvalidInputException if the table has no {@code indx} column
     */
    public ParticleTable appendTo(ParticleTable table) {
        Objects.requireNonNull(table, "table");
        if (!table.hasColumn("indx")) {
            throw new InvalidInputException("xhgt needs the particle column indx (columns present: "
                    + String.join(", ", table.columnNames()) + ")");
        }
        double[] indx = table.column("indx");
        double[] xhgt = new double[indx.length];
        for (int i = 0; i < indx.length; i++) {
            xhgt[i] = heightMeters(indx[i]);
        }
        LinkedHashMap<String, double[]> out = new LinkedHashMap<>();
        out.put("indx", indx);
        for (String name : table.columnNames()) {
            if (!name.equals("indx") && !name.equals(PlumeDilution.XHGT)) {
                out.put(name, table.column(name));
            }
        }
        out.put(PlumeDilution.XHGT, xhgt);
        return new ParticleTable(out, table.attributes());
    }
}
