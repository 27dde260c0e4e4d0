package org.stilt.core.met.catalog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.stilt.core.InvalidInputException;

/**
 * A strftime-style file name format ({@code met_file_format}, e.g. {@code "%Y%m%d.%Hz.hrrra"}), expanded for a UTC
 * time the way R's {@code strftime(t, tz = "UTC", format = ...)} does in the C locale.
 *
 * <p>Directives: {@code %Y} year (e.g. 2015), {@code %y} year in the century (00–99), {@code %m} month (01–12),
 * {@code %d} day of the month (01–31), {@code %e} day of the month space-padded (" 1"–"31"), {@code %H} hour
 * (00–23), {@code %M} minute (00–59), {@code %S} second (00–59), {@code %j} day of the year (001–366), {@code %b} and
 * {@code %h} English month abbreviation (Jan–Dec), {@code %B} English month name (January–December), {@code %F}
 * ({@code %Y-%m-%d}), {@code %T} ({@code %H:%M:%S}) and {@code %%} (a percent sign). Month names are always English:
 * R uses the current locale's names, which in the C or an English locale are the same. Any other directive, and a
 * lone {@code %} at the end, is rejected when the format is compiled.
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public final class StrftimePattern {

    /** The supported directive letters, for messages. */
    public static final String DIRECTIVES = "%Y %y %m %d %e %H %M %S %j %b %h %B %F %T %%";

    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"};

    private final String format;
    /** Literal text as String, directives as Character. */
    private final List<Object> parts;

    private StrftimePattern(String format, List<Object> parts) {
        this.format = format;
        this.parts = parts;
    }

    /**
     * Compiles a format.
     *
     * @throws InvalidInputException naming the format and the unknown directive
     */
    public static StrftimePattern compile(String format) {
        Objects.requireNonNull(format, "format");
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                literal.append(c);
                continue;
            }
            if (i + 1 == format.length()) {
                throw new InvalidInputException("file format \"" + format + "\" ends with a lone '%'; write %% for a"
                        + " percent sign (supported directives: " + DIRECTIVES + ")");
            }
            char d = format.charAt(++i);
            switch (d) {
                case '%' -> literal.append('%');
                case 'Y', 'y', 'm', 'd', 'e', 'H', 'M', 'S', 'j', 'b', 'h', 'B', 'F', 'T' -> {
                    if (!literal.isEmpty()) {
                        parts.add(literal.toString());
                        literal.setLength(0);
                    }
                    parts.add(d);
                }
                default -> throw new InvalidInputException("file format \"" + format + "\" uses the unsupported"
                        + " directive %" + d + " at position " + (i - 1) + "; supported: " + DIRECTIVES);
            }
        }
        if (!literal.isEmpty()) {
            parts.add(literal.toString());
        }
        return new StrftimePattern(format, List.copyOf(parts));
    }

    /** The format as written. */
    public String format() {
        return format;
    }

    /** Expands the format for {@code time} in UTC. */
    public String expand(Instant time) {
        ZonedDateTime t = time.atZone(ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(format.length() + 16);
        for (Object part : parts) {
            if (part instanceof String s) {
                sb.append(s);
            } else {
                append(sb, (Character) part, t);
            }
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, char directive, ZonedDateTime t) {
        switch (directive) {
            case 'Y' -> sb.append(t.getYear());
            case 'y' -> pad(sb, Math.floorMod(t.getYear(), 100), 2, '0');
            case 'm' -> pad(sb, t.getMonthValue(), 2, '0');
            case 'd' -> pad(sb, t.getDayOfMonth(), 2, '0');
            case 'e' -> pad(sb, t.getDayOfMonth(), 2, ' ');
            case 'H' -> pad(sb, t.getHour(), 2, '0');
            case 'M' -> pad(sb, t.getMinute(), 2, '0');
            case 'S' -> pad(sb, t.getSecond(), 2, '0');
            case 'j' -> pad(sb, t.getDayOfYear(), 3, '0');
            case 'b', 'h' -> sb.append(MONTHS[t.getMonthValue() - 1], 0, 3);
            case 'B' -> sb.append(MONTHS[t.getMonthValue() - 1]);
            case 'F' -> {
                append(sb, 'Y', t);
                sb.append('-');
                append(sb, 'm', t);
                sb.append('-');
                append(sb, 'd', t);
            }
            case 'T' -> {
                append(sb, 'H', t);
                sb.append(':');
                append(sb, 'M', t);
                sb.append(':');
                append(sb, 'S', t);
            }
            default -> throw new AssertionError("directive %" + directive + " passed compile()");
        }
    }

    private static void pad(StringBuilder sb, int value, int width, char fill) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append(fill);
        }
        sb.append(s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StrftimePattern p && p.format.equals(format);
    }

    @Override
    public int hashCode() {
        return format.hashCode();
    }

    /** The format as written. */
    @Override
    public String toString() {
        return format;
    }
}
