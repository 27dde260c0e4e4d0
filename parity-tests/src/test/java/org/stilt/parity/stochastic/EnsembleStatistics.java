package org.stilt.parity.stochastic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stilt.core.particles.ParticleTable;

/**
 * The ensemble statistics of the stochastic reference cases, computed from a particle table
 * exactly as the case files define them (verified against hycs_std's own {@code particles.csv.gz},
 * {@code StochasticHarnessSelfCheckTest}).
 *
 * <p>At checkpoint t (minutes since release, negative backward) the statistics are taken over the
 * rows with {@code time == t} (the particles still in the run at that minute):
 * <ul>
 *   <li>{@code n}: number of rows;</li>
 *   <li>{@code long_*}, {@code lati_*}, {@code zagl_*}: {@code _mean} the arithmetic mean,
 *       {@code _sd} the sample standard deviation (n − 1), {@code _pNN} R's default quantile (type 7:
 *       with h = (n − 1)·p, (1 − frac h)·x₍⌊h⌋₎ + frac h·x₍⌊h⌋+1₎ of the sorted values);</li>
 *   <li>{@code frac_below_h}: fraction of rows with {@code zagl < h}, h = VEGHT·mlht when
 *       VEGHT ≤ 1, else VEGHT metres (hysplit-reference, SETUP table);</li>
 *   <li>{@code foot_mean}, {@code foot_sd}: of the footprint before R-STILT's hyper-near-field
 *       dilution ({@code foot_no_hnf_dilution}); {@code foot_hnf_mean}, {@code foot_hnf_sd}: of
 *       {@code foot} after it (ppm per µmol m⁻² s⁻¹);</li>
 *   <li>{@code samt_mean}, {@code samt_sd} (minutes below h), {@code mlht_mean} (m),
 *       {@code sigw_mean} (m/s), {@code tlgr_mean} (s), {@code dens_mean} (kg/m³);</li>
 *   <li>{@code cumfoot}, {@code cumfoot_hnf}: the sum of the undiluted (resp. diluted) foot of every
 *       row from the release up to and including minute t, divided by numpar (so particles that have
 *       left the grid count as zero, like R-STILT's footprint).</li>
 * </ul>
 * A table without {@code foot_no_hnf_dilution} is taken as undiluted: {@code foot} feeds
 * {@code foot_*} and {@code cumfoot}, and the {@code foot_hnf_*}/{@code cumfoot_hnf} statistics are
 * NaN (which fails any comparison). A checkpoint without rows has n = 0 and NaN elsewhere (except
 * the cumulative sums).
 *
 * <p>Thread-safety: stateless static functions; safe for concurrent use.
 */
public final class EnsembleStatistics {

    /** Every statistic this class knows, in the case files' order. */
    public static final List<String> NAMES = List.of("n",
            "long_mean", "long_sd", "long_p05", "long_p25", "long_p50", "long_p75", "long_p95",
            "lati_mean", "lati_sd", "lati_p05", "lati_p25", "lati_p50", "lati_p75", "lati_p95",
            "zagl_mean", "zagl_sd", "zagl_p05", "zagl_p25", "zagl_p50", "zagl_p75", "zagl_p95",
            "frac_below_h", "foot_mean", "foot_sd", "foot_hnf_mean", "foot_hnf_sd", "samt_mean", "samt_sd",
            "mlht_mean", "sigw_mean", "tlgr_mean", "dens_mean", "cumfoot", "cumfoot_hnf");

    private static final Set<String> DISTRIBUTION_VARIABLES = Set.of("long", "lati", "zagl");
    private static final Map<String, Double> PERCENTILES = Map.of("p05", 0.05, "p25", 0.25, "p50", 0.50,
            "p75", 0.75, "p95", 0.95);

    private EnsembleStatistics() {
    }

