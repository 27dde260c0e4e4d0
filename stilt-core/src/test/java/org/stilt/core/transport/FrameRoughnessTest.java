package org.stilt.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.met.GridProjection;

/**
 * Frames carry z₀ from the source's roughness (the standard 1° table unless set), point by point,
 * and the kernels use it when the run does not fix z₀ (T_Lw of the lowest layer depends on it).
 */
class FrameRoughnessTest {

    private static final Instant START = Instant.parse("2021-07-15T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void framesCarryTheTablesZ0AndASetSourceReplacesIt() {
        Path met = TransportTestMet.write(TransportTestMet.experimentDesign(START, 1).build(), dir);
        try (ArlFrameSource src = TransportTestMet.source(met)) {
            src.setRegion(10, 20, 30, 25);
            KernelFrame f = src.frame(START);
            GridProjection p = src.projection();
            for (int[] ij : new int[][] {{0, 0}, {29, 24}, {15, 3}}) {
                GridProjection.GeoPoint g = p.toGeo(f.x0() + ij[0] + 1, f.y0() + ij[1] + 1);
                assertEquals((float) RoughnessTable.standard().z0Meters(g.latitude(), g.longitude()),
                        f.get2(KernelFrame.F2_Z0, ij[0], ij[1]), "z0 at " + g);
            }
            src.setRoughness(RoughnessSource.constant(0.42));
            assertEquals(0.42f, src.frame(START).get2(KernelFrame.F2_Z0, 7, 7));
        }
    }

    @Test
    void theKernelTakesZ0FromTheFrameUnlessTheRunFixesIt() {
        Path met = TransportTestMet.write(TransportTestMet.experimentDesign(START, 1).build(), dir);
        // convective (SHTF 100 W/m2): layer 0's T_Lw depends on z0; the receptor at 40N 98W
        TrajectoryRequest base = new TrajectoryRequest(START.plusSeconds(3600), 40.0, -98.0, 5.0, Double.NaN, -1, 5,
                null, 1L, VerticalMotion.DATA, TransportTestMet.Z_TOP);
        double fromFrame = tlgrAtFirstMinute(met, base.withTurbulence(TurbulenceOptions.rStiltDefaults(1, 0)), 0.75);
        double fixed = tlgrAtFirstMinute(met, base.withTurbulence(new TurbulenceOptions(true, 1, 0, 0.1, 10800, 0.5,
                0.75)), 0.02);
        assertEquals(fixed, fromFrame, 0.0, "z0 = 0.75 from the frame = z0 = 0.75 fixed (frame says 0.02 there)");
    }

    private static double tlgrAtFirstMinute(Path met, TrajectoryRequest r, double frameZ0) {
        try (ArlFrameSource src = TransportTestMet.source(met)) {
            src.setRoughness(RoughnessSource.constant(frameZ0));
            TrajectoryResult res = new TrajectoryRunner(new JavaTransportKernel(TransportTestMet.Z_TOP))
                    .withMixedLayer(new MixedLayerOptions(0, 150)).run(r, src, 1);
            return res.particles().column("tlgr")[0];
        }
    }
}
