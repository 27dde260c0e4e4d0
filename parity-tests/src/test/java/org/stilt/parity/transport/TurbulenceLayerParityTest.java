package org.stilt.parity.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.transport.ArlFrameSource;
import org.stilt.core.transport.HannaTurbulence;
import org.stilt.core.transport.InternalLevels;
import org.stilt.core.transport.KernelFrame;
import org.stilt.core.transport.TransportTestMet;
import org.stilt.parity.ReferenceAccess;

/**
 * Experiment E4: the σ_w and T_Lw of every internal layer for 13 stability cases equal what
 * hycs_std printed (σ_w to its 3 decimals, T_Lw to 3e-4 relative), with ρ and T of the first
 * internal level taken from the experiment's met through our own met conversion. Tolerances in
 * {@code turbulence-parity.json} ("E4_layers").
 */
class TurbulenceLayerParityTest {

    @TempDir
    Path dir;

    @Test
    void e4LayerTablesMatchHycsStd() throws IOException {
        Path e4 = ReferenceAccess.referenceDir().resolve("hysplit-experiments/E4_turbulence_layers.json");
        Assumptions.assumeTrue(Files.isRegularFile(e4), "missing " + e4);
        JsonNode cfg;
        try (InputStream in = getClass().getResourceAsStream("/turbulence-parity.json")) {
            cfg = new ObjectMapper().readTree(in).get("E4_layers");
        }
        double sigwTol = cfg.get("sigw_abs").asDouble();
        double tlTol = cfg.get("tl_rel").asDouble();
        double z0 = cfg.get("roughness_m").asDouble();

        Instant t0 = Instant.parse("2021-06-01T00:00:00Z");
        Path met = TransportTestMet.write(TransportTestMet.experimentDesign(t0, 1).build(), dir);
        double rho;
        double temp;
        try (ArlFrameSource src = TransportTestMet.source(met)) {
            KernelFrame f = src.frame(t0);
            double[] g = src.projection().toGrid(40.0, -98.0).x() > 0
                    ? new double[] {src.projection().toGrid(40.0, -98.0).x(), src.projection().toGrid(40.0, -98.0).y()}
                    : null;
            int i = (int) Math.round(g[0]) - 1;
            int j = (int) Math.round(g[1]) - 1;
            rho = f.get3(KernelFrame.F3_RHO, i, j, 0);
            temp = f.get3(KernelFrame.F3_T, i, j, 0);
        }
        double[] levels = InternalLevels.forModelTop(25_000.0).heightsMeters();
        double[] sigw = new double[levels.length];
        double[] tl = new double[levels.length];
        double worstSigw = 0;
        double worstTl = 0;
        int compared = 0;
        for (JsonNode c : new ObjectMapper().readTree(e4.toFile()).get("cases")) {
            double ustar = c.get("ustar").asDouble();
            double shtf = c.get("shtf").asDouble();
            double zi = c.get("pblh").asDouble();
            HannaTurbulence.Stability s = HannaTurbulence.stability(ustar, shtf, rho, temp, zi);
            HannaTurbulence.layers(s, levels, z0, sigw, tl);
            for (JsonNode layer : c.get("layers")) {
                double zbot = layer.get("zbot").asDouble();
                int k = HannaTurbulence.layerOf(zbot + 1e-6, levels);
                double dSig = Math.abs(sigw[k] - layer.get("sigw_obs").asDouble());
                double dTl = Math.abs(tl[k] - layer.get("tl_obs").asDouble()) / layer.get("tl_obs").asDouble();
                worstSigw = Math.max(worstSigw, dSig);
                worstTl = Math.max(worstTl, dTl);
                compared++;
                String where = String.format(Locale.ROOT, "u*=%s H=%s zi=%s layer %s m: ours %.4f / %.4f s, hycs_std %s / %s",
                        ustar, shtf, zi, zbot, sigw[k], tl[k], layer.get("sigw_obs"), layer.get("tl_obs"));
                assertTrue(dSig <= sigwTol, "σ_w " + where);
                assertTrue(dTl <= tlTol, "T_Lw " + where);
            }
        }
        System.out.printf(Locale.ROOT, "E4: %d layers, max |Δσ_w| %.2e m/s, max relative ΔT_Lw %.2e (ρ %.5f, T %.3f)%n",
                compared, worstSigw, worstTl, rho, temp);
    }
}
