package org.stilt.parity.stochastic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A compact per-case report of {@link StochasticParity} results: a statistic × checkpoint matrix of
 * |ours − hycs_std mean| / band (a cell above 1 fails and is marked), then every failed check with
 * ours, hycs_std's mean and the band, then the footprint lines. {@link #writeCsv} writes every check
 * in long form (statistic, checkpoint, ours, hycs mean, sd_between, floor, band, pass, se_boot, the
 * sampling-noise band and whether the check is within it).
 *
 * <p>Thread-safety: {@link #add} and the renderers are synchronized; safe for concurrent use.
 */
public final class StochasticParityReport {

    private final Map<String, StochasticParity.Result> results = new LinkedHashMap<>();

    /** Adds (or replaces) a labelled result, e.g. "sto_tvar_day_kmixd3 / native". */
    public synchronized void add(String label, StochasticParity.Result result) {
        results.put(label, result);
    }

    /** Whether nothing was added. */
    public synchronized boolean isEmpty() {
        return results.isEmpty();
    }

    /** The report of one result as Markdown. */
    public static String render(String label, StochasticParity.Result r) {
        StringBuilder b = new StringBuilder();
        List<StochasticParity.StatisticCheck> checks = r.statistics();
        TreeSet<Integer> times = new TreeSet<>((x, y) -> Integer.compare(Math.abs(x), Math.abs(y)));
        Map<String, Map<Integer, StochasticParity.StatisticCheck>> byStat = new LinkedHashMap<>();
        for (StochasticParity.StatisticCheck c : checks) {
            times.add(c.checkpoint());
            byStat.computeIfAbsent(c.statistic(), k -> new LinkedHashMap<>()).put(c.checkpoint(), c);
        }
        b.append("### ").append(label).append("\n\n");
        long withinNoise = r.withinSamplingNoiseCount();
        b.append(String.format(Locale.ROOT, "%s: %d of %d statistic checks pass; footprint %s; %d of %d within the"
                        + " sampling noise of two independent ensembles (k·√2·se_boot, diagnostic)%n%n",
                r.pass() ? "PASS" : "FAIL", checks.size() - r.failures().size(), checks.size(),
                r.footprint().pass() ? "passes" : "FAILS", withinNoise, checks.size()));
        b.append("|deviation/band|");
        for (int t : times) {
            b.append(' ').append(t).append(" |");
        }
        b.append("\n|---|");
        b.append("---:|".repeat(times.size()));
        b.append('\n');
        for (Map.Entry<String, Map<Integer, StochasticParity.StatisticCheck>> e : byStat.entrySet()) {
            b.append("| ").append(e.getKey()).append(" |");
            for (int t : times) {
                StochasticParity.StatisticCheck c = e.getValue().get(t);
                if (c == null) {
                    b.append(" |");
                } else if (c.pass()) {
                    b.append(String.format(Locale.ROOT, " %.2f |", c.normalizedDeviation()));
                } else if (c.withinSamplingNoise()) {
                    b.append(String.format(Locale.ROOT, " %.3g ~ |", c.normalizedDeviation()));
                } else {
                    b.append(String.format(Locale.ROOT, " **%.3g ✗** |", c.normalizedDeviation()));
                }
            }
            b.append('\n');
        }
        if (!r.failures().isEmpty()) {
            b.append("\nFailed checks (statistic, checkpoint, ours, hycs_std mean, band):\n\n");
            for (StochasticParity.StatisticCheck c : r.failures()) {
                b.append("- ").append(c.describe()).append('\n');
            }
        }
        b.append('\n');
        for (String line : r.footprint().describe().split("\\R")) {
            b.append("- ").append(line).append('\n');
        }
        return b.append('\n').toString();
    }

    /** Every added result as one Markdown document. */
    public synchronized String render() {
        StringBuilder b = new StringBuilder("# Stochastic parity with hycs_std\n\n");
        b.append("Cells: |ours − hycs_std mean| / band, band = max(k·sd_between, floor) + print allowance; > 1 fails:"
                + " ✗ beyond, ~ within the sampling noise of two independent ensembles (k·√2·se_boot; a diagnostic,"
                + " not the bar: docs/parity.md \"What the run-to-run band measures\").\n\n");
        for (Map.Entry<String, StochasticParity.Result> e : results.entrySet()) {
            b.append(render(e.getKey(), e.getValue()));
        }
        return b.toString();
    }

    /** Writes {@link #render()} to {@code md} and the long-form CSV next to it ({@code .csv}). */
    public synchronized void write(Path md) {
        try {
            Files.createDirectories(md.toAbsolutePath().getParent());
            Files.writeString(md, render(), StandardCharsets.UTF_8);
            writeCsv(md.resolveSibling(md.getFileName().toString().replaceFirst("\\.md$", "") + ".csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes every check in long form. */
    public synchronized void writeCsv(Path csv) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("label,statistic,checkpoint,ours,hycs_mean,sd_between,floor,print_allowance,band,pass,se_boot,"
                + "noise_band,within_sampling_noise");
        for (Map.Entry<String, StochasticParity.Result> e : results.entrySet()) {
            for (StochasticParity.StatisticCheck c : e.getValue().statistics()) {
                lines.add(String.format(Locale.ROOT, "%s,%s,%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%s,%.17g,%.17g,%s",
                        e.getKey(), c.statistic(), c.checkpoint(), c.ours(), c.hycsMean(), c.sdBetween(), c.floor(),
                        c.printAllowance(), c.band(), c.pass(), c.seBoot(), c.noiseBand(),
                        c.withinSamplingNoise()));
            }
        }
        Files.write(csv, lines, StandardCharsets.UTF_8);
    }
}
