package org.stilt.parity.transport;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.stilt.core.met.ArlFile;
import org.stilt.core.met.GridProjection;
import org.stilt.core.particles.ParticleCsvReader;
import org.stilt.core.particles.ParticleTable;
import org.stilt.core.transport.ArlFrameSource;
import org.stilt.core.transport.KernelFrame;
import org.stilt.parity.ReferenceAccess;
import org.stilt.parity.stochastic.StochasticCase;

/**
 * Scratch tool for the KMIXD = 3 fit (docs/transport.md "Mixed-layer depth"), not part of the
 * build: dumps, for E10, the deterministic references' particle rows and the stochastic references'
 * checkpoints whose mlht_mean has no run-to-run spread, the two bracketing grid columns (frame
 * values at the nearest grid point: terrain, fluxes, first-level rho and T, theta, q, u, v, T, p per
 * internal level) and hycs_std's mlht with the time weight (middle of the step). fit_kmixd3.py
 * reads the dump and fits the form.
 *
 * <p>Run: copy into parity-tests/src/test/java/org/stilt/parity/transport/, then
 * {@code scripts/mvn -q -o -pl parity-tests -am verify -Dtest=MlhtDumpTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true -Dstilt.mlhtdump=/tmp/mlht}.
 * Thread-safety: single-threaded test.
 */
class MlhtDumpTest {
    Map<String, Integer> colIds = new HashMap<>();
    PrintWriter cols;
    PrintWriter samples;

    @Test
    void dump() throws Exception {
        String out = System.getProperty("stilt.mlhtdump");
        Assumptions.assumeTrue(out != null);
        Path o = Path.of(out);
        Files.createDirectories(o);
        cols = new PrintWriter(Files.newBufferedWriter(o.resolve("columns.csv")));
        samples = new PrintWriter(Files.newBufferedWriter(o.resolve("samples.csv")));
        Path sto = ReferenceAccess.referenceDir().resolve("transport/stochastic");
        for (String name : List.of("sto_lcc_day_kmixd3", "sto_tvar_day_kmixd3", "sto_plev_24h", "sto_hrrr_column_5_1000m",
                "sto_tvar_night_kmixd3")) {
            StochasticCase c = StochasticCase.load(sto.resolve(name));
            var st = c.statistics().get("mlht_mean");
            int[] cps = c.checkpoints();
            java.util.List<double[]> rows = new java.util.ArrayList<>();
            for (int k = 0; k < cps.length; k++) {
                if (st.sdBetween()[k] < 1e-3) {
                    rows.add(new double[] {cps[k], st.ref()[k]});
                }
            }
            int n = rows.size();
            double[] tt = new double[n], lo = new double[n], la = new double[n], ml = new double[n];
            for (int r = 0; r < n; r++) {
                tt[r] = rows.get(r)[0];
                ml[r] = rows.get(r)[1];
                lo[r] = c.longitude();
                la[r] = c.latitude();
            }
            List<ArlFile> files = new java.util.ArrayList<>();
            for (Path p : c.metFiles()) {
                files.add(ArlFile.open(p));
            }
            run(name, c.runTime(), files, c.zTop(), tt, lo, la, ml);
        }
        Path det = ReferenceAccess.referenceDir().resolve("transport/deterministic");
        for (String name : List.of("det_lcc_column_24h", "det_tvar_column_24h", "det_omega_column_24h",
                "det_plev_column_36h", "det_wide_grid_column_12h", "det_hrrr_point_5m_11h", "det_hrrr_column_11h")) {
            DeterministicCase c = DeterministicCase.load(det.resolve(name));
            int im = c.columns.indexOf("mlht");
            int n = c.rows.size();
            double[] tt = new double[n], lo = new double[n], la = new double[n], ml = new double[n];
            int r = 0;
            for (double[] row : c.rows.values()) {
                tt[r] = row[DeterministicCase.TIME];
                lo[r] = row[DeterministicCase.LONG];
                la[r] = row[DeterministicCase.LATI];
                ml[r] = row[im];
                r++;
            }
            run(name, c.runTime, c.openMet(), c.zTop, tt, lo, la, ml);
        }
        e10();
        cols.close();
        samples.close();
    }

