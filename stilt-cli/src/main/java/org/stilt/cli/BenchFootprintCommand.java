package org.stilt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.stilt.core.StiltException;
import org.stilt.core.footprint.FootprintCalculator;
import org.stilt.core.footprint.FootprintDomain;
import org.stilt.core.footprint.FootprintRequest;
import org.stilt.core.footprint.KernelSpreader;
import org.stilt.core.particles.ParticleFiles;
import org.stilt.core.particles.ParticleTable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stilt bench footprint}: times the footprint calculation (Java and native kernel
 * accumulation, warm, single-threaded) and the whole {@code stilt footprint} process on R-STILT
 * reference cases, and prints ratios against R-STILT's recorded time and against the Java
 * implementation measured in the same run.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "footprint", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Benchmark the footprint calculation and the whole `stilt footprint` process "
                + "on R-STILT reference cases.")
final class BenchFootprintCommand implements Callable<Integer> {

    private static final DateTimeFormatter R_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Spec
    CommandSpec spec;

    @Option(names = "--reference", paramLabel = "DIR",
            description = "R-STILT reference directory (default: ../shared/reference beside the checkout).")
    Path reference;

    @Option(names = "--case", paramLabel = "NAME", split = ",",
            defaultValue = "base24_0p01_int,realistic_hysplit_0p01_int",
            description = "Footprint cases to run (default: ${DEFAULT-VALUE}).")
    List<String> cases;

    @Option(names = "--warmup", defaultValue = "5", description = "Untimed warm-up calculations (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--iterations", defaultValue = "7", description = "Timed calculations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--process-runs", defaultValue = "3",
            description = "Timed `stilt footprint` processes per case after one untimed run (default: ${DEFAULT-VALUE}; 0 = skip).")
    int processRuns;

    @Option(names = "--no-native", description = "Skip the native (Fortran) kernel accumulation.")
    boolean noNative;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (warmup < 0 || iterations < 1 || processRuns < 0) {
            throw new org.stilt.core.InvalidInputException("--warmup >= 0, --iterations >= 1 and --process-runs >= 0 "
                    + "are required (got " + warmup + ", " + iterations + ", " + processRuns + ")");
        }
        ReferenceData ref = ReferenceData.open(reference);
        PrintWriter out = spec.commandLine().getOut();
        List<KernelChoice> kernels = new ArrayList<>(List.of(KernelChoice.JAVA));  // the baseline comes first
        if (!noNative) {
            kernels.add(KernelChoice.NATIVE);
        }
        out.printf(Locale.ROOT, "stilt bench footprint: %d warm-up + %d timed calculations (median), %d processes; "
                + "Java %s, %d cores%n", warmup, iterations, processRuns, Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        out.println();
        out.println("| case | rows | grid cells | read s | kernel | calc s (median) | R calc s | R / ours | "
                + "native / java | peak heap MB above table | process s (median) | R / process |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (String name : cases) {
            JsonNode c = ref.footprintCase(name);
            Path input = ref.dir().resolve(c.path("input").asText().split(" ")[0]);
            FootprintRequest request = request(c.path("calc_footprint_args"));
            long t0 = System.nanoTime();
            ParticleTable table = ParticleFiles.read(input, ParticleTable.FOOTPRINT_COLUMNS);
            double readSeconds = (System.nanoTime() - t0) / 1e9;
            double rSeconds = rTime(c.path("timing_seconds"));
            long cells = (long) c.path("dims_lon_lat_time").path(0).asLong() * c.path("dims_lon_lat_time").path(1).asLong()
                    * c.path("dims_lon_lat_time").path(2).asLong();
            double javaSeconds = Double.NaN;
            double processSeconds = processRuns > 0 ? processSeconds(input, c.path("calc_footprint_args")) : Double.NaN;
            for (KernelChoice k : kernels) {
                KernelSpreader spreader;
                try {
                    spreader = k.create(spec.commandLine().getErr());
                } catch (StiltException e) {
                    out.printf(Locale.ROOT, "| %s | | | | %s | unavailable: %s | | | | | | |%n", name, k, e.getMessage());
                    continue;
                }
                FootprintCalculator calc = new FootprintCalculator(spreader);
                double[] times = time(calc, table, request);
                double median = median(times);
                long peak = peakHeapAbove(calc, table, request);
                if (k == KernelChoice.JAVA) {
                    javaSeconds = median;
                }
                out.printf(Locale.ROOT, "| %s | %d | %d | %.3f | %s | %.4f | %.2f | %.0fx | %.2f | %.1f | %s | %s |%n",
                        name, table.rowCount(), cells, readSeconds, k.name().toLowerCase(Locale.ROOT), median, rSeconds,
                        rSeconds / median, median / javaSeconds, peak / 1e6,
                        Double.isNaN(processSeconds) ? "-" : String.format(Locale.ROOT, "%.2f", processSeconds),
                        Double.isNaN(processSeconds) ? "-" : String.format(Locale.ROOT, "%.1fx", rSeconds / processSeconds));
            }
        }
        out.println();
        out.println("R calc s: R-STILT's calc_footprint wall time recorded with the reference (mean of its two runs, "
                + "excluding R start-up and CSV reading). native / java < 1 means the Fortran accumulation is faster.");
        out.println("process s: the whole `stilt footprint` process (JVM start, CSV read, calculation, NetCDF write), "
                + "started through the checkout's ./stilt launcher when there is one, else with java -jar.");
        out.flush();
        return ExitCodes.OK;
    }

