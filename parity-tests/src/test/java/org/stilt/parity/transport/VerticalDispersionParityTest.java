package org.stilt.parity.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.stilt.core.rng.ParticleStream;
import org.stilt.core.transport.HannaTurbulence;
import org.stilt.core.transport.InternalLevels;
import org.stilt.core.transport.VerticalDispersion;
import org.stilt.parity.ReferenceAccess;

/**
 * Experiment E12 (hysplit-reference §3.12): the vertical STILT dispersion alone, released at 5 m
 * in the E7 convective boundary layer, against hycs_std's E7 statistics (fraction below h,
 * cumulative minutes below h, median and 90th-percentile height) at the E12 checkpoints; bands in
 * {@code turbulence-parity.json}.
 */
class VerticalDispersionParityTest {

    @Test
    void convectiveGroundReleaseMatchesHycsStd() throws IOException {
        Path e12 = ReferenceAccess.referenceDir().resolve("hysplit-experiments/E12_spec_scheme_vs_hycs.json");
        Assumptions.assumeTrue(Files.isRegularFile(e12), "missing " + e12);
        JsonNode cfg;
        try (InputStream in = getClass().getResourceAsStream("/turbulence-parity.json")) {
            cfg = new ObjectMapper().readTree(in).get("E12_vertical_convective");
        }
        int n = cfg.get("particles").asInt();
        double[] levels = InternalLevels.forModelTop(25_000.0).heightsMeters();
        HannaTurbulence.Stability s = HannaTurbulence.stability(0.3, 100.0, 1.20787, 288.085, 1000.0);
        double[] sig = new double[levels.length];
        double[] tl = new double[levels.length];
        HannaTurbulence.layers(s, levels, 0.75, sig, tl);
        double h = 500.0;
        VerticalDispersion.Particle[] ps = new VerticalDispersion.Particle[n];
        ParticleStream[] rng = new ParticleStream[n];
        for (int i = 0; i < n; i++) {
            ps[i] = new VerticalDispersion.Particle();
            ps[i].z = 5.0;
            rng[i] = new ParticleStream(2021L, 7L, i);
            ps[i].w = sig[0] * rng[i].normal(ps[i].draw++);
        }
        double cumSamt = 0;
        int minute = 0;
        StringBuilder report = new StringBuilder();
        boolean ok = true;
        for (JsonNode row : new ObjectMapper().readTree(e12.toFile()).get("cases").get("convective")) {
            int t = Math.abs(row.get("t_min").asInt());
            while (minute < t) {
                for (int i = 0; i < n; i++) {
                    VerticalDispersion.minute(ps[i], levels, sig, tl, h, 0.1, rng[i]);
                    cumSamt += ps[i].samtSeconds / 60.0 / n;
                }
                minute++;
            }
            double[] z = new double[n];
            int below = 0;
            for (int i = 0; i < n; i++) {
                z[i] = ps[i].z;
                if (z[i] < h) {
                    below++;
                }
            }
            Arrays.sort(z);
            double frac = below / (double) n;
            double p50 = quantile(z, 0.5);
            double p90 = quantile(z, 0.9);
            double hf = row.get("hycs_frac_below_h").asDouble();
            double hc = row.get("hycs_cum_samt").asDouble();
            double h50 = row.get("hycs_z_p50").asDouble();
            double h90 = row.get("hycs_z_p90").asDouble();
            boolean pass = Math.abs(frac - hf) <= cfg.get("frac_abs").asDouble()
                    && Math.abs(cumSamt - hc) <= cfg.get("cum_samt_rel").asDouble() * hc
                    && Math.abs(p50 - h50) <= cfg.get("p50_rel").asDouble() * h50
                    && Math.abs(p90 - h90) <= cfg.get("p90_rel").asDouble() * h90;
            ok &= pass;
            report.append(String.format(Locale.ROOT, "t=%4d frac %.4f/%.4f cum %.2f/%.2f p50 %.1f/%.1f p90 %.1f/%.1f %s%n",
                    -t, frac, hf, cumSamt, hc, p50, h50, p90, h90, pass ? "ok" : "OUT"));
        }
        System.out.print("E12 (ours/hycs_std):\n" + report);
        assertTrue(ok, "E12 convective statistics outside their bands:\n" + report);
    }

    /** R's default (type 7) quantile of sorted values. */
    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
