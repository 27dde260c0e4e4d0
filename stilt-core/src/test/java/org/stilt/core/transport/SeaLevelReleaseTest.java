package org.stilt.core.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.InvalidInputException;
import org.stilt.core.met.synth.SyntheticMetSpec;

/** Release heights above sea level (KMSL = 1) are heights above the terrain at the receptor. */
class SeaLevelReleaseTest {

    private static final Instant START = Instant.parse("2021-07-15T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void mslHeightsAreConvertedWithTheTerrainAtTheReceptor() {
        Path met = TransportTestMet.write(TransportTestMet.experimentDesign(START, 1)
                .terrain(new SyntheticMetSpec.Flat(1300)).wind(SyntheticMetSpec.Wind.uniform(5, 0)).build(), dir);
        TrajectoryRequest agl = new TrajectoryRequest(START.plusSeconds(3600), 40.0, -98.0, 5.0, 500.0, -1, 20, null,
                1L, VerticalMotion.DATA, TransportTestMet.Z_TOP);
        TrajectoryRequest msl = new TrajectoryRequest(START.plusSeconds(3600), 40.0, -98.0, 1305.0, 1800.0, -1, 20,
                null, 1L, VerticalMotion.DATA, TransportTestMet.Z_TOP).withHeightsAboveSeaLevel(true);
        TrajectoryResult a = TransportTestMet.run(new JavaTransportKernel(TransportTestMet.Z_TOP), agl, met);
        TrajectoryResult m = TransportTestMet.run(new JavaTransportKernel(TransportTestMet.Z_TOP), msl, met);
        double[] za = a.particles().column("zagl");
        double[] zm = m.particles().column("zagl");
        for (int i = 0; i < za.length; i++) {
            // the same heights above ground up to rounding of the MSL subtraction
            assertTrue(Math.abs(za[i] - zm[i]) < 1e-3, "row " + i + ": " + za[i] + " vs " + zm[i]);
        }
        assertArrayEquals(a.particles().column("long"), m.particles().column("long"), 1e-9);
        TrajectoryRequest below = new TrajectoryRequest(START.plusSeconds(3600), 40.0, -98.0, 1200.0, Double.NaN, -1,
                5, null, 1L, VerticalMotion.DATA, TransportTestMet.Z_TOP).withHeightsAboveSeaLevel(true);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TransportTestMet.run(new JavaTransportKernel(TransportTestMet.Z_TOP), below, met));
        assertTrue(e.getMessage().contains("1200.0 m above sea level") && e.getMessage().contains("below the terrain"),
                e.getMessage());
    }
}
