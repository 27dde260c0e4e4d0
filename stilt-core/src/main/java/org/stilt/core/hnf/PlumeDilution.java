package org.stilt.core.hnf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.stilt.core.InvalidInputException;
import org.stilt.core.particles.ParticleTable;

/**
 * Hyper-near-field plume dilution: R-STILT's {@code calc_plume_dilution} (uataq/stilt
 * {@code r/src/calc_plume_dilution.r}, commit 0e290a68), step by step.
 *
 * <p>For every row, with {@code T = |60·time|} seconds:
 * <pre>
 * foot_no_hnf_dilution = foot
 * sigma      = samt · √2 · sigw · √(tlgr·T + tlgr²·exp(−T/tlgr) − 1)      (the "− 1" is R's, kept)
 * pbl_mixing = veght · mlht                                               (see {@link VeghtRule})
 * </pre>
 * then the table is sorted by {@code time} descending (stable; NaN times last), and per particle
 * ({@code indx}) {@code plume = z0 + cumsum(sigma)} in that order, where {@code z0} is the
 * particle's first {@code xhgt} in that order when the column exists, else the receptor's zagl.
 * Where {@code plume < pbl_mixing}, {@code foot = 0.02897 / (plume · dens) · samt · 60}; elsewhere
 * {@code foot} is unchanged, and where the comparison is undefined the {@link NanPolicy} decides.
 * The result keeps every column in its order, adds {@code foot_no_hnf_dilution} at the end (or
 * overwrites it in place if present, as R's {@code mutate} does), and its rows stay sorted by time
 * descending. The cumulative sum is accumulated in double-double precision and rounded once per
 * row, as close as Java gets to R's {@code long double} {@code cumsum}.
 *
 * <p>Thread-safety: stateless static functions; safe for concurrent use (the input table is only
 * read).
 */
public final class PlumeDilution {

    /** Molar mass of dry air, kg/mol, as written in R-STILT. */
    public static final double DRY_AIR_KG_PER_MOL = 0.02897;

    /** The column that keeps HYSPLIT's foot. */
    public static final String FOOT_NO_HNF_DILUTION = "foot_no_hnf_dilution";

    /**
     * Columns the dilution needs. R-STILT checks only dens, samt, sigw, tlgr and foot, and fails
     * later with "object not found" without time, indx or mlht; we check them all up front.
     */
    public static final List<String> REQUIRED_COLUMNS =
            List.of("time", "indx", "foot", "samt", "sigw", "tlgr", "dens", "mlht");

    /** The optional per-particle release height column (multi-height receptors). */
    public static final String XHGT = "xhgt";

    private static final double SQRT2 = Math.sqrt(2.0);

    private PlumeDilution() {
    }

    /**
     * Applies the dilution.
     *
     * @return a new table (the input is not modified), rows sorted by time descending
     * @throws InvalidInputException naming every missing required column, or when the table has
     *                               no {@code xhgt} and the receptor zagl is NaN
     */
    public static ParticleTable apply(ParticleTable table, PlumeDilutionParameters parameters) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(parameters, "parameters");
        requireColumns(table);
        boolean hasXhgt = table.hasColumn(XHGT);
        if (!hasXhgt && Double.isNaN(parameters.receptorZaglMeters())) {
            throw new InvalidInputException("plume dilution needs the release height: the particle table has no '"
                    + XHGT + "' column and the receptor zagl is NaN");
        }
        int n = table.rowCount();
        double[] time = table.column("time");
        double[] indx = table.column("indx");
        double[] foot = table.column("foot");
        double[] samt = table.column("samt");
        double[] sigw = table.column("sigw");
        double[] tlgr = table.column("tlgr");
        double[] dens = table.column("dens");
        double[] mlht = table.column("mlht");
        double[] xhgt = hasXhgt ? table.column(XHGT) : null;

        int[] order = timeDescendingOrder(time);
        double[] newFoot = new double[n];
        Map<Double, Track> tracks = new HashMap<>();
        for (int k = 0; k < n; k++) {
            int i = order[k];
            Track track = tracks.get(indx[i] + 0.0); // + 0.0: -0 and 0 are one particle, as in R
            if (track == null) {
                track = new Track(hasXhgt ? xhgt[i] : parameters.receptorZaglMeters());
                tracks.put(indx[i] + 0.0, track);
            }
            double plume = track.z0 + track.add(sigma(time[i], samt[i], sigw[i], tlgr[i]));
            double pblMixing = parameters.veghtRule().mixingDepthMeters(parameters.veght(), mlht[i]);
            newFoot[k] = dilutedFoot(plume, pblMixing, dens[i], samt[i], foot[i], parameters.nanPolicy());
        }

