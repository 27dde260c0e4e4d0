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
 * level. The density is that of the dry air, {@code (p − RH·e_s(T))/(R_d·T)}, with the relative
 * humidity interpolated from the data levels: exact on a file whose RELH is constant.
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
                // the dry air's density (p − e)/(R_d·T): e = e_s(T) where saturated; below, e = q·p/0.622
                // up to the relative humidity's interpolation between data levels (< 2e-5 here); the
                // former (1 − q)·p/(R_d·T_v) is 5–6e-5 higher on these levels
                // (levels next to the condensation level interpolate the relative humidity between
                // a saturated and an unsaturated data level)
                double es = Math.exp(21.4 - 5351.0 / t);
                double rhoSaturated = (p - es) * 100.0 / (287.04 * t);
                double rhoFileQ = (p - FILE_Q * p / 0.622) * 100.0 / (287.04 * t);
                double rho = f.get3(KernelFrame.F3_RHO, i, j, k);
                if (qs < 0.8 * FILE_Q) {
                    assertEquals(rhoSaturated, rho, 1e-6 * rho, at + ": density of saturated air");
                } else if (qs > 1.25 * FILE_Q) {
                    assertEquals(rhoFileQ, rho, 2e-5 * rho, at + ": density of the file's air");
                } else {
                    double rh = (p - rho * 287.04 * t / 100.0) / es;
                    assertTrue(rh >= 0.75 && rh <= 1.0 + 1e-4, at + ": relative humidity " + rh
                            + " implied by the density, expected between the data levels' (0.75..1)");
                }
                assertEquals(rho, ProfileConverter.density(p, t, f.get3(KernelFrame.F3_RH, i, j, k)), 1e-6 * rho,
                        at + ": the density of the frame's relative humidity");
                double rhoFile = p * 100.0 / (287.04 * t * (1.0 + 0.61 * FILE_Q));
                double w = -OMEGA_HPA_S * 100.0 / (rhoFile * ProfileConverter.HYCS_GRAVITY) / scale;
                assertEquals(w, f.get3(KernelFrame.F3_W, i, j, k), 1e-5 * w, at + ": w from the file's humidity");
            }
            assertTrue(saturated >= 5 && unsaturated >= 2, saturated + " saturated, " + unsaturated
                    + " unsaturated levels: the profile must cross its condensation level");
        }
    }

    @Test
    void densityIsTheDryAirsFromTheRelativeHumidity() {
        // pressure levels with RELH 60 % everywhere: the relative humidity interpolates exactly, so
        // every internal level's density is (p − 0.6·e_s(T))/(R_d·T) to float precision
        Path met = TransportTestMet.write(TransportTestMet.experimentDesign(T0, 1)
                .levels(org.stilt.core.met.synth.SyntheticMetSpec.Levels.standardPressure())
                .atmosphere(new org.stilt.core.met.synth.SyntheticMetSpec.Atmosphere(288.15, 6.5, 216.65, 0.0, 60.0))
                .build(), dir, (name, level, time, lat, lon, value) -> value);
        try (ArlFrameSource source = TransportTestMet.source(met)) {
            KernelFrame f = source.frame(T0);
            int i = f.wx() / 2;
            int j = f.wy() / 2;
            for (int k = 1; k < 20; k++) {
                double p = f.get3(KernelFrame.F3_P, i, j, k);
                double t = f.get3(KernelFrame.F3_T, i, j, k);
                double rho = (p - 0.6 * Math.exp(21.4 - 5351.0 / t)) * 100.0 / (287.04 * t);
                assertEquals(rho, f.get3(KernelFrame.F3_RHO, i, j, k), 1e-6 * rho, "level " + k);
                // the frame carries the relative humidity the kernels form the density from
                assertEquals(0.6, f.get3(KernelFrame.F3_RH, i, j, k), 1e-6, "level " + k + " relative humidity");
                // the former (1 − q)·p/(R_d·T_v) with q from RELH is 2–7e-5 away near the ground
            }
            assertEquals(ProfileConverter.density(1000.0, 290.0, 0.5),
                    (1000.0 - 0.5 * Math.exp(21.4 - 5351.0 / 290.0)) * 100.0 / (287.04 * 290.0), 1e-12);
            assertEquals(1.0, ProfileConverter.relativeHumidity(0.05, 290.0, 1000.0), 0.0, "capped at saturation");
            assertEquals(0.5, ProfileConverter.relativeHumidity(0.5 * 0.622 * Math.exp(21.4 - 5351.0 / 290.0) / 1000.0,
                    290.0, 1000.0), 1e-12);
        }
    }
}
