package org.stilt.cli;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

import org.stilt.core.InvalidInputException;
import org.stilt.core.met.ArlFile;
import org.stilt.core.met.ArlPacking;
import org.stilt.core.met.ArlPeriod;
import org.stilt.core.met.ArlRecord;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stilt bench met-unpack}: single-threaded ARL unpacking throughput in MB of packed bytes
 * per second, on a synthetic HRRR-size field (1799 × 1059) and on real ARL files, against a
 * baseline measured in the same run (a byte-sum pass over the same bytes); prints the ratio.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "met-unpack", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark ARL unpacking (MB of packed data per second, one thread) on a synthetic "
                + "1799 × 1059 field and on real files, with a byte-sum baseline measured in the same run."})
final class BenchMetUnpackCommand implements Callable<Integer> {

    static final int NX = 1799;
    static final int NY = 1059;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FILE",
            description = "ARL files to unpack (default: the two HRRR files of the reference data, when found).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--warmup", defaultValue = "50", paramLabel = "N", description = "Untimed passes (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--iterations", defaultValue = "50", paramLabel = "N", description = "Timed passes (default: ${DEFAULT-VALUE}).")
    int iterations;

    /** Sink for results so that the JIT cannot drop the work. */
    private double sink;

    @Override
    public Integer call() {
        if (warmup < 0 || iterations < 1) {
            throw new InvalidInputException("--warmup must be >= 0 and --iterations >= 1 (got " + warmup + ", "
                    + iterations + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("ARL unpack, one thread, median of " + iterations + " passes after " + warmup + " warm-up passes; "
                + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        out.println(String.format(Locale.ROOT, "%-26s %8s %12s %12s %14s %8s", "data", "MB/pass", "unpack MB/s",
                "(best pass)", "byte-sum MB/s", "ratio"));
        ByteBuffer synthetic = syntheticField();
        float[] dst = new float[NX * NY];
        report(out, "synthetic " + NX + " × " + NY, NX * NY,
                () -> ArlPacking.unpack(synthetic, 0, NX, NY, 2, 101.5f, dst, 0),
                () -> byteSum(synthetic, 0, NX * NY));
        if (files.isEmpty()) {
            try {
                Path met = ReferenceData.open(null).dir().resolve("met");
                files = List.of(met.resolve("20190530_00-05_hrrr"), met.resolve("20190530_06-11_hrrr"));
            } catch (RuntimeException e) {
                out.println("(reference data not found: real files skipped; pass FILE arguments)");
            }
        }
        for (Path p : files) {
            ArlFile f = ArlFile.open(p);
            float[] field = new float[f.grid().points()];
            List<ArlPeriod> periods = f.periods();
            long bytes = periods.stream().mapToLong(q -> q.records().size()).sum() * f.grid().points();
            ByteBuffer mapped = map(p);
            int points = f.grid().points();
            // read: as HYSPLIT reads (values below the precision zero); exact: the packed values only
            for (boolean exact : new boolean[] {false, true}) {
                report(out, p.getFileName() + (exact ? " exact" : ""), bytes, () -> {
                    for (ArlPeriod q : periods) {
                        for (ArlRecord r : q.records()) {
                            if (exact) {
                                f.readExact(q, r.label().variable(), r.label().level(), field, 0);
                            } else {
                                f.read(q, r.label().variable(), r.label().level(), field, 0);
                            }
                        }
                    }
                    return field[field.length - 1];
                }, () -> {
                    long s = 0;
                    for (ArlPeriod q : periods) {
                        for (ArlRecord r : q.records()) {
                            s += byteSum(mapped, (int) r.byteOffset() + 50, points);
                        }
                    }
                    return s;
                });
            }
        }
        out.println("MB/s are medians (best pass in parentheses column); ratio = unpack / byte-sum (medians);"
                + " a file's first row reads as HYSPLIT does (values below the record's precision are zero),"
                + " its 'exact' row without those zeros; target >= 500 MB/s per core");
        out.flush();
        return sink == 42.4242 ? ExitCodes.INTERNAL : ExitCodes.OK;
    }

    private void report(PrintWriter out, String name, long bytes, Runnable unpack, java.util.function.LongSupplier base) {
        report(out, name, bytes, () -> {
            unpack.run();
            return 0.0;
        }, base);
    }

    private void report(PrintWriter out, String name, long bytes, java.util.function.DoubleSupplier unpack,
                        java.util.function.LongSupplier base) {
        double[] u = seconds(() -> sink += unpack.getAsDouble());
        double[] b = seconds(() -> sink += base.getAsLong());
        double mb = bytes / 1e6;
        out.println(String.format(Locale.ROOT, "%-26s %8.2f %12.0f %12.0f %14.0f %8.2f", name, mb, mb / u[0], mb / u[1],
                mb / b[0], b[0] / u[0]));
        out.flush();
    }

    /** Median and minimum seconds per pass. */
    private double[] seconds(Runnable pass) {
        return BenchPasses.medianAndBestSeconds(warmup, iterations, pass);
    }

    /** A packed field like a smooth HRRR field: differences of a few steps around 127, in direct memory. */
    static ByteBuffer syntheticField() {
        Random rnd = new Random(20190530L);
        ByteBuffer b = ByteBuffer.allocateDirect(NX * NY);
        for (int i = 0; i < NX * NY; i++) {
            b.put(i, (byte) (127 + (int) Math.round(rnd.nextGaussian() * 6)));
        }
        return b;
    }

    /** The file mapped read-only, as {@link ArlFile} maps it (gzip files are inflated into memory). */
    private static ByteBuffer map(Path p) {
        try {
            if (p.toString().endsWith(".gz")) {
                try (java.io.InputStream in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(p))) {
                    return ByteBuffer.wrap(in.readAllBytes()).asReadOnlyBuffer();
                }
            }
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(p)) {
                return ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, ch.size());
            }
        } catch (java.io.IOException e) {
            throw new org.stilt.core.UnreadableInputException("cannot map " + p + ": " + e.getMessage(), e);
        }
    }

    static long byteSum(ByteBuffer b, int offset, int length) {
        long s = 0;
        for (int i = 0; i < length; i++) {
            s += b.get(offset + i) & 0xff;
        }
        return s;
    }
}
