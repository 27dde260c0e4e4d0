package org.stilt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.stilt.core.StiltException;
import org.stilt.core.met.ArlField;
import org.stilt.core.met.ArlFile;
import org.stilt.core.met.ArlGrid;
import org.stilt.core.met.ArlWriter;
import org.stilt.core.met.VerticalCoordinate;

/**
 * Synthetic HRRR-size ARL files for {@code stilt bench met-window}: the HRRR grid (Lambert, 3 km,
 * 1799 × 1059), 50 σ levels, one hourly period per file, the surface and upper variables the
 * kernel reads (plus {@code MSLP} and {@code DIFW}) as smooth fields of realistic size: a mean plus
 * waves along x and y and their product, phases moving with level and hour.
 *
 * <p>Thread-safety: stateless; {@link #ensure} may run concurrently for different directories only.
 */
final class SyntheticHrrr {

    static final ArlGrid GRID = ArlGrid.conformal(38.5, 38.5, 262.5, 3.0, 21.138, -122.72, 1799, 1059);
    static final int LEVELS = 50;
    static final Instant START = Instant.parse("2019-05-30T00:00:00Z");
    /** name, mean, wave amplitude. */
    private static final Object[][] SURFACE = {{"SHGT", 1500.0, 1000.0}, {"PRSS", 850.0, 80.0},
        {"MSLP", 1013.0, 10.0}, {"T02M", 290.0, 10.0}, {"U10M", 0.0, 5.0}, {"V10M", 0.0, 5.0},
        {"PBLH", 1000.0, 800.0}, {"USTR", 0.4, 0.3}, {"SHTF", 100.0, 150.0}, {"LHTF", 80.0, 80.0},
        {"DSWF", 500.0, 400.0}, {"RGHS", 0.5, 0.4}};
    private static final String[] UPPER = {"TEMP", "UWND", "VWND", "WWND", "DIFW", "SPHU", "PRES"};

    private SyntheticHrrr() {
    }

    static double sigma(int level) {
        return 1.0 - 0.9 * Math.pow(level / (double) LEVELS, 1.5);
    }

    static Path file(Path dir, int hour) {
        return dir.resolve(String.format("synthetic_hrrr_%02d.arl", hour));
    }

    /** Writes the files that are missing or not as expected; returns how many were written. */
    static int ensure(Path dir, int hours) {
        int written = 0;
        for (int h = 0; h < hours; h++) {
            Path p = file(dir, h);
            if (Files.isRegularFile(p) && valid(p, h)) {
                continue;
            }
            write(p, h);
            written++;
        }
        return written;
    }

    private static boolean valid(Path p, int hour) {
        try {
            ArlFile f = ArlFile.open(p);
            return f.grid().equals(GRID) && f.periods().size() == 1 && f.firstTime().equals(START.plusSeconds(3600L * hour))
                    && f.periods().get(0).index().levelCount() == LEVELS + 1;
        } catch (StiltException e) {
            return false;
        }
    }

    private static void write(Path p, int hour) {
        double[] levels = new double[LEVELS + 1];
        levels[0] = 1.0;
        for (int k = 1; k <= LEVELS; k++) {
            levels[k] = sigma(k);
        }
        List<ArlField> fields = new ArrayList<>();
        for (int v = 0; v < SURFACE.length; v++) {
            double mean = (Double) SURFACE[v][1];
            double amp = (Double) SURFACE[v][2];
            fields.add(ArlField.of((String) SURFACE[v][0], 0, smooth(mean, amp, v, 0, v == 0 ? 0 : hour)));
        }
        for (int k = 1; k <= LEVELS; k++) {
            double s = levels[k];
            for (int v = 0; v < UPPER.length; v++) {
                float[] f = switch (UPPER[v]) {
                    case "TEMP" -> smooth(290.0 - 70.0 * (1 - s), 8.0, v, k, hour);
                    case "UWND" -> smooth(5.0 + 25.0 * (1 - s), 10.0, v, k, hour);
                    case "VWND" -> smooth(0.0, 10.0, v, k, hour);
                    case "WWND" -> smooth(0.0, 0.5, v, k, hour);
                    case "DIFW" -> smooth(0.0, 1e-4, v, k, hour);
                    case "SPHU" -> smooth(0.008 * s * s * s, 0.004 * s * s * s, v, k, hour);
                    default -> smooth(850.0 * s, 80.0 * s, v, k, hour);
                };
                fields.add(ArlField.of(UPPER[v], k, f));
            }
        }
        try (ArlWriter w = ArlWriter.create(p)) {
            w.writePeriod(new ArlWriter.PeriodHeader("HRRR", 0, START.plus(Duration.ofHours(hour)), GRID,
                    VerticalCoordinate.SIGMA, levels), fields);
        }
    }

    /** mean + amp·(0.5·sx + 0.3·sy + 0.2·sx·sy) with waves whose phase moves with variable, level and hour. */
    private static float[] smooth(double mean, double amp, int var, int level, int hour) {
        int nx = GRID.nx();
        int ny = GRID.ny();
        double phase = 0.7 * var + 0.11 * level + 0.05 * hour;
        double[] sx = new double[nx];
        double[] sy = new double[ny];
        for (int i = 0; i < nx; i++) {
            sx[i] = Math.sin(2 * Math.PI * 3.0 * i / nx + phase);
        }
        for (int j = 0; j < ny; j++) {
            sy[j] = Math.cos(2 * Math.PI * 2.0 * j / ny + 1.3 * phase);
        }
        float[] out = new float[nx * ny];
        for (int j = 0; j < ny; j++) {
            double y = 0.3 * sy[j];
            double xy = 0.2 * sy[j];
            int row = j * nx;
            for (int i = 0; i < nx; i++) {
                out[row + i] = (float) (mean + amp * (0.5 * sx[i] + y + xy * sx[i]));
            }
        }
        return out;
    }
}
