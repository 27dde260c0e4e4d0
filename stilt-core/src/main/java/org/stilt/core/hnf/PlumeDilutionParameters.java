package org.stilt.core.hnf;

import java.util.Objects;

import org.stilt.core.InvalidInputException;

/**
 * Settings of {@link PlumeDilution}.
 *
 * <p>Thread-safety: an immutable record; safe to share.
 *
 * @param receptorZaglMeters the receptor height above ground (R-STILT's scalar {@code r_zagl}), the
 *                           start of every plume when the table has no {@code xhgt} column; NaN
 *                           when unknown (then the table must carry {@code xhgt})
 * @param veght              STILT's {@code veght}: the fraction of the mixed-layer height through
 *                           which surface fluxes are mixed (0.5 by default); must be finite and
 *                           &gt; 0
 * @param nanPolicy          what an undefined comparison does to {@code foot}
 * @param veghtRule          how {@code veght} gives the mixing depth
 */
public record PlumeDilutionParameters(double receptorZaglMeters, double veght, NanPolicy nanPolicy,
        VeghtRule veghtRule) {

    /** R-STILT's default {@code veght}. */
    public static final double DEFAULT_VEGHT = 0.5;

    /** Validates the values. */
    public PlumeDilutionParameters {
        Objects.requireNonNull(nanPolicy, "nanPolicy");
        Objects.requireNonNull(veghtRule, "veghtRule");
        if (Double.isInfinite(receptorZaglMeters)) {
            throw new InvalidInputException("receptor zagl must be finite metres above ground, or NaN when every"
                    + " particle has an xhgt (got " + receptorZaglMeters + ")");
        }
        if (!(veght > 0) || Double.isInfinite(veght)) {
            throw new InvalidInputException("veght must be finite and > 0 (got " + veght + ")");
        }
    }

    /** R-STILT's behaviour: {@link NanPolicy#R_STILT}, {@link VeghtRule#R_STILT}. */
    public static PlumeDilutionParameters rStilt(double receptorZaglMeters, double veght) {
        return new PlumeDilutionParameters(receptorZaglMeters, veght, NanPolicy.R_STILT, VeghtRule.R_STILT);
    }

    /** The same settings with another NaN policy. */
    public PlumeDilutionParameters withNanPolicy(NanPolicy policy) {
        return new PlumeDilutionParameters(receptorZaglMeters, veght, policy, veghtRule);
    }

    /** The same settings with another veght rule. */
    public PlumeDilutionParameters withVeghtRule(VeghtRule rule) {
        return new PlumeDilutionParameters(receptorZaglMeters, veght, nanPolicy, rule);
    }
}
