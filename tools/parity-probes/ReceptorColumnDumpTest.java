package org.stilt.parity.transport;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.stilt.core.met.ArlFile;
import org.stilt.core.transport.ArlFrameSource;
import org.stilt.core.transport.KernelFrame;
import org.stilt.parity.ReferenceAccess;
import org.stilt.parity.stochastic.StochasticCase;

/**
 * Scratch probe (tools/parity-probes/README.md), not part of the build: for each stochastic case,
 * hycs_std's first-minute foot, mlht, samt and dens means, and our internal-level column (height,
 * p, T, q, density, theta) at the receptor's nearest grid point in the two frames around t = -0.5
 * min with their time weights; then the same for experiment E5's met. column_mass_fit.py reads it.
 * Copy into parity-tests/src/test/java/org/stilt/parity/transport/. Thread-safety: single-threaded test.
 */
class ReceptorColumnDumpTest {
    private PrintWriter out;

    @Test
    void dump() throws Exception {
        String o = System.getProperty("stilt.ddump");
        Assumptions.assumeTrue(o != null);
        out = new PrintWriter(Files.newBufferedWriter(Path.of(o)));
        Path sto = ReferenceAccess.referenceDir().resolve("transport/stochastic");
        for (String name : List.of("sto_lcc_day_kmixd3", "sto_tvar_day_kmixd3", "sto_tvar_night_kmixd3", "sto_plev_24h",
                "sto_omega_kmixd0_12h", "sto_hrrr_point_5m_kmixd0")) {
            StochasticCase c = StochasticCase.load(sto.resolve(name));
            int[] cps = c.checkpoints();
            int at = -1;
            for (int k = 0; k < cps.length; k++) {
                if (cps[k] == -1) {
                    at = k;
                }
            }
            out.printf(Locale.ROOT, "case,%s,%.10g,%.10g,%.10g,%.10g%n", name, c.statistics().get("foot_mean").ref()[at],
                    c.statistics().get("mlht_mean").ref()[at], c.statistics().get("samt_mean").ref()[at],
                    c.statistics().get("dens_mean").ref()[at]);
            List<ArlFile> files = new ArrayList<>();
            for (Path p : c.metFiles()) {
                files.add(ArlFile.open(p));
            }
            column(files, c.zTop(), c.runTime().minusSeconds(30), c.latitude(), c.longitude(), name);
        }
        Instant t0 = Instant.parse("2021-06-01T00:00:00Z");
        var spec = org.stilt.core.transport.TransportTestMet.experimentDesign(t0, 1).build();
        Path met = org.stilt.core.transport.TransportTestMet.write(spec, Files.createTempDirectory("e5"));
        out.printf(Locale.ROOT, "case,E5,0,0,0,0%n");
        column(List.of(ArlFile.open(met)), 25000.0, t0.plusSeconds(1800), 40.0, -98.0, "E5");
        out.close();
    }

    private void column(List<ArlFile> files, double zTop, Instant t, double lat, double lon, String name) {
        try (ArlFrameSource src = new ArlFrameSource(files, zTop)) {
            long stepS = src.interval().getSeconds();
            long sinceFirst = Duration.between(src.firstTime(), t).getSeconds();
            Instant ta = src.firstTime().plusSeconds(Math.floorDiv(sinceFirst, stepS) * stepS);
            double w = (double) Duration.between(ta, t).getSeconds() / stepS;
            var g = src.projection().toGrid(lat, lon);
            int i = (int) Math.floor(g.x() - 1 + 0.5);
            int j = (int) Math.floor(g.y() - 1 + 0.5);
            double[] z = src.levels().heightsMeters();
            for (Instant tt : List.of(ta, ta.plusSeconds(stepS))) {
                if (!src.has(tt)) {
                    continue;
                }
                KernelFrame f = src.frame(tt);
                int ci = i - f.x0();
                int cj = j - f.y0();
                out.printf(Locale.ROOT, "frame,%s,%s,%.6f,%.4f,%.4f,%.4f%n", name, tt, tt.equals(ta) ? 1 - w : w,
                        f.get2(KernelFrame.F2_ZSFC, ci, cj), f.get2(KernelFrame.F2_MLHT, ci, cj),
                        f.get2(KernelFrame.F2_PBLH, ci, cj));
                for (int k = 0; k < f.nz(); k++) {
                    out.printf(Locale.ROOT, "lev,%s,%d,%.6f,%.9g,%.9g,%.9g,%.9g,%.9g%n", name, k, z[k],
                            f.get3(KernelFrame.F3_P, ci, cj, k), f.get3(KernelFrame.F3_T, ci, cj, k),
                            f.get3(KernelFrame.F3_Q, ci, cj, k), f.get3(KernelFrame.F3_RHO, ci, cj, k),
                            f.get3(KernelFrame.F3_THETA, ci, cj, k));
                }
            }
        }
    }
}
