package org.stilt.core.met.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.stilt.core.InvalidInputException;

/**
 * How much time one met file covers: R-STILT's {@code met_file_tres}, e.g. {@code "6 hours"}.
 *
 * <p>Accepted forms (case-insensitive, optional count, optional space): {@code "1 day"}, {@code "day"},
 * {@code "1d"}; {@code "6 hours"}, {@code "1 hour"}, {@code "hour"}, {@code "6h"}, {@code "6 hr"}; {@code "30 mins"},
 * {@code "30 minutes"}, {@code "30min"}. R itself ({@code seq.POSIXt}) only understands the long forms with a space;
 * the short forms are a stilt-java convenience. The count must be a whole number that divides the enclosing unit:
 * minutes divide 60, hours divide 24, days must be 1. Other counts (e.g. {@code "5 hours"}, {@code "2 days"}) are
 * rejected: with them lubridate restarts its grid every day (or month) while R's {@code seq} keeps counting, so the
 * file times R asks for are not evenly spaced.
 *
 * <p>{@link #floor} and {@link #ceiling} are lubridate's {@code floor_date}/{@code ceiling_date} (timechange civil
 * rounding, UTC, {@code change_on_boundary = FALSE}) for the accepted units: {@code "6 hours"} floors to 00, 06, 12
 * or 18 h of the UTC day, {@code "1 day"} to midnight, {@code "30 mins"} to :00 or :30; the ceiling of a time already
 * on the grid is that time. Because every accepted step divides the day, this is also rounding on the grid of
 * multiples of the step since 1970-01-01T00:00Z.
 *
 * @param count number of units per file, &gt;= 1 and a divisor of the enclosing unit
 * @param unit  the unit
 *
 * <p>Thread-safety: immutable value.
 */
public record MetFileResolution(int count, Unit unit) {

    /** The time unit of a resolution. */
    public enum Unit {
        /** Minutes; the count divides 60. */
        MINUTES(60, 60),
        /** Hours; the count divides 24. */
        HOURS(3600, 24),
        /** Days; the count is 1. */
        DAYS(86400, 1);

        private final long seconds;
        private final int divides;

        Unit(long seconds, int divides) {
            this.seconds = seconds;
            this.divides = divides;
        }
    }

    /** The forms {@link #parse} accepts, for messages and help texts. */
    public static final String ACCEPTED_FORMS = "\"<n> days\"/\"1 day\"/\"1d\" (n = 1), \"<n> hours\"/\"<n> hour\"/"
            + "\"<n>h\" (n divides 24), \"<n> mins\"/\"<n> minutes\"/\"<n>min\" (n divides 60)";

    private static final Pattern FORM = Pattern.compile(
            "\\s*(\\d{1,9})?\\s*(days?|d|hours?|hrs?|h|minutes?|mins?)\\s*", Pattern.CASE_INSENSITIVE);

    /** The R-STILT default, {@code "6 hours"}. */
    public static final MetFileResolution SIX_HOURS = new MetFileResolution(6, Unit.HOURS);

    public MetFileResolution {
        Objects.requireNonNull(unit, "unit");
        if (count < 1 || unit.divides % count != 0) {
            throw new InvalidInputException("met file resolution \"" + describe(count, unit) + "\" is not supported: "
                    + switch (unit) {
                        case MINUTES -> "the number of minutes must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60)";
                        case HOURS -> "the number of hours must divide 24 (1, 2, 3, 4, 6, 8, 12, 24)";
                        case DAYS -> "daily files must be \"1 day\"";
                    });
        }
    }

    /**
     * Parses a resolution as users write it ({@code met_file_tres}).
     *
     * @throws InvalidInputException naming the value and the accepted forms
     */
    public static MetFileResolution parse(String text) {
        Objects.requireNonNull(text, "met file resolution");
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new InvalidInputException("met file resolution \"" + text + "\" is not understood; accepted forms: "
                    + ACCEPTED_FORMS + ", e.g. \"6 hours\" or \"1 day\"");
        }
        int count = m.group(1) == null ? 1 : Integer.parseInt(m.group(1));
        String u = m.group(2).toLowerCase(Locale.ROOT);
        Unit unit = u.startsWith("d") ? Unit.DAYS : u.startsWith("h") ? Unit.HOURS : Unit.MINUTES;
        return new MetFileResolution(count, unit);
    }

    /** The length of one file's time span. */
    public Duration step() {
        return Duration.ofSeconds(stepSeconds());
    }

    private long stepSeconds() {
        return count * unit.seconds;
    }

    /** lubridate {@code floor_date(t, this)}: the latest grid time at or before {@code t}. */
    public Instant floor(Instant t) {
        long s = t.getEpochSecond();
        return Instant.ofEpochSecond(s - Math.floorMod(s, stepSeconds()));
    }

    /**
     * lubridate {@code ceiling_date(t, this)} for date-times ({@code change_on_boundary = FALSE}): {@code t} itself
     * when it is on the grid, otherwise the next grid time.
     */
    public Instant ceiling(Instant t) {
        Instant f = floor(t);
        return f.equals(t) ? t : f.plusSeconds(stepSeconds());
    }

    /** The canonical R form, e.g. {@code "6 hours"}, {@code "1 day"}, {@code "30 mins"}. */
    @Override
    public String toString() {
        return describe(count, unit);
    }

    private static String describe(int count, Unit unit) {
        String name = switch (unit) {
            case MINUTES -> "min";
            case HOURS -> "hour";
            case DAYS -> "day";
        };
        return count + " " + name + (count == 1 ? "" : "s");
    }
}
