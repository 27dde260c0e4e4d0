package org.stilt.core.met.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stilt.core.InvalidInputException;

/**
 * Expansion of strftime-style met file formats.
 *
 * <p>Thread-safety: a JUnit test class; not shared.
 */
class StrftimePatternTest {

    private static final Instant T = Instant.parse("2015-12-10T05:07:09Z");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "%Y|2015", "%y|15", "%m|12", "%d|10", "%e|10", "%H|05", "%M|07", "%S|09", "%j|344", "%b|Dec", "%h|Dec",
        "%B|December", "%F|2015-12-10", "%T|05:07:09", "%%|%", "100%%|100%",
        "%Y%m%d.%Hz.hrrra|20151210.05z.hrrra", "met_a_%Y%m%d.arl|met_a_20151210.arl",
        "hysplit.t%Hz.namsf.%b%d|hysplit.t05z.namsf.Dec10", "gdas1.%b%y.w1|gdas1.Dec15.w1",
        "%Y/%m/%Y%m%d_%H%M|2015/12/20151210_0507", "plain.arl|plain.arl"})
    void expandsDirectives(String format, String expected) {
        assertEquals(expected, StrftimePattern.compile(format).expand(T));
    }

    @Test
    void padsSmallValues() {
        Instant jan = Instant.parse("2009-01-01T00:00:00Z");
        assertEquals("09 01 01  1 00 00 00 001 Jan January",
                StrftimePattern.compile("%y %m %d %e %H %M %S %j %b %B").expand(jan));
        assertEquals("366", StrftimePattern.compile("%j").expand(Instant.parse("2016-12-31T23:00:00Z")));
        assertEquals("May", StrftimePattern.compile("%b").expand(Instant.parse("2016-05-31T23:00:00Z")));
    }

    @Test
    void unknownDirectiveIsRejectedWithFormatAndDirective() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> StrftimePattern.compile("%Y%m%d_%Q.arl"));
        assertTrue(e.getMessage().contains("\"%Y%m%d_%Q.arl\""), e.getMessage());
        assertTrue(e.getMessage().contains("%Q"), e.getMessage());
        assertTrue(e.getMessage().contains(StrftimePattern.DIRECTIVES), e.getMessage());
    }

    @Test
    void loneTrailingPercentIsRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StrftimePattern.compile("%Y%"));
        assertTrue(e.getMessage().contains("lone '%'"), e.getMessage());
    }

    @Test
    void equalityIsByFormat() {
        assertEquals(StrftimePattern.compile("%Y"), StrftimePattern.compile("%Y"));
        assertEquals("%Y.%m", StrftimePattern.compile("%Y.%m").toString());
    }
}
