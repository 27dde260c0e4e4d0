package org.stilt.core.met.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.MetUnavailableException;
import org.stilt.core.met.ArlFile;
import org.stilt.core.met.VerticalCoordinate;

/** Resolving the kernel's roles against a file's catalogue. */
class MetVariablesTest {

    @TempDir
    Path tmp;

    private MetVariables.Selection resolve(VerticalCoordinate vc, List<String> sfc, List<String> upper) {
        Path p = MetTestFiles.write(tmp.resolve("f" + System.nanoTime()), MetTestFiles.LAT_LON, vc,
                new double[] {0.0, 1000.0, 900.0}, MetTestFiles.T0, 1, Duration.ofHours(1), sfc, upper, 3);
        ArlFile f = ArlFile.open(p);
        return MetVariables.stilt().resolve(f.periods().get(0).index(), p);
    }

    @Test
    void realHrrrUsesSphuWwndWithDifwAndPres() {
        Path p = MetFrameTest.hrrr("20190530_00-05_hrrr");
        ArlFile f = ArlFile.open(p);
        MetVariables.Selection s = MetVariables.stilt().resolve(f.periods().get(0).index(), p);
        assertEquals(List.of("SHGT", "PRSS", "USTR", "SHTF", "LHTF", "DSWF", "PBLH", "T02M", "U10M", "V10M", "RGHS"),
                s.surfaceNames());
        assertEquals(List.of("UWND", "VWND", "TEMP", "WWND", "PRES", "SPHU"), s.upperNames());
        assertEquals("DIFW", s.upper().get(3).differenceName());
        assertNull(s.upper().get(0).differenceName());
        assertEquals("verticalVelocity", s.upper().get(3).role());
    }

    @Test
    void alternativesAreUsedInOrderOfPreference() {
        MetVariables.Selection s = resolve(VerticalCoordinate.PRESSURE, List.of("SHGT", "PRSS", "MXHT", "HPBL"),
                List.of("HGTS", "TEMP", "UWND", "VWND", "DZDT", "RELH"));
        assertEquals(List.of("SHGT", "PRSS", "MXHT"), s.surfaceNames());
        assertEquals(List.of("UWND", "VWND", "TEMP", "DZDT", "HGTS", "RELH"), s.upperNames());
    }

    @Test
    void pressureLevelsRequireHgtsAndSigmaDoesNotReadIt() {
        MetUnavailableException e = assertThrows(MetUnavailableException.class, () -> resolve(
                VerticalCoordinate.PRESSURE, List.of("SHGT", "PRSS"), List.of("TEMP", "UWND", "VWND", "WWND")));
        assertTrue(e.getMessage().contains("height (HGTS)") && e.getMessage().contains("upper level 1"),
                e.getMessage());
        MetVariables.Selection s = resolve(VerticalCoordinate.SIGMA, List.of("SHGT", "PRSS"),
                List.of("HGTS", "TEMP", "UWND", "VWND", "WWND"));
        assertEquals(List.of("UWND", "VWND", "TEMP", "WWND"), s.upperNames());
    }

    @Test
    void aMissingRequiredVariableNamesTheRoleTheNamesAndWhatTheLevelHas() {
        MetUnavailableException e = assertThrows(MetUnavailableException.class, () -> resolve(
                VerticalCoordinate.SIGMA, List.of("SHGT", "PRSS"), List.of("TEMP", "UWND", "VWND")));
        assertTrue(e.getMessage().contains("verticalVelocity (WWND or DZDT)"), e.getMessage());
        assertTrue(e.getMessage().contains("[TEMP, UWND, VWND]"), e.getMessage());
        e = assertThrows(MetUnavailableException.class, () -> resolve(VerticalCoordinate.SIGMA, List.of("SHGT"),
                List.of("TEMP", "UWND", "VWND", "WWND")));
        assertTrue(e.getMessage().contains("surfacePressure (PRSS) on surface level 0"), e.getMessage());
    }
}
