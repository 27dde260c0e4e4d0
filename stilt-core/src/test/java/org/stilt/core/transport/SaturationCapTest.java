package org.stilt.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The converted frame caps the humidity at saturation, as hycs_std does (docs/transport.md "Met on
 * the internal levels"): on a column with SPHU = 0.008 at every level and T falling 6.5 K/km, the
 * internal levels above the condensation level hold {@code q = 0.622·e_s(T)/p} and the density of
 * that saturated air, those below the file's q; the vertical velocity uses the file's q on every
 * level.
 */
class SaturationCapTest {

    private static final Instant T0 = Instant.parse("2021-06-01T00:00:00Z");
    private static final double FILE_Q = 0.008;
    private static final double OMEGA_HPA_S = -0.01;

    @TempDir
    Path dir;

    @Test
    void humidityAboveTheCondensationLevelIsSaturatedAndWUsesTheFileHumidity() {
        Path met = TransportTestMet.write(TransportTestMet.experimentDesign(T0, 1).build(), dir,
                (name, level, time, lat, lon, value) -> switch (name) {
                    case "SPHU" -> (float) FILE_Q;
                    case "WWND" -> (float) OMEGA_HPA_S;
                    default -> value;
                });
        try (ArlFrameSource source = TransportTestMet.source(met)) {
            KernelFrame f = source.frame(T0);
            int i = f.wx() / 2;
            int j = f.wy() / 2;
            double scale = (source.levels().modelTopMeters() - f.get2(KernelFrame.F2_ZSFC, i, j))
                    / source.levels().modelTopMeters();
            int saturated = 0;
            int unsaturated = 0;
            // from level 3 up ω is the file's everywhere (the surface point's ω = 0 enters below);
            // T and p are the frame's floats, so q_s is recomputed to ~1e-6 (tolerance 1e-5)
            for (int k = 3; k < 16; k++) {
                double p = f.get3(KernelFrame.F3_P, i, j, k);
                double t = f.get3(KernelFrame.F3_T, i, j, k);
                double qs = 0.622 * Math.exp(21.4 - 5351.0 / t) / p;
                double q = f.get3(KernelFrame.F3_Q, i, j, k);
                String at = "level " + k + " (p " + p + " hPa, T " + t + " K)";
                if (qs < FILE_Q) {
                    saturated++;
                    assertEquals(qs, q, 1e-5 * qs, at + ": saturation humidity");
                } else {
                    unsaturated++;
                    assertEquals(FILE_Q, q, 1e-9, at + ": the file's humidity");
                }
                double rho = (1.0 - q) * p * 100.0 / (287.04 * t * (1.0 + 0.61 * q));
                assertEquals(rho, f.get3(KernelFrame.F3_RHO, i, j, k), 1e-5 * rho, at + ": density of that air");
                double rhoFile = p * 100.0 / (287.04 * t * (1.0 + 0.61 * FILE_Q));
                double w = -OMEGA_HPA_S * 100.0 / (rhoFile * ProfileConverter.HYCS_GRAVITY) / scale;
                assertEquals(w, f.get3(KernelFrame.F3_W, i, j, k), 1e-5 * w, at + ": w from the file's humidity");
            }
            assertTrue(saturated >= 5 && unsaturated >= 2, saturated + " saturated, " + unsaturated
                    + " unsaturated levels: the profile must cross its condensation level");
        }
    }
}
