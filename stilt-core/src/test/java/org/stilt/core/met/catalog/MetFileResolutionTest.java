package org.stilt.core.met.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.stilt.core.InvalidInputException;
import org.stilt.core.met.catalog.MetFileResolution.Unit;

/**
 * Parsing of {@code met_file_tres} values and lubridate-style floor/ceiling.
 *
 * <p>Thread-safety: a JUnit test class; not shared.
 */
class MetFileResolutionTest {

    private static Instant t(String iso) {
        return Instant.parse(iso);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1 day|1|DAYS", "day|1|DAYS", "1d|1|DAYS", "1 days|1|DAYS",
        "6 hours|6|HOURS", "3 hours|3|HOURS", "1 hour|1|HOURS", "hour|1|HOURS", "6h|6|HOURS", "6H|6|HOURS",
        "6 hrs|6|HOURS", "24 hours|24|HOURS", "' 6  hours '|6|HOURS",
        "30min|30|MINUTES", "30 mins|30|MINUTES", "15 minutes|15|MINUTES", "1 minute|1|MINUTES"})
    void parsesWhatUsersWrite(String text, int count, Unit unit) {
        assertEquals(new MetFileResolution(count, unit), MetFileResolution.parse(text));
    }

    @Test
    void canonicalTextAndStep() {
        assertEquals("6 hours", MetFileResolution.parse("6h").toString());
        assertEquals("1 day", MetFileResolution.parse("1d").toString());
        assertEquals("30 mins", MetFileResolution.parse("30min").toString());
        assertEquals(Duration.ofHours(6), MetFileResolution.SIX_HOURS.step());
        assertEquals(Duration.ofDays(1), MetFileResolution.parse("1 day").step());
        assertEquals(Duration.ofMinutes(30), MetFileResolution.parse("30 mins").step());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "6", "6 hourz", "1 week", "1 month", "1.5 hours", "-6 hours", "6 hours ago",
        "hours 6", "6m", "10 seconds"})
    void rejectsUnknownFormsNamingValueAndAcceptedForms(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MetFileResolution.parse(text));
        assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
        assertTrue(e.getMessage().contains("accepted forms"), e.getMessage());
        assertTrue(e.getMessage().contains("\"6 hours\""), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5 hours|5 hours|divide 24", "0 hours|0 hours|divide 24", "25 hours|25 hours|divide 24",
        "2 days|2 days|\"1 day\"", "7 days|7 days|\"1 day\"", "90 mins|90 mins|divide 60", "7min|7 mins|divide 60"})
    void rejectsCountsThatDoNotDivideTheEnclosingUnit(String text, String shown, String expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MetFileResolution.parse(text));
        assertTrue(e.getMessage().contains("\"" + shown + "\" is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // resolution | time | floor | ceiling
        "6 hours|2015-12-10T05:00:00Z|2015-12-10T00:00:00Z|2015-12-10T06:00:00Z",
        "6 hours|2015-12-10T05:30:00Z|2015-12-10T00:00:00Z|2015-12-10T06:00:00Z",
        "6 hours|2015-12-10T06:00:00Z|2015-12-10T06:00:00Z|2015-12-10T06:00:00Z",
        "6 hours|2015-12-10T06:00:00.001Z|2015-12-10T06:00:00Z|2015-12-10T12:00:00Z",
        "6 hours|2015-12-10T23:00:00Z|2015-12-10T18:00:00Z|2015-12-11T00:00:00Z",
        "6 hours|2015-12-31T19:00:00Z|2015-12-31T18:00:00Z|2016-01-01T00:00:00Z",
        "3 hours|2015-12-10T05:00:00Z|2015-12-10T03:00:00Z|2015-12-10T06:00:00Z",
        "1 hour|2015-12-10T05:59:59Z|2015-12-10T05:00:00Z|2015-12-10T06:00:00Z",
        "1 hour|2015-12-10T05:00:00Z|2015-12-10T05:00:00Z|2015-12-10T05:00:00Z",
        "1 day|2015-12-10T05:00:00Z|2015-12-10T00:00:00Z|2015-12-11T00:00:00Z",
        "1 day|2015-12-10T00:00:00Z|2015-12-10T00:00:00Z|2015-12-10T00:00:00Z",
        "30min|2015-12-10T05:10:00Z|2015-12-10T05:00:00Z|2015-12-10T05:30:00Z",
        "30min|2015-12-10T05:45:00Z|2015-12-10T05:30:00Z|2015-12-10T06:00:00Z",
        "8 hours|1969-12-31T23:00:00Z|1969-12-31T16:00:00Z|1970-01-01T00:00:00Z"})
    void floorAndCeilingLikeLubridate(String res, String time, String floor, String ceiling) {
        MetFileResolution r = MetFileResolution.parse(res);
        assertEquals(t(floor), r.floor(t(time)), "floor");
        assertEquals(t(ceiling), r.ceiling(t(time)), "ceiling");
    }
}
