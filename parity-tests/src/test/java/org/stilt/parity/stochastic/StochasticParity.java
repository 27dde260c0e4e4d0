package org.stilt.parity.stochastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stilt.core.footprint.Footprint;
import org.stilt.core.footprint.FootprintCalculator;
import org.stilt.core.footprint.FootprintResult;
import org.stilt.core.footprint.KernelSpreader;
import org.stilt.core.particles.ParticleTable;

/**
 * Statistical parity of one particle ensemble with real hycs_std (issue 5, "Tests"): every
 * statistic of the case file at every checkpoint within max(k·σ_run-to-run, floor) of hycs_std's
 * mean over its variants, and the time-integrated footprint (our {@link FootprintCalculator} on the
 * case's grid) with a spatial correlation against the KRAND=2 {@code foot.nc} of at least hycs_std's
 * minimum pairwise correlation minus a margin, and a total within k·σ of hycs_std's mean total.
 *
 * <p>The multipliers and the margin are data ({@code stochastic-parity.json}, loaded by
 * {@link Rules#load()}); σ, floors and means come from the case file. Nothing here widens them.
 *
 * <p>Thread-safety: stateless static functions over immutable values; safe for concurrent use.
 */
public final class StochasticParity {

    private StochasticParity() {
    }

    /**
     * The tolerance rules of {@code stochastic-parity.json}.
     *
     * @param sdMultiplier      k: a statistic's band is max(k·sd_between, floor) (+ the print
     *                          allowance below)
     * @param referenceDigits   significant digits to which the case files print each variant's
     *                          statistic; when positive, half a unit of that last digit at the
     *                          magnitude of hycs_std's mean is added to the band (the largest
     *                          error of a mean of printed values); 0 switches this off
     * @param correlationMargin the footprint correlation must reach pairwise_corr_min minus this
     * @param totalSdMultiplier the footprint total must be within this many sum_foot_sd_between
     *                          of sum_foot_mean
     * @param raw               the whole file (self-check settings, case lists)
     *
     * <p>Thread-safety: immutable value (the JSON tree is never modified).
     */
    public record Rules(double sdMultiplier, int referenceDigits, double correlationMargin, double totalSdMultiplier, JsonNode raw) {

        /** Loads {@code /stochastic-parity.json} from the test resources. */
        public static Rules load() {
            try (InputStream in = StochasticParity.class.getResourceAsStream("/stochastic-parity.json")) {
                if (in == null) {
                    throw new IllegalStateException("stochastic-parity.json missing from the test resources");
                }
                JsonNode j = new ObjectMapper().readTree(in);
                return new Rules(j.get("statistics").get("sd_multiplier").asDouble(),
                        j.get("statistics").get("reference_print_allowance_digits").asInt(),
                        j.get("footprint").get("correlation_margin").asDouble(),
                        j.get("footprint").get("total_sd_multiplier").asDouble(), j);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Decimals hycs_std prints each PARTICLE_STILT.DAT column with, by column name
         * ({@code statistics.reference_print_decimals}; empty without it).
         */
        public java.util.Map<String, Integer> printDecimals() {
            JsonNode d = raw == null ? null : raw.get("statistics").get("reference_print_decimals");
            java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
            if (d != null) {
                d.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asInt()));
            }
            return out;
        }
    }