    private void e10() throws Exception {
        Path e10 = ReferenceAccess.referenceDir().resolve("hysplit-experiments/E10_kmixd3.json");
        Instant t0 = Instant.parse("2021-06-01T00:00:00Z");
        Path dir = Files.createTempDirectory("e10");
        int row = 0;
        for (var node : new com.fasterxml.jackson.databind.ObjectMapper().readTree(e10.toFile()).get("rows")) {
            double lapse = node.get("lapse_K_per_m").asDouble();
            Path d = Files.createDirectories(dir.resolve("lapse" + lapse + "_" + row++));
            var spec = org.stilt.core.transport.TransportTestMet.experimentDesign(t0, 1)
                    .atmosphere(new org.stilt.core.met.synth.SyntheticMetSpec.Atmosphere(288.15, 1000.0 * lapse, 216.65,
                            0.0, 0.0)).build();
            try (ArlFrameSource src = org.stilt.core.transport.TransportTestMet.source(
                    org.stilt.core.transport.TransportTestMet.write(spec, d))) {
                KernelFrame f = src.frame(t0);
                var g = src.projection().toGrid(40.0, -98.0);
                int i = (int) Math.round(g.x()) - 1;
                int j = (int) Math.round(g.y()) - 1;
                StringBuilder lv = new StringBuilder("levels,E10");
                for (double v : src.levels().heightsMeters()) {
                    lv.append(',').append(v);
                }
                cols.println(lv);
                Map<Instant, KernelFrame> frames = new HashMap<>();
                frames.put(t0, f);
                int id = column("E10r" + row, src, frames, t0, i, j);
                // fluxes of the row, not the file's
                samples.printf(Locale.ROOT, "E10,%d,%d,%d,0,%.4f,%s,%s%n", row, id, id, node.get("mlht").asDouble(),
                        node.get("shtf").asText(), node.get("ustar").asText());
            }
        }
    }

    private void run(String name, Instant runTime, List<ArlFile> files, double zTop, double[] time, double[] lon,
                     double[] lat, double[] mlht) {
        try (ArlFrameSource src = new ArlFrameSource(files, zTop)) {
            GridProjection p = src.projection();
            Duration step = src.interval();
            double[] z = src.levels().heightsMeters();
            StringBuilder lv = new StringBuilder("levels," + name);
            for (double v : z) {
                lv.append(',').append(v);
            }
            cols.println(lv);
            Map<String, Boolean> seen = new HashMap<>();
            Map<Instant, KernelFrame> frames = new HashMap<>();
            for (int r = 0; r < time.length; r++) {
                int tm = (int) time[r];
                Instant t = runTime.plus(Duration.ofSeconds(tm * 60L + (tm < 0 ? 30 : -30)));
                long sinceFirst = Duration.between(src.firstTime(), t).getSeconds();
                long stepS = step.getSeconds();
                Instant ta = src.firstTime().plusSeconds(Math.floorDiv(sinceFirst, stepS) * stepS);
                Instant tb = ta.plus(step);
                double w = (double) Duration.between(ta, t).getSeconds() / stepS;
                var g = p.toGrid(lat[r], lon[r]);
                int i = (int) Math.floor(g.x() - 1 + 0.5);
                int j = (int) Math.floor(g.y() - 1 + 0.5);
                String key = tm + ":" + i + ":" + j;
                if (seen.put(key, true) != null) {
                    continue;
                }
                if (!src.has(tb)) {
                    continue;
                }
                int a = column(name, src, frames, ta, i, j);
                int b = column(name, src, frames, tb, i, j);
                samples.printf(Locale.ROOT, "%s,%d,%d,%d,%.10f,%.4f%n", name, tm, a, b, w, mlht[r]);
            }
        }
    }

    private int column(String name, ArlFrameSource src, Map<Instant, KernelFrame> frames, Instant t, int i, int j) {
        String key = name + "|" + t + "|" + i + "|" + j;
        Integer id = colIds.get(key);
        if (id != null) {
            return id;
        }
        id = colIds.size();
        colIds.put(key, id);
        KernelFrame f = frames.get(t);
        if (f == null) {
            if (frames.size() > 4) {
                frames.clear();
            }
            f = src.frame(t);
            frames.put(t, f);
        }
        int ci = i - f.x0();
        int cj = j - f.y0();
        StringBuilder s = new StringBuilder();
        s.append("col,").append(id).append(',').append(name).append(',').append(t).append(',').append(i).append(',')
                .append(j);
        for (int k : new int[] {KernelFrame.F2_ZSFC, KernelFrame.F2_SHTF, KernelFrame.F2_USTR, KernelFrame.F2_PBLH,
            KernelFrame.F2_MLHT}) {
            s.append(',').append(f.get2(k, ci, cj));
        }
        s.append(',').append(f.get3(KernelFrame.F3_RHO, ci, cj, 0)).append(',').append(f.get3(KernelFrame.F3_T, ci, cj, 0));
        for (int v : new int[] {KernelFrame.F3_THETA, KernelFrame.F3_Q, KernelFrame.F3_U, KernelFrame.F3_V,
            KernelFrame.F3_T, KernelFrame.F3_P}) {
            for (int k = 0; k < f.nz(); k++) {
                s.append(',').append(f.get3(v, ci, cj, k));
            }
        }
        cols.println(s);
        return id;
    }
}
