package org.stilt.core.run.hysplit;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.stilt.core.project.ProjectConfig;
import org.stilt.core.project.RNumberFormat;
import org.stilt.core.project.Receptor;
import org.stilt.core.project.SetupNamelist;
import org.stilt.core.project.SetupParameter;
import org.stilt.core.project.TransportErrors;

/**
 * The input files R-STILT writes for HYSPLIT's {@code hycs_std} ({@code stilt-reference.md} §2.2–2.4), byte for byte:
 * {@code CONTROL} ({@code write_control.r}), {@code SETUP.CFG} ({@code write_setup.r}), {@code ZICONTROL},
 * {@code WINDERR}, {@code ZIERR}.
 *
 * <p>Thread-safety: stateless.
 */
public final class HysplitInputs {

    private static final DateTimeFormatter CONTROL_TIME = DateTimeFormatter.ofPattern("yy MM dd HH mm")
            .withZone(ZoneOffset.UTC);

    /** The 22 fixed lines after the met files; {@code %s} is {@code emisshrs}. */
    private static final String FIXED_BLOCK = "1\ntest\n1\n%s\n00 00 00 00 00\n1\n0.0 0.0\n0.5 0.5\n30.0 30.0\n./\n"
            + "cdump\n1\n100\n00 00 00 00 00\n00 00 00 00 00\n00 2 00\n1\n0.0 0.0 0.0\n0.0 0.0 0.0 0.0 0.0\n"
            + "0.0 0.0 0.0\n0.0\n0.0\n";

    private HysplitInputs() {
    }

    /**
     * {@code CONTROL}: receptor time ({@code %y %m %d %H %M}), one {@code lat lon zagl} line per release height (two
     * for a column), {@code n_hours}, {@code w_option}, {@code z_top} with at least one decimal, the met files
     * (directory with a trailing slash and space, then the name), the fixed pollutant/grid/deposition block.
     */
    public static String control(ProjectConfig c, Receptor r, List<Path> metFiles) {
        StringBuilder sb = new StringBuilder();
        sb.append(CONTROL_TIME.format(r.time())).append('\n');
        String lat = RNumberFormat.asCharacter(r.latitudeDegrees());
        String lon = RNumberFormat.asCharacter(r.longitudeDegrees());
        if (r.isColumn()) {
            sb.append("2\n");
            sb.append(lat).append(' ').append(lon).append(' ').append(RNumberFormat.asCharacter(r.altitudeMeters()))
                    .append('\n');
            sb.append(lat).append(' ').append(lon).append(' ')
                    .append(RNumberFormat.asCharacter(r.altitudeTopMeters())).append('\n');
        } else {
            sb.append("1\n");
            sb.append(lat).append(' ').append(lon).append(' ').append(RNumberFormat.asCharacter(r.altitudeMeters()))
                    .append('\n');
        }
        sb.append(c.nHours()).append('\n');
        sb.append(c.wOption().code()).append('\n');
        sb.append(atLeastOneDecimal(c.zTopMeters())).append('\n');
        sb.append(metFiles.size()).append('\n');
        for (Path p : metFiles) {
            Path dir = p.getParent();
            sb.append(dir == null ? "./" : dir.toString().endsWith("/") ? dir.toString() : dir + "/").append(" \n");
            sb.append(p.getFileName()).append('\n');
        }
        sb.append(String.format(Locale.ROOT, FIXED_BLOCK, RNumberFormat.asCharacter(c.emisshrsHours())));
        return sb.toString();
    }

    /**
     * {@code SETUP.CFG}: {@code $SETUP}, one {@code KEY=value,} per line in R-STILT's order with the derived keys
     * (IVMAX, MHRS, NBPTYP, NUMPAR, VARSIWANT, WINDERRTF, ZICONTROLTF), {@code $END}. Numbers as R's
     * {@code format(x, scientific = FALSE)} (7 significant digits), strings unquoted, WVERT as TRUE/FALSE.
     *
     * @param winderrtf 0 for the main run; 1, 2 or 3 for the transport-error run
     */
    public static String setup(ProjectConfig c, int winderrtf) {
        SetupNamelist s = c.setup();
        StringBuilder sb = new StringBuilder("$SETUP\n");
        for (SetupParameter p : SetupParameter.values()) {
            String value = switch (p) {
                case MAXPAR -> Integer.toString(s.maxpar());
                case WVERT -> s.flag(p) ? "TRUE" : "FALSE";
                default -> switch (p.type()) {
                    case INTEGER -> Integer.toString(s.integer(p));
                    case REAL -> rFormat(s.real(p));
                    case TEXT -> s.text(p);
                    case BOOLEAN -> s.flag(p) ? "1" : "0";
                };
            };
            line(sb, p.namelistName(), value);
            switch (p) {
                case INITD -> line(sb, "IVMAX", Integer.toString(c.varsiwant().size()));
                case MGMIN -> {
                    line(sb, "MHRS", "9999");
                    line(sb, "NBPTYP", "1");
                }
                case NTURB -> line(sb, "NUMPAR", Integer.toString(c.numpar()));
                case TVMIX -> line(sb, "VARSIWANT", String.join(", ", c.varsiwant().stream()
                        .map(v -> "'" + v + "'").toList()));
                default -> {
                }
            }
        }
        line(sb, "WINDERRTF", Integer.toString(winderrtf));
        line(sb, "ZICONTROLTF", c.zicontroltf() ? "1" : "0");
        return sb.append("$END\n").toString();
    }

    /** {@code ZICONTROL}: the number of factors, then one per line. */
    public static String zicontrol(List<Double> ziscale) {
        StringBuilder sb = new StringBuilder().append(ziscale.size()).append('\n');
        ziscale.forEach(z -> sb.append(RNumberFormat.asCharacter(z)).append('\n'));
        return sb.toString();
    }

    /** {@code WINDERR}: siguverr, tluverr, zcoruverr, horcoruverr, one per line. */
    public static String winderr(TransportErrors t) {
        return lines(t.siguverrMetersPerSecond(), t.tluverrMinutes(), t.zcoruverrMeters(),
                t.horcoruverrKilometers());
    }

    /** {@code ZIERR}: sigzierr, tlzierr, horcorzierr, one per line. */
    public static String zierr(TransportErrors t) {
        return lines(t.sigzierrPercent(), t.tlzierrMinutes(), t.horcorzierrKilometers());
    }

    private static String lines(Double... values) {
        StringBuilder sb = new StringBuilder();
        for (Double v : values) {
            sb.append(RNumberFormat.asCharacter(v)).append('\n');
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(key).append('=').append(value).append(",\n");
    }

    /** R's {@code format(x, scientific = FALSE)} with 7 significant digits: {@code 0.3333333}, {@code 0.00001}. */
    static String rFormat(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return new BigDecimal(x).round(new MathContext(7)).stripTrailingZeros().toPlainString();
    }

    /** {@code 25000.0}: a whole number with one decimal, others as R writes them. */
    static String atLeastOneDecimal(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? (long) x + ".0" : RNumberFormat.asCharacter(x);
    }
}