    /**
     * {@code t} with each column that hycs_std prints in PARTICLE_STILT.DAT rounded to the decimals
     * it prints ({@code stochastic-parity.json → statistics.reference_print_decimals}: long and lati
     * 4, zagl 4, foot 7, mlht 2, dens 5, samt 4, sigw 3, tlgr 4). The case files' statistics were
     * computed from those printed values (the self-check recomputes them from hycs_std's own
     * particles.csv.gz), so ours are computed from ours printed the same way: the same estimator on
     * both sides. It matters where a spread is not large against the print step: rounding to 1e-4°
     * adds (1e-4)²/12 to a position variance (Sheppard), which in the first minutes of a point
     * release is a third of hycs_std's printed lati_sd², and a percentile of printed values sits on
     * or between multiples of the step. Columns not listed, and tables without them, are unchanged.
     */
    public static ParticleTable asPrinted(ParticleTable t, Rules rules) {
        java.util.Map<String, Integer> decimals = rules.printDecimals();
        java.util.LinkedHashMap<String, double[]> cols = new java.util.LinkedHashMap<>();
        for (String name : t.columnNames()) {
            double[] v = t.column(name);
            Integer d = decimals.get(name);
            cols.put(name, d == null ? v : rounded(v, d));
        }
        return new ParticleTable(cols, t.attributes());
    }