    private double[] time(FootprintCalculator calc, ParticleTable table, FootprintRequest request) {
        for (int i = 0; i < warmup; i++) {
            calc.calculate(table, request);
        }
        double[] t = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long s = System.nanoTime();
            calc.calculate(table, request);
            t[i] = (System.nanoTime() - s) / 1e9;
        }
        return t;
    }

    /** Peak heap during one calculation above the heap in use before it (table already loaded), bytes. */
    private static long peakHeapAbove(FootprintCalculator calc, ParticleTable table, FootprintRequest request) {
        System.gc();
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        long before = pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        calc.calculate(table, request);
        long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return Math.max(0, peak - before);
    }

    /**
     * Median wall time of whole {@code stilt footprint} processes (one untimed run first), started
     * through the checkout's {@code ./stilt} launcher when there is one, else with {@code java -jar}.
     */
    private double processSeconds(Path input, JsonNode a) throws IOException, InterruptedException {
        Path jar = CliPaths.codeSource();
        Path out = Files.createTempFile("stilt-bench-", ".nc");
        Path root = CliPaths.checkoutRoot();
        List<String> cmd = new ArrayList<>();
        if (root != null) {
            cmd.add(root.resolve("stilt").toString()); // what a user runs, with its JVM options
        } else if (Files.isRegularFile(jar)) {
            cmd.addAll(List.of(CliPaths.javaExecutable(), "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString()));
        } else {
            cmd.addAll(List.of(CliPaths.javaExecutable(), "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), StiltCommand.class.getName()));
        }
        cmd.addAll(List.of("footprint", "--quiet", "--particles", input.toString(),
                "--xmn", a.path("xmn").asText(), "--xmx", a.path("xmx").asText(),
                "--ymn", a.path("ymn").asText(), "--ymx", a.path("ymx").asText(),
                "--xres", a.path("xres").asText(), "--yres", a.path("yres").asText(),
                "--projection", a.path("projection").asText(), "--smooth-factor", a.path("smooth_factor").asText(),
                "--run-time", runTime(a).toString(), "--output", out.toString()));
        if (a.path("time_integrate").asBoolean()) {
            cmd.add("--time-integrate");
        }
        double[] t = new double[processRuns];
        try {
            for (int i = -1; i < processRuns; i++) {
                long s = System.nanoTime();
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                int code = p.waitFor();
                if (code != 0) {
                    throw new IllegalStateException("stilt footprint exited " + code + ": " + text.strip());
                }
                if (i >= 0) {
                    t[i] = (System.nanoTime() - s) / 1e9;
                }
            }
        } finally {
            Files.deleteIfExists(out);
        }
        return median(t);
    }

    private static FootprintRequest request(JsonNode a) {
        FootprintDomain d = new FootprintDomain(a.path("xmn").asDouble(), a.path("xmx").asDouble(),
                a.path("ymn").asDouble(), a.path("ymx").asDouble(), a.path("xres").asDouble(), a.path("yres").asDouble(),
                a.path("projection").asText());
        return new FootprintRequest(d, runTime(a), a.path("smooth_factor").asDouble(), a.path("time_integrate").asBoolean());
    }

    private static Instant runTime(JsonNode a) {
        String text = a.path("r_run_time").asText().replace(" UTC", "");
        return LocalDateTime.parse(text, R_TIME).toInstant(ZoneOffset.UTC);
    }

    private static double rTime(JsonNode timing) {
        double sum = 0;
        int n = 0;
        for (var e : timing.properties()) {
            if (e.getKey().startsWith("calc_footprint_nc")) {
                sum += e.getValue().asDouble();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
