package org.stilt.parity.transport;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.stilt.core.particles.ParticleTable;
import org.stilt.core.transport.ArlFrameSource;
import org.stilt.core.transport.TrajectoryRunner;
import org.stilt.core.transport.VerticalMotion;
import org.stilt.ffi.NativeTransportKernel;
import org.stilt.parity.ReferenceAccess;

/**
 * Scratch probe (tools/parity-probes/README.md), not part of the build: writes our deterministic
 * table of one reference case (native kernel, or -Dstilt.detkernel=java) as CSV for comparison with
 * hycs_std's particles.csv.gz rows. Copy into parity-tests/src/test/java/org/stilt/parity/transport/.
 * Thread-safety: single-threaded test.
 */
class DeterministicRowsDumpTest {
    @Test
    void dump() throws Exception {
        String o = System.getProperty("stilt.detdump");
        Assumptions.assumeTrue(o != null);
        String name = System.getProperty("stilt.detcase", "det_hrrr_column_11h");
        DeterministicCase c = DeterministicCase.load(ReferenceAccess.referenceDir().resolve("transport/deterministic/" + name));
        org.stilt.core.transport.TransportKernel kernel = "java".equals(System.getProperty("stilt.detkernel")) ? new org.stilt.core.transport.JavaTransportKernel(25_000.0) : NativeTransportKernel.create(25_000.0);
        try (ArlFrameSource source = new ArlFrameSource(c.openMet(), c.zTop)) {
            TrajectoryRunner runner = new TrajectoryRunner(kernel);
            VerticalMotion motion = System.getProperty("stilt.detmotion") != null ? VerticalMotion.valueOf(System.getProperty("stilt.detmotion")) : VerticalMotion.ofCode(c.wOption);
            double[] release;
            if (c.column) {
                release = DeterministicParity.invertFirstMinute(c, runner, source, motion);
            } else {
                release = new double[c.numpar];
                java.util.Arrays.fill(release, c.zaglBottom);
            }
            ParticleTable t = runner.run(DeterministicParity.request(c, release, motion), source).particles();
            org.stilt.core.particles.ParticleCsvWriter.write(t.select(java.util.List.of("time", "indx", "long", "lati", "zagl", "wout", "mlht", "dens", "pres", "temp", "zsfc")), Path.of(o));
        }
    }
}