    /** {@code v} rounded to {@code decimals} decimals (to nearest, as Fortran's F edit descriptor prints). */
    static double[] rounded(double[] v, int decimals) {
        double scale = Math.pow(10, decimals);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.rint(v[i] * scale) / scale;
        }
        return out;
    }

    /**
     * One statistic at one checkpoint.
     *
     * @param statistic  name as in the case file
     * @param checkpoint minutes since release
     * @param ours       our value (NaN fails)
     * @param hycsMean   hycs_std's mean over its variants
     * @param sdBetween  hycs_std's run-to-run standard deviation
     * @param floor      the case's floor
     * @param printAllowance half a unit of the reference's last printed digit at hycsMean's
     *                   magnitude (0 when switched off in the rules)
     * @param band       allowed |ours − hycsMean|: max(k·sdBetween, floor) + printAllowance
     * @param pass       whether |ours − hycsMean| ≤ band
     * @param seBoot     bootstrap standard error of hycs_std's KRAND=2 statistic (particles resampled)
     * @param noiseBand  the sampling noise of two independent ensembles of this size:
     *                   max(band, k·√2·seBoot + printAllowance). Diagnostic only, never the bar:
     *                   hycs_std's seed variants share much of their randomness, so sdBetween is
     *                   often far below seBoot (docs/parity.md "What the run-to-run band measures")
     *
     * <p>Thread-safety: immutable value.
     */
    public record StatisticCheck(String statistic, int checkpoint, double ours, double hycsMean, double sdBetween,
                                 double floor, double printAllowance, double band, boolean pass, double seBoot,
                                 double noiseBand) {

        /** Whether |ours − hycsMean| is within {@link #noiseBand} (NaN never is). */
        public boolean withinSamplingNoise() {
            return Math.abs(ours - hycsMean) <= noiseBand * (1 + LATTICE_SLACK);
        }

        /** |ours − hycsMean| / band (NaN when ours is NaN). */
        public double normalizedDeviation() {
            return Math.abs(ours - hycsMean) / band;
        }

        /** One line naming everything needed to judge the check. */
        public String describe() {
            return String.format(Locale.ROOT, "%s at t=%d min: ours %.7g, hycs_std mean %.7g, allowed band ±%.4g"
                            + " (= max(k·sd_between %.4g, floor %.4g) + print %.2g), deviation %.4g band%s",
                    statistic, checkpoint, ours, hycsMean, band, sdBetween, floor, printAllowance, normalizedDeviation(),
                    pass ? "" : " -> FAIL");
        }
    }

    /**
     * The footprint part.
     *
     * @param correlation    Pearson correlation of our footprint with the KRAND=2 foot values over
     *                       every cell of the case's grid (NaN if the grids differ or ours is empty)
     * @param minCorrelation required: pairwise_corr_min − margin
     * @param total          our footprint's total
     * @param totalMean      hycs_std's mean total
     * @param totalBand      allowed |total − totalMean|
     * @param note           why the footprint could not be compared, or empty
     *
     * <p>Thread-safety: immutable value.
     */
    public record FootprintCheck(double correlation, double minCorrelation, double total, double totalMean,
                                 double totalBand, String note) {

        /** Whether the correlation reaches the minimum. */
        public boolean correlationPass() {
            return correlation >= minCorrelation;
        }

        /** Whether the total is within the band. */
        public boolean totalPass() {
            return Math.abs(total - totalMean) <= totalBand;
        }

        /** Both parts pass. */
        public boolean pass() {
            return correlationPass() && totalPass();
        }

        /** One line per part. */
        public String describe() {
            return String.format(Locale.ROOT, "footprint correlation %.8f, required >= %.8f%s%nfootprint total %.7g,"
                            + " hycs_std mean %.7g, allowed band ±%.4g%s%s",
                    correlation, minCorrelation, correlationPass() ? "" : " -> FAIL", total, totalMean, totalBand,
                    totalPass() ? "" : " -> FAIL", note.isEmpty() ? "" : " (" + note + ")");
        }
    }

    /**
     * A case's full comparison.
     *
     * @param caseName   the case
     * @param statistics every statistic at every checkpoint
     * @param footprint  the footprint part
     *
     * <p>Thread-safety: immutable value.
     */
    public record Result(String caseName, List<StatisticCheck> statistics, FootprintCheck footprint) {

        public Result {
            statistics = List.copyOf(statistics);
        }

        /** The failed statistic checks. */
        public List<StatisticCheck> failures() {
            return statistics.stream().filter(c -> !c.pass()).toList();
        }

        /** The statistic checks within the sampling noise of two independent ensembles (diagnostic). */
        public long withinSamplingNoiseCount() {
            return statistics.stream().filter(StatisticCheck::withinSamplingNoise).count();
        }

        /** Everything passes. */
        public boolean pass() {
            return failures().isEmpty() && footprint.pass();
        }

        /** A failure message naming every failed statistic, checkpoint, value, mean and band. */
        public String failureReport() {
            StringBuilder b = new StringBuilder(caseName).append(": ").append(failures().size()).append(" of ")
                    .append(statistics.size()).append(" statistic checks fail");
            for (StatisticCheck c : failures()) {
                b.append("\n  ").append(c.describe());
            }
            b.append("\n  ").append(footprint.describe().replace("\n", "\n  "));
            return b.toString();
        }
    }

    /** Every statistic of the case at every checkpoint, computed from {@code ours} by {@link EnsembleStatistics}. */
    public static List<StatisticCheck> compareStatistics(StochasticCase c, ParticleTable ours, Rules rules) {
        List<String> names = List.copyOf(c.statistics().keySet());
        return compareStatistics(c, EnsembleStatistics.compute(ours, c.numpar(), c.vegHt(), c.checkpoints(), names),
                rules);
    }

    /**
     * Every statistic of the case at every checkpoint against already computed values.
     *
     * @param ours values by statistic name, indexed like the case's checkpoints; a statistic
     *             missing from the map fails with NaN
     */
    public static List<StatisticCheck> compareStatistics(StochasticCase c, Map<String, double[]> ours, Rules rules) {
        int[] t = c.checkpoints();
        List<StatisticCheck> out = new ArrayList<>();
        for (StochasticCase.Statistic s : c.statistics().values()) {
            double[] v = ours.get(s.name());
            for (int i = 0; i < t.length; i++) {
                out.add(check(s.name(), t[i], v == null ? Double.NaN : v[i], s.hycsMean(i), s.sdBetween()[i],
                        s.floor()[i], s.seBoot()[i], rules));
            }
        }
        return out;
    }

    /**
     * Relative slack of a band comparison for double representation only: statistics of printed
     * values (ours {@link #asPrinted}, hycs_std's) sit on the print lattice, so a difference of
     * exactly one step (1e-4° for a percentile of printed positions) meets a band of one step
     * (floor + print allowance, 5e-5 + 5e-5) up to ~3e-10 relative rounding of the subtraction,
     * which would otherwise decide pass or fail at random.
     */
    static final double LATTICE_SLACK = 1e-9;

    /**
     * One statistic at one checkpoint: the band max(k·sdBetween, floor) + print allowance decides
     * {@code pass}; the sampling-noise band max(band, k·√2·seBoot + print allowance) is reported
     * alongside (the noise of the difference of two independent ensembles, each with hycs_std's
     * bootstrap standard error; just the band when seBoot is not finite).
     */
    static StatisticCheck check(String statistic, int checkpoint, double ours, double hycsMean, double sdBetween,
                                double floor, double seBoot, Rules rules) {
        double print = printAllowance(hycsMean, rules.referenceDigits());
        double band = Math.max(rules.sdMultiplier() * sdBetween, floor) + print;
        boolean pass = Math.abs(ours - hycsMean) <= band * (1 + LATTICE_SLACK);
        double noise = Double.isFinite(seBoot)
                ? Math.max(band, rules.sdMultiplier() * Math.sqrt(2.0) * seBoot + print) : band;
        return new StatisticCheck(statistic, checkpoint, ours, hycsMean, sdBetween, floor, print, band, pass, seBoot,
                noise);
    }

    /** The footprint part, computing our footprint from {@code ours} on the case's grid. */
    public static FootprintCheck compareFootprint(StochasticCase c, ParticleTable ours, KernelSpreader spreader,
                                                  Rules rules) {
        FootprintResult r = new FootprintCalculator(spreader).calculate(ours.select(ParticleTable.FOOTPRINT_COLUMNS),
                c.footprint().request());
        if (!(r instanceof Footprint fp)) {
            return footprintCheck(c, null, rules, "our footprint is empty: " + r);
        }
        int[] dims = {fp.x().length, fp.y().length, fp.timesEpochSeconds().length};
        if (!Arrays.equals(dims, c.footprint().dims())) {
            return footprintCheck(c, null, rules, "our grid " + Arrays.toString(dims) + " differs from foot.nc's "
                    + Arrays.toString(c.footprint().dims()));
        }
        return footprintCheck(c, fp.values(), rules, "");
    }

    /** The footprint part for a dense grid in foot.nc's layout (C order time, y, x), or null when unavailable. */
    public static FootprintCheck footprintCheck(StochasticCase c, double[] ours, Rules rules, String note) {
        StochasticCase.FootprintReference f = c.footprint();
        double min = f.pairwiseCorrMin() - rules.correlationMargin();
        double band = rules.totalSdMultiplier() * f.sumFootSdBetween();
        if (ours == null) {
            return new FootprintCheck(Double.NaN, min, Double.NaN, f.sumFootMean(), band, note);
        }
        double[] ref = c.rFootprintValues();
        if (ref.length != ours.length) {
            return new FootprintCheck(Double.NaN, min, sum(ours), f.sumFootMean(), band,
                    "grid of " + ours.length + " cells, foot.nc has " + ref.length);
        }
        return new FootprintCheck(correlation(ours, ref), min, sum(ours), f.sumFootMean(), band, note);
    }

    /** The whole comparison of one ensemble with a case. */
    public static Result compare(StochasticCase c, ParticleTable ours, KernelSpreader spreader, Rules rules) {
        return new Result(c.name(), compareStatistics(c, ours, rules), compareFootprint(c, ours, spreader, rules));
    }

    /** Half a unit of the {@code digits}-th significant digit at the magnitude of {@code v}; 0 if off or v = 0. */
    static double printAllowance(double v, int digits) {
        if (digits <= 0 || v == 0 || !Double.isFinite(v)) {
            return 0;
        }
        return 0.5 * Math.pow(10, Math.floor(Math.log10(Math.abs(v))) - (digits - 1));
    }

    static double sum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    /** Pearson correlation over all cells (NaN for a constant grid). */
    static double correlation(double[] a, double[] b) {
        double ma = sum(a) / a.length;
        double mb = sum(b) / b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            double da = a[i] - ma;
            double db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
