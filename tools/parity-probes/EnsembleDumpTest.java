package org.stilt.parity.stochastic;

import java.nio.file.Path;
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
        org.stilt.core.particles.ParticleCsvWriter.write(t.select(java.util.List.of("time", "indx", "long", "lati", "zagl", "sigw", "tlgr", "mlht", "dens", "foot")), Path.of(o));
    }
}