        LinkedHashMap<String, double[]> out = new LinkedHashMap<>();
        for (String name : table.columnNames()) {
            if (name.equals("foot")) {
                out.put(name, newFoot);
            } else if (name.equals(FOOT_NO_HNF_DILUTION)) {
                out.put(name, permute(foot, order));
            } else {
                out.put(name, permute(table.column(name), order));
            }
        }
        if (!out.containsKey(FOOT_NO_HNF_DILUTION)) {
            out.put(FOOT_NO_HNF_DILUTION, permute(foot, order));
        }
        return new ParticleTable(out, table.attributes());
    }

    /**
     * R's sigma for one row, metres: {@code samt·√2·sigw·√(tlgr·T + tlgr²·exp(−T/tlgr) − 1)}, T =
     * |60·time| s, evaluated in R's order. NaN when the root's argument is negative.
     */
    public static double sigma(double timeMinutes, double samtMinutes, double sigwMetersPerSecond,
            double tlgrSeconds) {
        double t = Math.abs(timeMinutes * 60);
        double root = Math.sqrt(tlgrSeconds * t + tlgrSeconds * tlgrSeconds * Math.exp(-t / tlgrSeconds) - 1);
        return samtMinutes * SQRT2 * sigwMetersPerSecond * root;
    }

    /** The foot of one row given its plume depth, per R-STILT's {@code ifelse} or PYSTILT's {@code where}. */
    static double dilutedFoot(double plumeMeters, double pblMixingMeters, double densKgPerM3, double samtMinutes,
            double foot, NanPolicy policy) {
        if (plumeMeters < pblMixingMeters) {
            return DRY_AIR_KG_PER_MOL / (plumeMeters * densKgPerM3) * samtMinutes * 60;
        }
        if (Double.isNaN(plumeMeters) || Double.isNaN(pblMixingMeters)) {
            return policy == NanPolicy.R_STILT ? Double.NaN : foot;
        }
        return foot;
    }

    private static void requireColumns(ParticleTable table) {
        List<String> missing = new ArrayList<>();
        for (String c : REQUIRED_COLUMNS) {
            if (!table.hasColumn(c)) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException("plume dilution (hnf_plume) needs the particle columns "
                    + String.join(", ", REQUIRED_COLUMNS) + " (optional: " + XHGT + "); missing: "
                    + String.join(", ", missing) + " (columns present: " + String.join(", ", table.columnNames())
                    + ")");
        }
    }

    /** Stable order by time descending with NaN times last, as dplyr's {@code arrange(-time)}. */
    static int[] timeDescendingOrder(double[] time) {
        Integer[] boxed = new Integer[time.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> {
            double ta = time[a];
            double tb = time[b];
            boolean na = Double.isNaN(ta);
            boolean nb = Double.isNaN(tb);
            if (na || nb) {
                return Boolean.compare(na, nb);
            }
            return ta > tb ? -1 : (ta < tb ? 1 : 0);
        });
        int[] order = new int[boxed.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = boxed[i];
        }
        return order;
    }

    private static double[] permute(double[] values, int[] order) {
        double[] out = new double[order.length];
        for (int k = 0; k < order.length; k++) {
            out[k] = values[order[k]];
        }
        return out;
    }

    /** The running state of one particle: start height and a double-double running sum. */
    private static final class Track {
        final double z0;
        double hi;
        double lo;

        Track(double z0) {
            this.z0 = z0;
        }

        /** Adds x and returns the running sum rounded to a double (NaN once any term was NaN). */
        double add(double x) {
            double s = hi + x;
            if (Double.isNaN(s) || Double.isInfinite(s)) {
                hi = s; // NaN and infinities propagate as in R's cumsum
                lo = 0;
                return hi;
            }
            double bp = s - hi;
            double err = (hi - (s - bp)) + (x - bp);
            double l = lo + err;
            hi = s + l;
            lo = l - (hi - s);
            return hi;
        }
    }
}
