package org.stilt.core.met;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small valid ARL files written with {@link ArlWriter}, for reader tests. */
final class ArlTestFiles {

    static final Instant T0 = Instant.parse("2019-05-30T00:00:00Z");

    private ArlTestFiles() {
    }

    /** Level values typical of each vertical coordinate (surface first). */
    static double[] levels(VerticalCoordinate vc, int nz) {
        double[] v = new double[nz];
        for (int k = 0; k < nz; k++) {
            v[k] = switch (vc) {
                case SIGMA, WRF -> k == 0 ? 1.0 : 1.0 - 0.05 * k;
                case PRESSURE -> k == 0 ? 0.0 : 1000.0 - 50.0 * k;
                case TERRAIN -> k == 0 ? 0.0 : 10.0 * k * k;
                case HYBRID -> k == 0 ? 0.0 : 100.0 * k + 0.25;
            };
        }
        return v;
    }

    /** A smooth test value of a variable at a grid point, level and period. */
    static float value(String variable, int level, int period, int i, int j) {
        double base = switch (variable) {
            case "PRSS" -> 850.0;
            case "SHGT" -> 1500.0;
            case "TEMP" -> 290.0 - 2.0 * level;
            case "DIFW" -> 0.0;
            default -> 0.0;
        };
        double wave = Math.sin(0.3 * i + 0.2 * period + variable.charAt(0)) * Math.cos(0.25 * j + level);
        return (float) (variable.startsWith("DIF") ? 1e-4 * wave : base + 5.0 * wave);
    }

    /**
     * Writes {@code periods} hourly periods on {@code grid}: level 0 holds SHGT and PRSS; upper
     * levels hold UWND, VWND, WWND (+ DIFW) and TEMP.
     */
    static Path write(Path file, ArlGrid grid, VerticalCoordinate vc, int nz, int periods) {
        double[] levels = levels(vc, nz);
        try (ArlWriter w = ArlWriter.create(file)) {
            for (int p = 0; p < periods; p++) {
                List<ArlField> fields = new ArrayList<>();
                for (int k = 0; k < nz; k++) {
                    List<String> names = k == 0 ? List.of("SHGT", "PRSS") : List.of("UWND", "VWND", "WWND", "DIFW", "TEMP");
                    for (String n : names) {
                        fields.add(ArlField.of(n, k, field(grid, n, k, p)));
                    }
                }
                w.writePeriod(new ArlWriter.PeriodHeader("TEST", 0, T0.plus(Duration.ofHours(p)), grid, vc, levels),
                        fields);
            }
        }
        return file;
    }

    static float[] field(ArlGrid grid, String variable, int level, int period) {
        float[] f = new float[grid.points()];
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                f[j * grid.nx() + i] = value(variable, level, period, i, j);
            }
        }
        return f;
    }

    /** A 7 × 6 Lambert grid (42 points: its index header spans two records). */
    static ArlGrid tinyGrid() {
        return ArlGrid.conformal(38.5, 38.5, 262.5, 3.0, 40.1015, -112.91, 7, 6);
    }

    /** A 12 × 10 lat/lon grid (120 points: header in one record, catalogue in several). */
    static ArlGrid smallGrid() {
        return ArlGrid.latLon(35.0, 250.0, 0.25, 0.25, 12, 10);
    }
}
