package org.stilt.core.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.met.synth.SyntheticMetSpec;

/**
 * The vertical turbulent velocity follows the layer's σ_w when the layer's turbulence changes in
 * time (docs/transport.md, "Vertical dispersion"; docs/parity.md, "The vertical turbulent velocity
 * is carried normalized"): in a backward run across the morning growth of a convective mixed layer
 * (PBLH 1600 m at 12 UTC, 150 m at 06 UTC), a particle whose layer the collapsing top turns into free
 * troposphere (σ_w 0.01 m/s) stops within a minute instead of coasting on its convective w′
 * (≈ 1 m/s, T_L = 100 s: tens of metres per minute). {@code sto_lcc_day_kmixd3}'s footprint total
 * depends on it.
 *
 * <p>Thread-safety: JUnit creates one instance per test method; not shared.
 */
class CollapsingMixedLayerTest {

    @TempDir
    Path dir;

    /** Convective all day (SHTF 100 W/m²), PBLH 150 m at 06 UTC growing to 1600 m at 12 UTC (cosine). */
    private static SyntheticMetSpec morningGrowth() {
        SyntheticMetSpec.DiurnalRange constant = SyntheticMetSpec.DiurnalRange.constant(100);
        return TransportTestMet.experimentDesign(Instant.parse("2021-07-15T00:00:00Z"), 13)
                .surface(new SyntheticMetSpec.Surface(new SyntheticMetSpec.DiurnalRange(150, 1600), constant,
                        SyntheticMetSpec.DiurnalRange.constant(50), SyntheticMetSpec.DiurnalRange.constant(0.35),
                        SyntheticMetSpec.DiurnalRange.constant(400), 1000.0, false))
                .diurnal(new SyntheticMetSpec.Diurnal(0.0, 12.0))
                .build();
    }

    @Test
    void particlesLeftBehindByTheCollapsingTopStop() {
        Path met = TransportTestMet.write(morningGrowth(), dir);
        int n = 1000;
        SplittableRandom random = new SplittableRandom(99);
        double[] heights = IntStream.range(0, n).mapToDouble(i -> random.nextDouble() * 1500.0).toArray();
        TrajectoryResult r = TransportTestMet.runTurbulentColumn(met, Instant.parse("2021-07-15T12:00:00Z"), -7,
                heights, 11L);
        List<Double> moves = new ArrayList<>();
        for (int p = 1; p <= n; p++) {
            int[] rows = TransportTestMet.rowsOf(r, p);
            for (int k = 0; k + 2 < rows.length; k++) {
                double s0 = TransportTestMet.value(r, "sigw", rows[k]);
                double s1 = TransportTestMet.value(r, "sigw", rows[k + 1]);
                double s2 = TransportTestMet.value(r, "sigw", rows[k + 2]);
                if (s0 > 0.1 && s1 == HannaTurbulence.FREE_SIGMA_W && s2 == HannaTurbulence.FREE_SIGMA_W) {
                    moves.add(Math.abs(TransportTestMet.value(r, "zagl", rows[k + 2])
                            - TransportTestMet.value(r, "zagl", rows[k + 1])));
                }
            }
        }
        double[] m = moves.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        assertTrue(m.length >= 50, "only " + m.length + " particles were left behind by the collapsing top");
        double median = m[m.length / 2];
        double p90 = m[(int) (0.9 * m.length)];
        System.out.printf("collapsing mixed layer: %d particles left behind; |dz| in the next minute: median %.3f m, "
                + "p90 %.3f m%n", m.length, median, p90);
        // normalized w′: ~0.01 m/s·60 s; coasting on a convective w′ moves tens of metres
        assertTrue(median < 2.0, "median move " + median + " m in the minute after the layer turned free; "
                + Arrays.toString(Arrays.copyOf(m, Math.min(10, m.length))));
        assertTrue(p90 < 5.0, "90th percentile move " + p90 + " m in the minute after the layer turned free");
    }
}
