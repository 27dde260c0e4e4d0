package org.stilt.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.InvalidInputException;
import org.stilt.core.met.synth.SyntheticMetSpec;

/**
 * A met frame converted in row bands on several threads ({@link ArlFrameSource#setConversionThreads})
 * is the frame converted on one thread, byte for byte, on met where every column differs (terrain,
 * temperature, wind and heat flux vary with latitude and longitude), for full and partial regions,
 * bands that do not divide the rows, more bands than threads, and regions too small to split; and
 * a frame rebuilt after the met window grew (old points copied, new strips converted) is the frame
 * converted whole.
 */
class FrameConversionInPartsTest {

    private static final Instant T0 = Instant.parse("2021-06-01T00:00:00Z");

    @TempDir
    Path dir;

    private Path met() {
        SyntheticMetSpec spec = TransportTestMet.experimentDesign(T0, 1)
                .terrain(new SyntheticMetSpec.GaussianHill(300.0, 1200.0, 40.0, -103.0, 40.0))
                .wind(SyntheticMetSpec.Wind.uniform(6, 2)).build();
        return TransportTestMet.write(spec, dir, (name, level, time, lat, lon, value) -> switch (name) {
            case "TEMP" -> value + (float) (0.3 * Math.sin(lat * 7.0) * Math.cos(lon * 5.0));
            case "UWND" -> value + (float) (0.5 * (lat - 40.0) * level);
            case "SHTF" -> (float) (120.0 * Math.sin(lon * 3.0) + 40.0 * (lat - 40.0));
            case "PBLH" -> (float) (800.0 + 300.0 * Math.cos(lat * 4.0));
            default -> value;
        });
    }

    @Test
    void bandedFramesEqualOneThreadFrames() {
        Path met = met();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (ArlFrameSource one = TransportTestMet.source(met); ArlFrameSource many = TransportTestMet.source(met)) {
            int[][] regions = {null, {17, 9, 61, 37}, {100, 50, 12, 5}, {3, 4, 20, 3}};
            for (int[] region : regions) {
                for (int bands : new int[] {2, 3, 5, 40}) {
                    if (region != null) {
                        one.setRegion(region[0], region[1], region[2], region[3]);
                        many.setRegion(region[0], region[1], region[2], region[3]);
                    }
                    many.setConversionThreads(pool, bands);
                    for (Instant t : new Instant[] {T0, T0.plus(Duration.ofHours(1))}) {
                        KernelFrame a = one.frame(t);
                        KernelFrame b = many.frame(t);
                        String what = "region " + java.util.Arrays.toString(many.region()) + ", " + bands + " bands, " + t;
                        assertEquals(a.wy(), b.wy(), what);
                        assertEquals(a.buffer(), b.buffer(), what);
                    }
                    many.close();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void grownRegionFramesEqualFreshFrames() {
        // a frame needed again after the window grew is built from its old frame plus the new
        // strips: it must equal the frame converted whole on the grown region
        Path met = met();
        int[][][] growths = {
            {{40, 30, 20, 10}, {39, 29, 22, 12}},   // one point on every side (strips widened to 2)
            {{40, 30, 20, 10}, {40, 30, 35, 10}},   // east only
            {{40, 30, 20, 10}, {25, 12, 36, 28}},   // several points on every side
            {{40, 30, 20, 10}, {40, 30, 20, 11}},   // one row north
            {{0, 0, 30, 20}, {0, 0, 161, 81}},      // to the full grid
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int[][] g : growths) {
                for (int bands : new int[] {1, 2}) {
                    try (ArlFrameSource grown = TransportTestMet.source(met);
                         ArlFrameSource fresh = TransportTestMet.source(met)) {
                        grown.setConversionThreads(pool, bands);
                        grown.setRegion(g[0][0], g[0][1], g[0][2], g[0][3]);
                        grown.frame(T0);
                        grown.frame(T0.plus(Duration.ofHours(1)));
                        grown.setRegion(g[1][0], g[1][1], g[1][2], g[1][3]);
                        fresh.setRegion(g[1][0], g[1][1], g[1][2], g[1][3]);
                        for (Instant t : new Instant[] {T0, T0.plus(Duration.ofHours(1))}) {
                            assertEquals(fresh.frame(t).buffer(), grown.frame(t).buffer(),
                                    java.util.Arrays.deepToString(g) + ", " + bands + " bands, " + t);
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void framesDifferFromColumnToColumn() {
        // guards the test above: a banding that swapped or shifted rows would be invisible on
        // horizontally uniform met
        try (ArlFrameSource src = TransportTestMet.source(met())) {
            KernelFrame f = src.frame(T0);
            float a = f.get3(KernelFrame.F3_T, 30, 20, 3);
            float b = f.get3(KernelFrame.F3_T, 30, 21, 3);
            org.junit.jupiter.api.Assertions.assertNotEquals(a, b);
            java.util.Set<Float> depths = new java.util.HashSet<>();
            for (int j = 0; j < f.wy(); j++) {
                for (int i = 0; i < f.wx(); i++) {
                    depths.add(f.get2(KernelFrame.F2_MLHT, i, j));
                }
            }
            org.junit.jupiter.api.Assertions.assertTrue(depths.size() > 1000,
                    "KMIXD = 3 depths differ between columns: " + depths.size() + " distinct values");
        }
    }

    @Test
    void badBandsAndRowsAreRejected() {
        try (ArlFrameSource src = TransportTestMet.source(met())) {
            assertThrows(InvalidInputException.class, () -> src.setConversionThreads(null, 0));
            RawMetFrame raw = src.read(T0);
            assertThrows(IllegalArgumentException.class, () -> raw.rows(5, 6));
            assertThrows(IllegalArgumentException.class, () -> raw.rows(-1, 4));
            assertThrows(IllegalArgumentException.class, () -> raw.rows(0, raw.wy() + 1));
            assertThrows(IllegalArgumentException.class, () -> raw.window(raw.wx() - 1, 0, 2, 2));
            assertThrows(IllegalArgumentException.class, () -> raw.window(0, 0, 1, 5));
            KernelFrame full = new ProfileConverter(src.levels(), src.projection()).convert(raw);
            KernelFrame band = new ProfileConverter(src.levels(), src.projection()).convert(raw.rows(2, 6));
            KernelFrame other = new KernelFrame(full.x0() + 1, full.y0(), full.wx(), full.wy(), full.nz(), T0);
            assertThrows(IllegalArgumentException.class, () -> other.copyFrom(band));
        }
    }
}
