package org.stilt.parity.stochastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stilt.core.footprint.FootprintDomain;
import org.stilt.core.footprint.FootprintRequest;
import org.stilt.parity.RFootprint;

/**
 * One hycs_std stochastic reference case ({@code transport/stochastic/sto_<name>/case.json}): the
 * receptor and run, the namelist, the met files, the statistics at every checkpoint with hycs_std's
 * run-to-run spread (KRAND=2 and three KRAND=1 seeds), bootstrap standard errors and floors, and
 * the R-STILT footprint of the KRAND=2 particles with its run-to-run figures.
 *
 * <p>Thread-safety: immutable after {@link #load}; safe to share between threads.
 */
public final class StochasticCase {

    private static final DateTimeFormatter R_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    /**
     * One statistic of the case file over the checkpoints (arrays indexed like
     * {@link StochasticCase#checkpoints()}).
     *
     * @param name      statistic name as in the case file ({@code zagl_p05}, {@code cumfoot}, ...)
     * @param ref       the KRAND=2 run's value (printed to 7 significant digits)
     * @param seeds     the KRAND=1 runs' values by variant label ({@code k1s101}, ...)
     * @param sdBetween sample standard deviation over all variants (ref and seeds), hycs_std's
     *                  run-to-run spread
     * @param seBoot    bootstrap standard error of the KRAND=2 statistic (particles resampled)
     * @param floor     the case's floor: the smallest band allowed for this statistic
     *
     * <p>Thread-safety: immutable by contract (arrays are never modified after loading).
     */
    public record Statistic(String name, double[] ref, Map<String, double[]> seeds, double[] sdBetween,
                            double[] seBoot, double[] floor) {

        /** hycs_std's mean at checkpoint {@code i}: the mean over the KRAND=2 run and every seed. */
        public double hycsMean(int i) {
            double s = ref[i];
            for (double[] v : seeds.values()) {
                s += v[i];
            }
            return s / (1 + seeds.size());
        }
    }

    /**
     * The footprint block: the KRAND=2 footprint's grid and run-to-run figures.
     *
     * @param request             the {@code calc_footprint} arguments (grid, run time, smoothing)
     * @param dims                (lon, lat, time) dimensions of foot.nc
     * @param sumFootK2           total of the KRAND=2 footprint
     * @param sumFootMean         mean total over all variants
     * @param sumFootSdBetween    sample SD of the totals over all variants
     * @param pairwiseCorrMin     hycs_std's minimum pairwise spatial correlation between variants
     * @param corrVsK2            each seed's correlation with the KRAND=2 footprint
     *
     * <p>Thread-safety: immutable value.
     */
    public record FootprintReference(FootprintRequest request, int[] dims, double sumFootK2, double sumFootMean,
                                     double sumFootSdBetween, double pairwiseCorrMin, Map<String, Double> corrVsK2) {
    }

    private final String name;
    private final Path dir;
    private final Instant runTime;
    private final double latitude;
    private final double longitude;
    private final double[] zagl;
    private final boolean column;
    private final int hours;
    private final int numpar;
    private final double zTop;
    private final int wOption;
    private final Map<String, String> namelist;
    private final List<Path> metFiles;
    private final int[] checkpoints;
    private final Map<String, Statistic> statistics;
    private final FootprintReference footprint;

