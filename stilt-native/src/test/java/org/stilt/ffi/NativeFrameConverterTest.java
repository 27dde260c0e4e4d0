package org.stilt.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.met.synth.SyntheticMetSpec;
import org.stilt.core.transport.ArlFrameSource;
import org.stilt.core.transport.InternalLevels;
import org.stilt.core.transport.KernelFrame;
import org.stilt.core.transport.MixedLayerOptions;
import org.stilt.core.transport.ProfileConverter;
import org.stilt.core.transport.RawMetFrame;
import org.stilt.core.transport.TransportTestMet;

/**
 * The Fortran met conversion ({@code stilt_met_prepare}) writes exactly the frame the Java
 * {@link ProfileConverter} writes, byte for byte, on σ levels over terrain (with PRES and SPHU)
 * and on pressure levels with RELH, for KMIXD 0 and 3, with both libraries.
 */
class NativeFrameConverterTest {

    private static final Instant T0 = Instant.parse("2021-06-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void sigmaOverTerrainIdentical() {
        SyntheticMetSpec spec = TransportTestMet.experimentDesign(T0, 1)
                .terrain(new SyntheticMetSpec.GaussianHill(200.0, 1500.0, 40.0, -98.0, 30.0))
                .atmosphere(new SyntheticMetSpec.Atmosphere(288.15, 6.5, 216.65, 0.006, 0.0))
                .wind(SyntheticMetSpec.Wind.uniform(7, -2)).build();
        compare(TransportTestMet.write(spec, dir));
    }

    @Test
    void pressureLevelsWithRelativeHumidityIdentical() {
        SyntheticMetSpec spec = TransportTestMet.experimentDesign(T0, 1)
                .levels(SyntheticMetSpec.Levels.standardPressure())
                .atmosphere(new SyntheticMetSpec.Atmosphere(288.15, 6.5, 216.65, 0.0, 60.0))
                .omega(new SyntheticMetSpec.Omega(-0.005, 0)).build();
        compare(TransportTestMet.write(spec, dir));
    }

    @Test
    void bandedNativeConversionIdentical() {
        SyntheticMetSpec spec = TransportTestMet.experimentDesign(T0, 1)
                .terrain(new SyntheticMetSpec.GaussianHill(200.0, 1500.0, 40.0, -98.0, 30.0))
                .wind(SyntheticMetSpec.Wind.uniform(7, -2)).build();
        Path met = TransportTestMet.write(spec, dir);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (ArlFrameSource one = TransportTestMet.source(met); ArlFrameSource two = TransportTestMet.source(met)) {
            for (ArlFrameSource s : new ArlFrameSource[] {one, two}) {
                s.setRegion(50, 10, 70, 51);
                s.setConverter(new NativeFrameConverter(LibraryLoader.shared(), s.levels(), s.projection(),
                        MixedLayerOptions.STILT_DEFAULT));
            }
            two.setConversionThreads(pool, 3);
            assertEquals(one.frame(T0).buffer(), two.frame(T0).buffer(), "3 row bands on 2 threads");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void compare(Path met) {
        for (StiltHysplitLibrary lib : new StiltHysplitLibrary[] {LibraryLoader.shared(),
            LibraryLoader.load(TestLibraries.checkedLibrary())}) {
            try (ArlFrameSource src = TransportTestMet.source(met)) {
                src.setRegion(60, 20, 60, 40);
                RawMetFrame raw = src.read(T0);
                InternalLevels levels = src.levels();
                for (MixedLayerOptions ml : new MixedLayerOptions[] {MixedLayerOptions.STILT_DEFAULT,
                    new MixedLayerOptions(0, 150.0), new MixedLayerOptions(3, 50.0)}) {
                    KernelFrame java = new ProfileConverter(levels, src.projection(), ml).convert(raw);
                    KernelFrame fortran = new NativeFrameConverter(lib, levels, src.projection(), ml).convert(raw);
                    ByteBuffer a = java.buffer();
                    ByteBuffer b = fortran.buffer();
                    assertEquals(a.capacity(), b.capacity());
                    for (int i = 0; i < a.capacity(); i += 4) {
                        if (a.getInt(i) != b.getInt(i)) {
                            assertEquals(a.getFloat(i), b.getFloat(i), "frame float " + (i / 4) + " differs ("
                                    + lib.info().location() + ", " + ml + ")");
                        }
                    }
                    float mlht = java.get2(KernelFrame.F2_MLHT, 30, 20);
                    assertTrue(mlht >= ml.kmix0Meters() && mlht < 5000f, "mixed-layer depth " + mlht + " with " + ml);
                }
            }
        }
    }
}
