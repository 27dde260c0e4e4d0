package org.stilt.core.project;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * R's {@code as.character} for a double, as R-STILT uses it in simulation ids
 * ({@code stilt-reference.md} §3.2): at most 15 significant digits, no trailing zeros, and
 * scientific notation ({@code 1e-05}, {@code 1.5e+20}) when it is shorter than fixed notation
 * (R's rule with {@code scipen = 0}: fixed when its width is at most the scientific width).
 * Examples: {@code -112 -> "-112"}, {@code 40.5 -> "40.5"}, {@code 1e-5 -> "1e-05"},
 * {@code 0.001 -> "0.001"}, {@code 100000 -> "1e+05"}, {@code 123456 -> "123456"}.
 *
 * <p>Thread-safety: stateless.
 */
public final class RNumberFormat {

    private static final MathContext FIFTEEN = new MathContext(15, RoundingMode.HALF_EVEN);

    private RNumberFormat() {
    }

    /** {@code as.character(x)} for a double. */
    public static String asCharacter(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Inf" : "-Inf";
        }
        if (x == 0) {
            return "0";
        }
        BigDecimal r = new BigDecimal(x).round(FIFTEEN).stripTrailingZeros();
        String digits = r.unscaledValue().abs().toString();
        int nsig = digits.length();
        int exp = nsig - 1 - r.scale(); // decimal exponent of the first digit
        String sign = x < 0 ? "-" : "";
        int fixedWidth = exp >= 0 ? exp + 1 + (nsig - exp - 1 > 0 ? 1 + nsig - exp - 1 : 0) : 2 + (-exp - 1) + nsig;
        int expDigits = Math.abs(exp) >= 100 ? 3 : 2;
        int sciWidth = nsig + (nsig > 1 ? 1 : 0) + 2 + expDigits;
        if (fixedWidth <= sciWidth) {
            return sign + r.abs().toPlainString();
        }
        String mantissa = nsig > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
        String e = String.format("%0" + expDigits + "d", Math.abs(exp));
        return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + e;
    }
}
