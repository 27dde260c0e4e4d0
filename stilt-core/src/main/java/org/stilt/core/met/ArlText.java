package org.stilt.core.met;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Fixed-width ASCII fields of ARL labels and index records, parsed and written the way NOAA's
 * files have them (docs/met.md): right-justified integers, {@code E14.7} reals and the
 * "as many decimals as fit" {@code F7}/{@code F6} reals of the index.
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
final class ArlText {

    private ArlText() {
    }

    /** Thrown by the parsers; the caller adds file, record and offset. */
    static final class FieldException extends Exception {
        private static final long serialVersionUID = 1L;

        FieldException(String message) {
            super(message, null, false, false);
        }
    }

    static String ascii(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }

    /** Parses a right-justified integer field; blanks only → {@code blankValue}. */
    static int parseInt(byte[] bytes, int offset, int length, String field, int blankValue)
            throws FieldException {
        String s = blankTrim(ascii(bytes, offset, length));
        if (s.isEmpty()) {
            return blankValue;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new FieldException(field + " '" + printable(ascii(bytes, offset, length))
                    + "' is not an integer (expected a right-justified " + length + "-character integer)");
        }
    }

    /** A Fortran real: sign, digits with an optional point, optional exponent (E optional before its sign). */
    private static final java.util.regex.Pattern REAL =
            java.util.regex.Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[EeDd]?[+-]\\d{1,3}|[EeDd]\\d{1,3})?");

    /**
     * Parses a real field that is stored as a single-precision float (label PREC and VAR1):
     * as {@link #parseReal}, and the value must also fit a float.
     */
    static float parseFloat(byte[] bytes, int offset, int length, String field) throws FieldException {
        double v = parseReal(bytes, offset, length, field);
        if (Math.abs(v) > Float.MAX_VALUE) {
            throw new FieldException(field + " '" + ascii(bytes, offset, length) + "' is out of the float range"
                    + " (expected |value| <= " + Float.MAX_VALUE + ")");
        }
        return (float) v;
    }

    /** Parses a real field (F or E edit); blanks only → 0. */
    static double parseReal(byte[] bytes, int offset, int length, String field) throws FieldException {
        String raw = ascii(bytes, offset, length);
        String s = blankTrim(raw);
        if (s.isEmpty()) {
            return 0.0;
        }
        if (!REAL.matcher(s).matches()) {
            throw new FieldException(field + " '" + printable(raw) + "' is not a real number (expected a "
                    + length + "-character Fortran real such as 0.1234567E-01)");
        }
        s = s.replace('D', 'E').replace('d', 'E');
        try {
            // Fortran may drop the 'E' for three-digit exponents ("0.1234567+100").
            int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
            if (sign > 0 && Character.isDigit(s.charAt(sign - 1))) {
                s = s.substring(0, sign) + "E" + s.substring(sign);
            }
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new FieldException(field + " '" + printable(raw) + "' is not a finite real number (expected a "
                    + length + "-character Fortran real)");
        }
    }

    /** Strips leading and trailing blanks (spaces only: control characters are not blanks). */
    static String blankTrim(String text) {
        int a = 0;
        int b = text.length();
        while (a < b && text.charAt(a) == ' ') {
            a++;
        }
        while (b > a && text.charAt(b - 1) == ' ') {
            b--;
        }
        return text.substring(a, b);
    }

    /** Text with every non-printable character replaced by {@code ?}, for messages. */
    static String printable(String text) {
        return text.replaceAll("[^ -~]", "?");
    }

    /** Right-justified integer in {@code width} characters. */
    static String formatInt(long value, int width, String field) {
        String s = Long.toString(value);
        if (s.length() > width) {
            throw new IllegalArgumentException(field + " " + value + " does not fit in " + width
                    + " characters");
        }
        return " ".repeat(width - s.length()) + s;
    }

    /**
     * Fortran {@code E14.7}: {@code " 0.9587765E-01"}, the value rounded to 7 significant digits
     * (the value is taken as the float it was stored as).
     */
    static String formatE14(float value) {
        if (value == 0.0f) {
            return " 0.0000000E+00";
        }
        BigDecimal bd = new BigDecimal((double) value).round(new MathContext(7, RoundingMode.HALF_EVEN));
        BigDecimal abs = bd.abs();
        // abs = 0.d1..d7 × 10^exp
        int exp = abs.precision() - abs.scale();
        String digits = abs.unscaledValue().toString();
        digits = (digits + "0000000").substring(0, 7);
        String expText;
        int aexp = Math.abs(exp);
        if (aexp < 100) {
            expText = "E" + (exp < 0 ? "-" : "+") + (aexp < 10 ? "0" : "") + aexp;
        } else {
            expText = (exp < 0 ? "-" : "+") + aexp;
        }
        String s = (bd.signum() < 0 ? "-" : " ") + "0." + digits + expText;
        if (s.length() != 14) {
            throw new IllegalArgumentException("value " + value + " cannot be written as E14.7");
        }
        return s;
    }

    /**
     * A real in exactly {@code width} characters with as many decimals as fit, a leading zero
     * dropped when that gains a decimal ({@code .000000}, {@code 90.0000}, {@code -112.91},
     * {@code .99900}), as in NOAA's index records.
     */
    static String formatFitted(double value, int width) {
        for (int decimals = width - 1; decimals >= 0; decimals--) {
            String s = String.format(Locale.ROOT, "%." + decimals + "f", value);
            if (s.startsWith("0.")) {
                s = s.substring(1);
            } else if (s.startsWith("-0.")) {
                s = "-" + s.substring(2);
            }
            if (decimals == 0) {
                s = s + ".";
            }
            if (s.length() <= width) {
                return " ".repeat(width - s.length()) + s;
            }
        }
        throw new IllegalArgumentException("value " + value + " does not fit in " + width + " characters");
    }

    /** Left-justified text padded with blanks (variable names, data source). */
    static String formatText(String text, int width, String field) {
        if (text.length() > width) {
            throw new IllegalArgumentException(field + " '" + text + "' is longer than " + width
                    + " characters");
        }
        return text + " ".repeat(width - text.length());
    }
}
