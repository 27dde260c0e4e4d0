package org.stilt.core.transport;

/**
 * How the kernel moves particles vertically: R-STILT's {@code w_option} (the CONTROL file's
 * "vertical motion" line).
 *
 * <p>Thread-safety: immutable enum.
 */
public enum VerticalMotion {
    /** 0: the met file's vertical velocity (ω, w = −ω/(ρg)). */
    DATA(0),
    /** 1: isobaric: particles stay on their pressure surface. */
    ISOBARIC(1),
    /** 2: isentropic: particles stay on their potential-temperature surface. */
    ISENTROPIC(2),
    /** 3: constant density: particles stay on their density surface. */
    CONSTANT_DENSITY(3),
    /** 4: isosigma: particles keep their terrain-following coordinate (no vertical motion). */
    ISOSIGMA(4);

    private final int code;

    VerticalMotion(int code) {
        this.code = code;
    }

    /** R-STILT's {@code w_option} value. */
    public int code() {
        return code;
    }

    /** The option for an R-STILT {@code w_option} value, or a clear error. */
    public static VerticalMotion ofCode(int code) {
        for (VerticalMotion m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        throw new org.stilt.core.InvalidInputException("w_option " + code
                + "; expected 0 (data), 1 (isobaric), 2 (isentropic), 3 (constant density) or 4 (isosigma)");
    }
}
