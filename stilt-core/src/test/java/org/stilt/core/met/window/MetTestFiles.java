package org.stilt.core.met.window;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.stilt.core.met.ArlField;
import org.stilt.core.met.ArlGrid;
import org.stilt.core.met.ArlWriter;
import org.stilt.core.met.VerticalCoordinate;

/** Small ARL files written with {@link ArlWriter} for the window tests. */
final class MetTestFiles {

    static final ArlGrid LAT_LON = ArlGrid.latLon(30.0, 250.0, 0.5, 0.5, 23, 17);
    static final ArlGrid LAMBERT = ArlGrid.conformal(38.5, 38.5, 262.5, 3.0, 40.1015, -112.91, 31, 27);
    static final List<String> SURFACE = List.of("SHGT", "PRSS", "USTR", "SHTF", "PBLH", "T02M");
    static final List<String> UPPER = List.of("UWND", "VWND", "WWND", "DIFW", "TEMP", "SPHU", "PRES");
    static final double[] SIGMA = {1.0, 0.995, 0.98, 0.95, 0.9};
    static final Instant T0 = Instant.parse("2019-05-30T00:00:00Z");

    private MetTestFiles() {
    }

    /** {@code periods} hourly periods from {@code start} with the default variables. */
    static Path write(Path file, ArlGrid g, Instant start, int periods) {
        return write(file, g, VerticalCoordinate.SIGMA, SIGMA, start, periods, Duration.ofHours(1), SURFACE, UPPER, 1);
    }

    static Path write(Path file, ArlGrid g, VerticalCoordinate vc, double[] levels, Instant start, int periods,
                      Duration step, List<String> surface, List<String> upper, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed ^ start.getEpochSecond());
        try (ArlWriter w = ArlWriter.create(file)) {
            for (int p = 0; p < periods; p++) {
                Instant t = start.plus(step.multipliedBy(p));
                List<ArlField> fields = new ArrayList<>();
                for (int v = 0; v < surface.size(); v++) {
                    fields.add(ArlField.of(surface.get(v), 0, field(g, v, 0, p, rnd, false)));
                }
                for (int k = 1; k < levels.length; k++) {
                    for (int v = 0; v < upper.size(); v++) {
                        fields.add(ArlField.of(upper.get(v), k,
                                field(g, v + 10, k, p, rnd, upper.get(v).startsWith("DIF"))));
                    }
                }
                w.writePeriod(new ArlWriter.PeriodHeader("TEST", 0, t, g, vc, levels), fields);
            }
        }
        return file;
    }

    /** A smooth field with noise, so that windows have non-trivial running sums. */
    static float[] field(ArlGrid g, int var, int level, int period, SplittableRandom rnd, boolean small) {
        float[] out = new float[g.points()];
        double scale = small ? 1e-3 : 1.0;
        for (int j = 0; j < g.ny(); j++) {
            for (int i = 0; i < g.nx(); i++) {
                double v = 100.0 * var + 10.0 * level + period
                        + 5.0 * Math.sin(0.3 * i + var) + 3.0 * Math.cos(0.2 * j + level) + rnd.nextDouble(0.5);
                out[j * g.nx() + i] = (float) (v * scale);
            }
        }
        return out;
    }
}
