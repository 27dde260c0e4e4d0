package org.stilt.parity.stochastic;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.stilt.core.particles.ParticleTable;
import org.stilt.core.transport.TransportKernel;
import org.stilt.parity.ReferenceAccess;

/**
 * Scratch probe (tools/parity-probes/README.md), not part of the build: writes the first
 * -Dstilt.sigwmin minutes (default 40) of our ensemble for a stochastic reference case as CSV.
 * Copy into parity-tests/src/test/java/org/stilt/parity/stochastic/. Thread-safety: single-threaded test.
 */
class EnsembleDumpTest {
    @Test
    void dump() throws Exception {
        String o = System.getProperty("stilt.sigwdump");
        Assumptions.assumeTrue(o != null);
        String name = System.getProperty("stilt.sigwcase", "sto_hrrr_column_5_1000m");
        StochasticCase c = StochasticCase.load(ReferenceAccess.referenceDir().resolve("transport/stochastic/" + name));
        TransportKernel kernel = StochasticTransportParityTest.kernels(c.zTop()).get(0);
        ParticleTable t = StochasticTransportParityTest.runCase(c, kernel, Long.getLong("stilt.sigwmin", 40));
        String[] cols = {"time", "indx", "long", "lati", "zagl", "sigw", "tlgr", "mlht", "dens", "foot"};
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(o)))) {
            w.println(String.join(",", cols));
            double[][] v = new double[cols.length][];
            for (int k = 0; k < cols.length; k++) {
                v[k] = t.column(cols[k]);
            }
            for (int r = 0; r < v[0].length; r++) {
                StringBuilder s = new StringBuilder();
                for (int k = 0; k < cols.length; k++) {
                    s.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.7g", v[k][r]));
                }
                w.println(s);
            }
        }
    }
}
