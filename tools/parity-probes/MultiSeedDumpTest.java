package org.stilt.parity.stochastic;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.stilt.core.met.ArlFile;
import org.stilt.core.particles.ParticleTable;
import org.stilt.core.transport.*;
import org.stilt.parity.ReferenceAccess;

/**
 * Scratch probe (tools/parity-probes/README.md), not part of the build: the first
 * -Dstilt.msmin minutes of our ensemble of a stochastic reference case for -Dstilt.msseeds seeds
 * (1000, 1001, ...) as CSV. Copy into parity-tests/src/test/java/org/stilt/parity/stochastic/.
 * Thread-safety: single-threaded test.
 */
class MultiSeedDumpTest {
    @Test
    void dump() throws Exception {
        String o = System.getProperty("stilt.msdump");
        Assumptions.assumeTrue(o != null);
        String name = System.getProperty("stilt.mscase", "sto_omega_kmixd0_12h");
        int seeds = Integer.getInteger("stilt.msseeds", 20);
        long minutes = Long.getLong("stilt.msmin", 3);
        StochasticCase c = StochasticCase.load(ReferenceAccess.referenceDir().resolve("transport/stochastic/" + name));
        TransportKernel kernel = StochasticTransportParityTest.kernels(c.zTop()).get(0);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(o)))) {
            w.println("seed,time,indx,zagl,tlgr");
            for (int s = 0; s < seeds; s++) {
                TrajectoryRequest r0 = StochasticTransportParityTest.request(c);
                TurbulenceOptions t0 = r0.turbulence();
                TurbulenceOptions t = new TurbulenceOptions(t0.enabled(), 1000L + s, 1L, t0.tlfrac(), t0.hscaleSeconds(), t0.veght(), t0.z0Meters(), t0.errors(), t0.ziScale());
                TrajectoryRequest r = new TrajectoryRequest(r0.runTime(), r0.latitude(), r0.longitude(), r0.zaglBottomMeters(), r0.zaglTopMeters(), r0.hours(), r0.particleCount(), r0.releaseHeightsMeters(), 1000L + s, r0.verticalMotion(), r0.modelTopMeters(), t, r0.heightsAboveSeaLevel());
                List<ArlFile> met = new ArrayList<>();
                for (Path p : c.metFiles()) met.add(ArlFile.open(p));
                ParticleTable tab;
                try (ArlFrameSource source = new ArlFrameSource(met, c.zTop())) {
                    tab = new TrajectoryRunner(kernel).withMixedLayer(StochasticTransportParityTest.mixedLayer(c)).run(r, source, minutes).particles();
                }
                double[] time = tab.column("time"), indx = tab.column("indx"), z = tab.column("zagl"), tl = tab.column("tlgr");
                for (int i = 0; i < time.length; i++) w.println(s + "," + (int) time[i] + "," + (int) indx[i] + "," + z[i] + "," + tl[i]);
            }
        }
    }
}