    private StochasticCase(Path dir, JsonNode json) {
        this.dir = dir;
        this.name = json.get("name").asText();
        JsonNode r = json.get("receptor");
        this.runTime = parseRTime(r.get("run_time").asText());
        this.latitude = r.get("lati").asDouble();
        this.longitude = r.get("long").asDouble();
        this.zagl = doubles(r.get("zagl"));
        this.column = r.get("column").asBoolean();
        this.hours = json.get("n_hours").asInt();
        this.numpar = json.get("numpar").asInt();
        this.zTop = json.get("r_stilt").get("z_top").asDouble();
        this.wOption = json.get("r_stilt").get("w_option").asInt();
        Map<String, String> nl = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = json.get("namelist").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            nl.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
        }
        this.namelist = Collections.unmodifiableMap(nl);
        List<Path> met = new ArrayList<>();
        for (JsonNode f : json.get("met").get("files")) {
            met.add(dir.resolve(f.asText()).normalize());
        }
        this.metFiles = List.copyOf(met);
        JsonNode cp = json.get("statistics").get("checkpoints");
        JsonNode times = cp.get("times");
        this.checkpoints = new int[times.size()];
        for (int i = 0; i < checkpoints.length; i++) {
            checkpoints[i] = times.get(i).asInt();
        }
        Map<String, Statistic> stats = new LinkedHashMap<>();
        for (JsonNode n : json.get("statistics").get("stat_names")) {
            String s = n.asText();
            JsonNode st = cp.get("stats").get(s);
            if (st == null) {
                throw new IllegalStateException(dir + "/case.json: statistic " + s + " listed in stat_names but"
                        + " absent from statistics.checkpoints.stats");
            }
            Map<String, double[]> seeds = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> sit = st.get("seeds").fields();
            while (sit.hasNext()) {
                Map.Entry<String, JsonNode> e = sit.next();
                seeds.put(e.getKey(), checked(doubles(e.getValue()), s));
            }
            stats.put(s, new Statistic(s, checked(doubles(st.get("ref")), s), Collections.unmodifiableMap(seeds),
                    checked(doubles(st.get("sd_between")), s), checked(doubles(st.get("se_boot")), s),
                    checked(doubles(st.get("floor")), s)));
        }
        this.statistics = Collections.unmodifiableMap(stats);
        this.footprint = footprint(json.get("footprint"));
    }

    /** Loads {@code dir/case.json}. */
    public static StochasticCase load(Path dir) {
        try {
            return new StochasticCase(dir, new ObjectMapper().readTree(dir.resolve("case.json").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private double[] checked(double[] v, String stat) {
        if (v.length != checkpoints.length) {
            throw new IllegalStateException(dir + "/case.json: statistic " + stat + " has " + v.length
                    + " values for " + checkpoints.length + " checkpoints");
        }
        return v;
    }

    private static FootprintReference footprint(JsonNode f) {
        JsonNode a = f.get("args");
        FootprintDomain domain = new FootprintDomain(a.get("xmn").asDouble(), a.get("xmx").asDouble(),
                a.get("ymn").asDouble(), a.get("ymx").asDouble(), a.get("xres").asDouble(), a.get("yres").asDouble(),
                a.get("projection").asText());
        FootprintRequest request = new FootprintRequest(domain, parseRTime(a.get("r_run_time").asText()),
                a.get("smooth_factor").asDouble(), a.get("time_integrate").asBoolean());
        JsonNode d = f.get("dims_lon_lat_time");
        int[] dims = {d.get(0).asInt(), d.get(1).asInt(), d.get(2).asInt()};
        JsonNode rr = f.get("run_to_run");
        Map<String, Double> corr = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = rr.get("variants").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().has("corr_vs_k2")) {
                corr.put(e.getKey(), e.getValue().get("corr_vs_k2").asDouble());
            }
        }
        return new FootprintReference(request, dims, f.get("sum_foot").asDouble(), rr.get("sum_foot_mean").asDouble(),
                rr.get("sum_foot_sd_between").asDouble(), rr.get("pairwise_corr_min").asDouble(),
                Collections.unmodifiableMap(corr));
    }

    private static Instant parseRTime(String s) {
        return LocalDateTime.parse(s, R_TIME).toInstant(ZoneOffset.UTC);
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode n = a.get(i);
            v[i] = n == null || n.isNull() ? Double.NaN : n.asDouble();
        }
        return v;
    }

    /** Case name (the directory name). */
    public String name() {
        return name;
    }

    /** The case directory. */
    public Path dir() {
        return dir;
    }

    /** Receptor (release) time. */
    public Instant runTime() {
        return runTime;
    }

    /** Receptor latitude, degrees north. */
    public double latitude() {
        return latitude;
    }

    /** Receptor longitude, degrees east. */
    public double longitude() {
        return longitude;
    }

    /** Release height(s), m AGL: one value for a point, bottom and top for a column. */
    public double[] zagl() {
        return zagl.clone();
    }

    /** Whether the receptor is a column. */
    public boolean column() {
        return column;
    }

    /** R-STILT's {@code n_hours} (negative backward). */
    public int hours() {
        return hours;
    }

    /** Number of particles released ({@code numpar}). */
    public int numpar() {
        return numpar;
    }

    /** R-STILT's {@code z_top}, metres. */
    public double zTop() {
        return zTop;
    }

    /** R-STILT's {@code w_option} (vertical motion). */
    public int wOption() {
        return wOption;
    }

    /** The SETUP.CFG namelist as written (values as text; lists as JSON text). */
    public Map<String, String> namelist() {
        return namelist;
    }

    /** VEGHT: h = VEGHT·mlht when below 1 (R-STILT's default 0.5), else VEGHT metres. */
    public double vegHt() {
        return Double.parseDouble(namelist.get("VEGHT"));
    }

    /** Met files, resolved against the case directory. */
    public List<Path> metFiles() {
        return metFiles;
    }

    /** Checkpoint times, minutes since release (negative backward), in case-file order. */
    public int[] checkpoints() {
        return checkpoints.clone();
    }

    /** Every statistic of the case file by name, in {@code stat_names} order. */
    public Map<String, Statistic> statistics() {
        return statistics;
    }

    /** The footprint block. */
    public FootprintReference footprint() {
        return footprint;
    }

    /** {@code particles.csv.gz} (hycs_std's KRAND=2 table as R-STILT returned it) when kept. */
    public Optional<Path> particles() {
        Path p = dir.resolve("particles.csv.gz");
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /**
     * R-STILT's KRAND=2 footprint as a dense double grid, C order (time, y, x), read from
     * {@code foot_values.csv.gz} (1-based ix, iy, it and the double value of every non-zero cell).
     */
    public double[] rFootprintValues() {
        try {
            return RFootprint.load(dir).dense();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