    /**
     * Computes the named statistics at each checkpoint.
     *
     * @param table       particle table with at least {@code time}, {@code long}, {@code lati},
     *                    {@code zagl}, {@code foot}, {@code mlht}, {@code samt}, {@code sigw},
     *                    {@code tlgr}, {@code dens} (and {@code foot_no_hnf_dilution} when R-STILT's
     *                    hyper-near-field dilution was applied)
     * @param numpar      particles released (divisor of the cumulative footprint)
     * @param vegHt       SETUP's VEGHT
     * @param checkpoints checkpoint times, minutes since release
     * @param names       statistics wanted (each one of {@link #NAMES})
     * @return values by statistic name (in {@code names} order), each indexed like {@code checkpoints}
     * @throws IllegalArgumentException naming an unknown statistic, a missing column or mixed
     *                                  forward/backward checkpoints
     */
    public static Map<String, double[]> compute(ParticleTable table, int numpar, double vegHt, int[] checkpoints,
                                                List<String> names) {
        for (String n : names) {
            if (!NAMES.contains(n)) {
                throw new IllegalArgumentException("unknown ensemble statistic '" + n + "'; known: " + NAMES);
            }
        }
        double[] time = require(table, "time");
        boolean hnf = table.hasColumn("foot_no_hnf_dilution");
        double[] footRaw = hnf ? table.column("foot_no_hnf_dilution") : require(table, "foot");
        double[] footHnf = hnf ? require(table, "foot") : null;

        // Row indices per checkpoint, and the cumulative footprint up to each checkpoint.
        Map<Integer, Integer> slot = new HashMap<>();
        for (int i = 0; i < checkpoints.length; i++) {
            slot.putIfAbsent(checkpoints[i], i);
            if (checkpoints[i] == 0 || Integer.signum(checkpoints[i]) != Integer.signum(checkpoints[0])) {
                throw new IllegalArgumentException("checkpoints must all be non-zero and on one side of the release: "
                        + Arrays.toString(checkpoints));
            }
        }
        List<List<Integer>> rows = new ArrayList<>();
        for (int i = 0; i < checkpoints.length; i++) {
            rows.add(new ArrayList<>());
        }
        // Sum foot per minute first (row order is arbitrary), then accumulate in time order.
        Map<Integer, double[]> footByMinute = new HashMap<>();
        for (int r = 0; r < time.length; r++) {
            int t = (int) Math.round(time[r]);
            Integer s = slot.get(t);
            if (s != null) {
                rows.get(s).add(r);
            }
            double[] acc = footByMinute.computeIfAbsent(t, k -> new double[2]);
            acc[0] += footRaw[r];
            acc[1] += hnf ? footHnf[r] : Double.NaN;
        }
        List<Integer> minutes = new ArrayList<>(footByMinute.keySet());
        minutes.sort((a, b) -> Integer.compare(Math.abs(a), Math.abs(b)));
        double[] cum = new double[checkpoints.length];
        double[] cumHnf = new double[checkpoints.length];
        for (int i = 0; i < checkpoints.length; i++) {
            int limit = Math.abs(checkpoints[i]);
            double s = 0;
            double sh = 0;
            for (int t : minutes) {
                if (Math.abs(t) > limit) {
                    break;
                }
                if (Integer.signum(t) == Integer.signum(checkpoints[i])) {
                    double[] acc = footByMinute.get(t);
                    s += acc[0];
                    sh += acc[1];
                }
            }
            cum[i] = s / numpar;
            cumHnf[i] = sh / numpar;
        }

        Map<String, double[]> out = new LinkedHashMap<>();
        for (String n : names) {
            double[] v = new double[checkpoints.length];
            for (int i = 0; i < checkpoints.length; i++) {
                int[] idx = rows.get(i).stream().mapToInt(Integer::intValue).toArray();
                v[i] = switch (n) {
                    case "n" -> idx.length;
                    case "cumfoot" -> cum[i];
                    case "cumfoot_hnf" -> cumHnf[i];
                    default -> idx.length == 0 ? Double.NaN : atCheckpoint(n, table, idx, vegHt, hnf);
                };
            }
            out.put(n, v);
        }
        return Collections.unmodifiableMap(out);
    }

    private static double atCheckpoint(String name, ParticleTable table, int[] idx, double vegHt, boolean hnf) {
        if (name.equals("frac_below_h")) {
            double[] z = take(require(table, "zagl"), idx);
            double[] mlht = take(require(table, "mlht"), idx);
            int below = 0;
            for (int k = 0; k < z.length; k++) {
                double h = vegHt <= 1.0 ? vegHt * mlht[k] : vegHt;
                if (z[k] < h) {
                    below++;
                }
            }
            return (double) below / z.length;
        }
        int cut = name.lastIndexOf('_');
        String variable = name.substring(0, cut);
        String kind = name.substring(cut + 1);
        double[] x = switch (variable) {
            case "foot" -> take(hnf ? table.column("foot_no_hnf_dilution") : require(table, "foot"), idx);
            case "foot_hnf" -> hnf ? take(table.column("foot"), idx) : null;
            default -> take(require(table, variable), idx);
        };
        if (x == null) {
            return Double.NaN;
        }
        if (kind.equals("mean")) {
            return mean(x);
        }
        if (kind.equals("sd")) {
            return sd(x);
        }
        if (DISTRIBUTION_VARIABLES.contains(variable) && PERCENTILES.containsKey(kind)) {
            return quantileType7(x, PERCENTILES.get(kind));
        }
        throw new IllegalArgumentException("no definition for ensemble statistic '" + name + "'");
    }

    private static double[] require(ParticleTable table, String column) {
        if (!table.hasColumn(column)) {
            throw new IllegalArgumentException("particle table has no column '" + column + "' (has "
                    + table.columnNames() + ")");
        }
        return table.column(column);
    }

    private static double[] take(double[] col, int[] idx) {
        double[] v = new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
            v[k] = col[idx[k]];
        }
        return v;
    }

    /** Mean with R's second pass (mean of the residuals added back). */
    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        double m = s / x.length;
        double r = 0;
        for (double v : x) {
            r += v - m;
        }
        return m + r / x.length;
    }

    /** Sample standard deviation (n − 1), two-pass like R's {@code var}; NaN for fewer than 2 values. */
    static double sd(double[] x) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double m = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (x.length - 1));
    }

    /** R's {@code quantile(x, p, type = 7)}; NaN if any value is NaN. */
    static double quantileType7(double[] x, double p) {
        double[] s = x.clone();
        for (double v : s) {
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
        }
        Arrays.sort(s);
        double index = 1 + (s.length - 1) * p; // 1-based, computed as R does
        int lo = (int) Math.floor(index);
        int hi = (int) Math.ceil(index);
        double q = s[lo - 1];
        double h = index - lo;
        if (h > 0 && s[hi - 1] != q) {
            q = (1 - h) * q + h * s[hi - 1];
        }
        return q;
    }
}
