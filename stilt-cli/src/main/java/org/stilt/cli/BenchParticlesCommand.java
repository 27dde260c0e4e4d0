package org.stilt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.stilt.core.InvalidInputException;
import org.stilt.core.particles.ParticleFiles;
import org.stilt.core.particles.ParticleNetcdfReader;
import org.stilt.core.particles.ParticleNetcdfWriter;
import org.stilt.core.particles.ParticleTable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stilt bench particles}: writing and reading a particle file (NetCDF-4, deflate level 1,
 * the format every simulation writes), against baselines measured in the same run on the same
 * columns: deflating their bytes at the same level with {@link Deflater} (what any deflated file of
 * these values costs at least, on one thread) and inflating them back. Prints the ratios.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "particles", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark writing and reading a particle NetCDF file against deflating and inflating the "
                + "same columns (java.util.zip, same level) in the same run."})
final class BenchParticlesCommand implements Callable<Integer> {

    /** The e2e_b reference table (hycs_std's 500 particles × 24 h), relative to the reference data. */
    static final String DEFAULT_TABLE = "e2e/e2e_b_shear_diurnal_24h/particles.csv.gz";

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE",
            description = "Particle table to write (.nc, .csv, .csv.gz; default: the e2e_b reference particles, "
                    + "720 000 rows, when the reference data is found).")
    Path file;

    @Option(names = "--warmup", defaultValue = "1", paramLabel = "N", description = "Untimed passes (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--iterations", defaultValue = "5", paramLabel = "N", description = "Timed passes (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where the file is written (default: a temporary directory).")
    Path dir;

    /** Sink for results so that the JIT cannot drop the work. */
    private long sink;

    @Override
    public Integer call() throws IOException {
        if (warmup < 0 || iterations < 1) {
            throw new InvalidInputException("--warmup must be >= 0 and --iterations >= 1 (got " + warmup + ", "
                    + iterations + ")");
        }
        Path source = file != null ? file : ReferenceData.open(null).dir().resolve(DEFAULT_TABLE);
        ParticleTable table = ParticleFiles.read(source, null);
        byte[][] raw = columnBytes(table);
        long rawBytes = Arrays.stream(raw).mapToLong(b -> b.length).sum();
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("stilt-bench-particles");
        Path out = work.resolve("bench_particles.nc");
        PrintWriter w = spec.commandLine().getOut();
        w.println(String.format(Locale.ROOT, "particle file: %s, %d rows × %d columns (%.1f MB of values); median of %d"
                + " passes after %d warm-up; %s, %d cores", source.getFileName(), table.rowCount(),
                table.columnNames().size(), rawBytes / 1e6, iterations, warmup, Runtime.version(),
                Runtime.getRuntime().availableProcessors()));
        try {
            double write = median(() -> ParticleNetcdfWriter.write(table, out));
            long size = Files.size(out);
            byte[][] deflated = new byte[raw.length][];
            double deflate = median(() -> {
                for (int c = 0; c < raw.length; c++) {
                    deflated[c] = deflate(raw[c]);
                }
            });
            long deflatedBytes = Arrays.stream(deflated).mapToLong(b -> b.length).sum();
            double read = median(() -> sink += ParticleNetcdfReader.read(out, null).rowCount());
            double inflate = median(() -> {
                for (int c = 0; c < raw.length; c++) {
                    sink += inflate(deflated[c], raw[c].length);
                }
            });
            w.println(String.format(Locale.ROOT, "%-6s %9s %9s   %-44s %9s %7s", "step", "s", "MB/s", "baseline (same run)",
                    "s", "ratio"));
            w.println(String.format(Locale.ROOT, "%-6s %9.3f %9.0f   %-44s %9.3f %7.2f", "write", write,
                    rawBytes / 1e6 / write, "deflate level " + ParticleNetcdfWriter.DEFLATE_LEVEL
                            + " of every column (java.util.zip)", deflate, write / deflate));
            w.println(String.format(Locale.ROOT, "%-6s %9.3f %9.0f   %-44s %9.3f %7.2f", "read", read,
                    rawBytes / 1e6 / read, "inflate of those columns", inflate, read / inflate));
            w.println(String.format(Locale.ROOT, "file %.2f MB (%.3f of the values; plain deflate of the columns: %.3f)",
                    size / 1e6, (double) size / rawBytes, (double) deflatedBytes / rawBytes));
            w.println("ratio = ours / baseline (medians); the writer also shuffles the columns where that compresses"
                    + " better and writes through libnetcdf/HDF5 (docs/file-formats.md)");
            w.flush();
        } finally {
            Files.deleteIfExists(out);
            if (dir == null) {
                Files.deleteIfExists(work);
            }
        }
        return sink == Long.MIN_VALUE ? ExitCodes.INTERNAL : ExitCodes.OK;
    }

    /** Each column's values as little-endian bytes (as the file stores them). */
    private static byte[][] columnBytes(ParticleTable table) {
        byte[][] out = new byte[table.columnNames().size()][];
        int c = 0;
        for (String name : table.columnNames()) {
            double[] v = table.column(name);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(v.length * Double.BYTES)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.asDoubleBuffer().put(v);
            out[c++] = b.array();
        }
        return out;
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(ParticleNetcdfWriter.DEFLATE_LEVEL);
        try {
            d.setInput(data);
            d.finish();
            java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream(data.length / 4 + 64);
            byte[] buf = new byte[1 << 16];
            while (!d.finished()) {
                bos.write(buf, 0, d.deflate(buf));
            }
            return bos.toByteArray();
        } finally {
            d.end();
        }
    }

    private static long inflate(byte[] data, int length) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(data);
            byte[] out = new byte[length];
            int n = 0;
            while (!inf.finished() && n < length) {
                n += inf.inflate(out, n, length - n);
            }
            return n;
        } catch (DataFormatException e) {
            throw new IllegalStateException("inflating a column deflated in this run failed: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }

    /** Median seconds of {@code pass} over the timed passes, after the warm-up passes. */
    private double median(Runnable pass) {
        return BenchPasses.medianAndBestSeconds(warmup, iterations, pass)[0];
    }
}
