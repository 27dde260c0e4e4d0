package org.stilt.core.met.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.InvalidInputException;
import org.stilt.core.MetUnavailableException;
import org.stilt.core.UnreadableInputException;
import org.stilt.core.met.ArlGrid;
import org.stilt.core.met.VerticalCoordinate;

/** Ordering, valid times and the consistency checks of a series of files. */
class MetSeriesTest {

    @TempDir
    Path tmp;

    private Path file(String name, Instant start, int periods) {
        return MetTestFiles.write(tmp.resolve(name), MetTestFiles.LAT_LON, start, periods);
    }

    @Test
    void sortsFilesAndListsEveryValidTime() {
        Instant t0 = MetTestFiles.T0;
        Path b = file("b", t0.plusSeconds(3 * 3600), 3);
        Path a = file("a", t0, 3);
        MetSeries s = MetSeries.open(List.of(b, a));
        assertEquals(6, s.size());
        assertEquals(a, s.files().get(0).path());
        assertEquals(Duration.ofHours(1), s.interval());
        assertEquals(t0.plusSeconds(5 * 3600), s.lastTime());
        assertEquals(3, s.entry(3).period().number() + 3);
        assertEquals(b, s.entry(3).file().path());
        assertEquals(-1, s.floorIndex(t0.minusSeconds(1)));
        assertEquals(0, s.floorIndex(t0));
        assertEquals(2, s.floorIndex(t0.plusSeconds(3 * 3600 - 1)));
        assertEquals(5, s.floorIndex(t0.plusSeconds(99 * 3600)));
    }

    @Test
    void singlePeriodFilesTakeTheirIntervalFromTheSteps() {
        Instant t0 = MetTestFiles.T0;
        MetSeries s = MetSeries.open(List.of(file("a", t0, 1), file("b", t0.plusSeconds(3600), 1),
                file("c", t0.plusSeconds(7200), 1)));
        assertEquals(Duration.ofHours(1), s.interval());
        assertEquals(3, s.times().size());
    }

    @Test
    void aGapNamesBothFilesAndTheMissingTimes() {
        Instant t0 = MetTestFiles.T0;
        Path a = file("a", t0, 2);
        Path c = file("c", t0.plusSeconds(4 * 3600), 2);
        MetUnavailableException e = assertThrows(MetUnavailableException.class, () -> MetSeries.open(List.of(a, c)));
        assertTrue(e.getMessage().contains("gap"), e.getMessage());
        assertTrue(e.getMessage().contains(a.toString()) && e.getMessage().contains(c.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("2 period(s)"), e.getMessage());
        assertTrue(e.getMessage().contains(t0.plusSeconds(2 * 3600).toString()), e.getMessage());
    }

    @Test
    void overlapAndOffIntervalStartsAreRejected() {
        Instant t0 = MetTestFiles.T0;
        Path a = file("a", t0, 3);
        Path b = file("b", t0.plusSeconds(2 * 3600), 2);
        assertTrue(assertThrows(UnreadableInputException.class, () -> MetSeries.open(List.of(a, b)))
                .getMessage().contains("overlap"));
        Path c = file("c", t0.plusSeconds(3 * 3600 + 1800), 2);
        assertTrue(assertThrows(UnreadableInputException.class, () -> MetSeries.open(List.of(a, c)))
                .getMessage().contains("expected the series interval PT1H"));
    }

    @Test
    void differentGridsLevelsOrVariablesAreRejected() {
        Instant t0 = MetTestFiles.T0;
        Path a = file("a", t0, 1);
        Path otherGrid = MetTestFiles.write(tmp.resolve("g"), ArlGrid.latLon(30.0, 250.0, 0.5, 0.5, 23, 18),
                t0.plusSeconds(3600), 1);
        assertTrue(assertThrows(UnreadableInputException.class, () -> MetSeries.open(List.of(a, otherGrid)))
                .getMessage().contains("one grid"));
        Path otherLevels = MetTestFiles.write(tmp.resolve("l"), MetTestFiles.LAT_LON, VerticalCoordinate.SIGMA,
                new double[] {1.0, 0.995, 0.98, 0.95, 0.8}, t0.plusSeconds(3600), 1, Duration.ofHours(1),
                MetTestFiles.SURFACE, MetTestFiles.UPPER, 1);
        String m = assertThrows(UnreadableInputException.class, () -> MetSeries.open(List.of(a, otherLevels)))
                .getMessage();
        assertTrue(m.contains("level 4 is 0.8"), m);
        Path otherVars = MetTestFiles.write(tmp.resolve("v"), MetTestFiles.LAT_LON, VerticalCoordinate.SIGMA,
                MetTestFiles.SIGMA, t0.plusSeconds(3600), 1, Duration.ofHours(1), List.of("SHGT", "PRSS"),
                MetTestFiles.UPPER, 1);
        m = assertThrows(UnreadableInputException.class, () -> MetSeries.open(List.of(a, otherVars))).getMessage();
        assertTrue(m.contains("same variables") && m.contains("[SHGT, PRSS]"), m);
        Path pressure = MetTestFiles.write(tmp.resolve("p"), MetTestFiles.LAT_LON, VerticalCoordinate.PRESSURE,
                MetTestFiles.SIGMA, t0.plusSeconds(3600), 1, Duration.ofHours(1), MetTestFiles.SURFACE,
                MetTestFiles.UPPER, 1);
        assertTrue(assertThrows(UnreadableInputException.class, () -> MetSeries.open(List.of(a, pressure)))
                .getMessage().contains("vertical coordinate PRESSURE"));
    }

    @Test
    void anEmptyListIsAnError() {
        assertThrows(InvalidInputException.class, () -> MetSeries.open(List.of()));
    }

    @Test
    void realHrrrFilesFormOneTwelveHourSeries() {
        MetSeries s = MetSeries.open(List.of(MetFrameTest.hrrr("20190530_06-11_hrrr"),
                MetFrameTest.hrrr("20190530_00-05_hrrr")));
        assertEquals(12, s.size());
        assertEquals(Instant.parse("2019-05-30T00:00:00Z"), s.firstTime());
        assertEquals(Instant.parse("2019-05-30T11:00:00Z"), s.lastTime());
        assertEquals(VerticalCoordinate.SIGMA, s.verticalCoordinate());
    }
}
