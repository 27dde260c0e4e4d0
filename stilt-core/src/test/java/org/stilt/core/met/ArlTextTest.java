package org.stilt.core.met;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fixed-width ASCII fields of ARL labels and indexes: parsing, rejection of garbage, formatting. */
class ArlTextTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static double real(String s) throws ArlText.FieldException {
        return ArlText.parseReal(b(s), 0, s.length(), "f");
    }

    @Test
    void parsesIntegersRightJustifiedAndBlank() throws Exception {
        assertEquals(59, ArlText.parseInt(b(" 59"), 0, 3, "NX", -1));
        assertEquals(-3, ArlText.parseInt(b("  -3"), 0, 4, "exponent", -1));
        assertEquals(-1, ArlText.parseInt(b("   "), 0, 3, "NX", -1));
        assertEquals(20, ArlText.parseInt(b("xx 20"), 2, 3, "NZ", -1));
    }

    @ParameterizedTest
    @ValueSource(strings = {" 5x", "1 2", "  .", "\u00ff\u00ff ", " 0x1", "+-1"})
    void rejectsNonDigitIntegers(String text) {
        ArlText.FieldException e = assertThrows(ArlText.FieldException.class,
                () -> ArlText.parseInt(b(text), 0, 3, "NX", -1));
        assertTrue(e.getMessage().startsWith("NX '"), e.getMessage());
        assertTrue(e.getMessage().contains("expected a right-justified 3-character integer"), e.getMessage());
        assertTrue(e.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\u00e9'),
                "message is printable: " + e.getMessage());
    }

    @Test
    void parsesNoaaRealFields() throws Exception {
        assertEquals(0.0, real(".000000"));
        assertEquals(90.0, real("90.0000"));
        assertEquals(-112.91, real("-112.91"));
        assertEquals(0.99900, real(" .99900"));
        assertEquals(0.09587765, real(" 0.9587765E-01"), 1e-15);
        assertEquals(0.1234567e100, real(" 0.1234567+100"), 1e85);
        assertEquals(0.0, real("       "));
        assertEquals(5.0, real("5"));
        assertEquals(1.5e-3, real("1.5D-03"), 1e-18);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Inf", "0x1p3", "1.0f", "12..5", "1e", "1.5E+", "--1", "abc", ". ",
        "1.0E+999", "\u0000\u0001"})
    void rejectsGarbageAndNonFiniteReals(String text) {
        ArlText.FieldException e = assertThrows(ArlText.FieldException.class, () -> real(text));
        assertTrue(e.getMessage().startsWith("f '"), e.getMessage());
    }

    @Test
    void floatFieldsMustFitAFloat() throws Exception {
        assertEquals(3.4e38f, ArlText.parseFloat(b(" 0.3400000E+39"), 0, 14, "VAR1"));
        ArlText.FieldException e = assertThrows(ArlText.FieldException.class,
                () -> ArlText.parseFloat(b(" 0.1000000E+40"), 0, 14, "VAR1"));
        assertTrue(e.getMessage().contains("out of the float range"), e.getMessage());
        assertEquals(1.0e99, real(" 0.1000000E+100".substring(1)), 1e84);
    }

    @Test
    void formatsE14AsFortran() throws Exception {
        assertEquals(" 0.9587765E-01", ArlText.formatE14(0.09587765f));
        assertEquals(" 0.3149606E-01", ArlText.formatE14(8f / 254f));
        assertEquals(" 0.0000000E+00", ArlText.formatE14(0f));
        assertEquals("-0.1000000E+01", ArlText.formatE14(-1f));
        assertEquals(" 0.3402823E+39", ArlText.formatE14(Float.MAX_VALUE));
        for (float v : new float[] {1.2345678e-20f, -987.65432f, 101325f, Float.MIN_NORMAL}) {
            String s = ArlText.formatE14(v);
            assertEquals(14, s.length());
            assertEquals(v, ArlText.parseFloat(b(s), 0, 14, "v"), Math.abs(v) * 1e-6);
        }
    }

    @Test
    void formatsFittedRealsAsNoaaIndexes() throws Exception {
        assertEquals(".000000", ArlText.formatFitted(0.0, 7));
        assertEquals("90.0000", ArlText.formatFitted(90.0, 7));
        assertEquals("-112.91", ArlText.formatFitted(-112.91, 7));
        assertEquals("262.500", ArlText.formatFitted(262.5, 7));
        assertEquals(".99900", ArlText.formatFitted(0.999, 6));
        assertEquals("40.1015", ArlText.formatFitted(40.1015, 7));
        for (double v : new double[] {0.47675, -0.5, 1013.25, 38.5}) {
            String s = ArlText.formatFitted(v, 7);
            assertEquals(v, real(s), 1e-9);
        }
        assertThrows(IllegalArgumentException.class, () -> ArlText.formatFitted(12345678.0, 7));
    }

    @Test
    void labelRejectsImpossibleDatesWithTheFieldNamed() {
        String ok = "19 530 0 0 199UWND   3 0.3149606E-01 0.9587765E-01";
        assertEquals(50, ok.length());
        String[][] bad = {
            {"1913 1 0 0 199UWND   3 0.3149606E-01 0.9587765E-01", "month 13; expected 1..12"},
            {"19 532 0 0 199UWND   3 0.3149606E-01 0.9587765E-01", "day 32; expected 1..31"},
            {"19 230 0 0 199UWND   3 0.3149606E-01 0.9587765E-01", "day 30; expected 1..28 for 2019-02"},
            {"19 53024 0 199UWND   3 0.3149606E-01 0.9587765E-01", "hour 24; expected 0..23"},
            {"1x 530 0 0 199UWND   3 0.3149606E-01 0.9587765E-01", "year '1x'"},
            {"19 530 0 0-199UWND   3 0.3149606E-01 0.9587765E-01", "level '-1'"},
            {"19 530 0 0 1#9UWND   3 0.3149606E-01 0.9587765E-01", "grid identifier '#9'"},
            {"19 530 0 0 199UW\u0001D   3 0.3149606E-01 0.9587765E-01", "variable name 'UW?D'"},
            {"19 530 0 0 199UWND 999 0.3149606E-01 0.9587765E-01", "exponent ' 999'"},
            {"19 530 0 0 199UWND   3 0.3149606E-01 0.9587765E+99", "out of the float range"},
            {"19 530 0 0 199UWND   3 0.3149606E-01 0.95877 5E-01", "first value"},
        };
        for (String[] c : bad) {
            ArlText.FieldException e = assertThrows(ArlText.FieldException.class, () -> ArlLabel.parse(b(c[0]), 0), c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage() + " should contain " + c[1]);
        }
    }

    @Test
    void labelRoundTripsAndDecodesLetteredGridSizes() throws Exception {
        ArlLabel l = ArlLabel.parse(b("19 530 0 0 1BAUWND   3 0.3149606E-01 0.9587765E-01"), 0);
        assertEquals(2019, l.year());
        assertEquals(2, l.nxThousands());
        assertEquals(1, l.nyThousands());
        assertEquals(1, l.level());
        assertEquals("19 530 0 0 1BAUWND   3 0.3149606E-01 0.9587765E-01",
                new String(l.toBytes(), StandardCharsets.ISO_8859_1));
        assertEquals("99", ArlLabel.gridIdFor(59, 41));
        assertEquals("A@", ArlLabel.gridIdFor(1799, 999), "@ = 0 thousands, as hycs_std accepted in det_wide");
        ArlLabel wide = ArlLabel.parse(b("21 4 1 0 0 0A@INDX   0 0.0000000E+00 0.0000000E+00"), 0);
        assertEquals(1, wide.nxThousands());
        assertEquals(0, wide.nyThousands());
        assertEquals("AA", ArlLabel.gridIdFor(1799, 1059));
        assertEquals(1999, ArlLabel.parse(b("99 1 1 0 0 099INDX   0 0.0000000E+00 0.0000000E+00"), 0).year());
    }
}
