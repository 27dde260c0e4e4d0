package org.stilt.core.met.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.stilt.core.text.KeySuggestion;
import org.stilt.core.text.SafeYaml;
import org.stilt.core.InvalidInputException;
import org.stilt.core.UnreadableInputException;
import org.stilt.core.met.VerticalCoordinate;

/**
 * Reads a synthetic-met description from YAML (schema: docs/met-synth.md). Every error names the
 * key path ({@code wind.shear.du_dz}), the bad value and the expected form; an unknown key is named
 * with the closest valid key.
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
public final class SyntheticMetYaml {

    /**
     * A parsed description: the spec and the optional output section.
     *
     * <p>Thread-safety: immutable value; safe to share.
     *
     * @param spec   the design
     * @param output where the YAML asks the files to be written
     */
    public record Description(SyntheticMetSpec spec, Output output) {
    }

    /**
     * Where to write: {@code file} (one file) or {@code daily} (strftime pattern, one file per
     * UTC day); both null when the YAML has no output section.
     *
     * <p>Thread-safety: immutable value; safe to share.
     *
     * @param file  single output file name, or null
     * @param daily daily file-name pattern, or null
     */
    public record Output(String file, String daily) {
    }

    private static final Set<String> TOP = Set.of("source", "grid", "levels", "times", "wind", "omega", "diurnal",
            "surface", "terrain", "atmosphere", "output");

    private SyntheticMetYaml() {
    }

    /** Reads a YAML file. @throws UnreadableInputException when it cannot be read */
    public static Description read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UnreadableInputException("synthetic met YAML " + file + " does not exist");
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read synthetic met YAML " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses YAML text; {@code where} names it in messages. */
    public static Description parse(String text, String where) {
        Object root = SafeYaml.load(text, where);
        if (!(root instanceof Map<?, ?>)) {
            throw new InvalidInputException(where + ": expected a mapping with keys " + new TreeSet<>(TOP)
                    + "; got " + describe(root));
        }
        Node top = new Node(where, "", root);
        top.allow(TOP);
        SyntheticMetSpec.Builder b = SyntheticMetSpec.builder();
        try {
            if (top.has("source")) {
                b.source(top.string("source"));
            }
            b.grid(grid(top.child("grid")));
            if (top.has("levels")) {
                b.levels(levels(top.child("levels")));
            }
            b.times(times(top.child("times")));
            if (top.has("wind")) {
                b.wind(wind(top.child("wind")));
            }
            if (top.has("omega")) {
                b.omega(omega(top.child("omega")));
            }
            if (top.has("diurnal")) {
                Node d = top.child("diurnal");
                d.allow(Set.of("utc_offset_h", "peak_local_h"));
                b.diurnal(new SyntheticMetSpec.Diurnal(d.number("utc_offset_h", 0.0), d.number("peak_local_h", 14.0)));
            }
            if (top.has("surface")) {
                b.surface(surface(top.child("surface")));
            }
            if (top.has("terrain")) {
                b.terrain(terrain(top.child("terrain")));
            }
            if (top.has("atmosphere")) {
                b.atmosphere(atmosphere(top.child("atmosphere")));
            }
            Output out = new Output(null, null);
            if (top.has("output")) {
                Node o = top.child("output");
                o.allow(Set.of("file", "daily"));
                out = new Output(o.has("file") ? o.string("file") : null, o.has("daily") ? o.string("daily") : null);
                if (out.file() != null && out.daily() != null) {
                    throw new InvalidInputException(where + ": output has both 'file' and 'daily'; expected one of them");
                }
            }
            return new Description(b.build(), out);
        } catch (InvalidInputException e) {
            if (e.getMessage().startsWith(where)) {
                throw e;
            }
            throw new InvalidInputException(where + ": " + e.getMessage(), e);
        }
    }

    private static SyntheticMetSpec.Grid grid(Node g) {
        String kind = g.has("kind") ? g.choice("kind", List.of("latlon", "lambert")) : "latlon";
        boolean lambert = kind.equals("lambert");
        g.allow(lambert ? Set.of("kind", "corner", "centre", "center", "spacing", "size", "true_lat", "central_lon")
                : Set.of("kind", "corner", "centre", "center", "spacing", "size"));
        int[] size = g.intPair("size", "[nx, ny], e.g. [101, 71]");
        String centreKey = g.has("centre") ? "centre" : g.has("center") ? "center" : null;
        if ((centreKey == null) == !g.has("corner")) {
            throw g.error("", "grid needs exactly one of 'corner' [lat, lon] (point (1,1)) or 'centre' [lat, lon]");
        }
        double[] at = g.pair(centreKey != null ? centreKey : "corner", "[lat, lon], e.g. [37.0, -116.0]");
        if (lambert) {
            double dx = g.number("spacing");
            double trueLat = g.number("true_lat");
            double centralLon = g.number("central_lon");
            return centreKey != null
                    ? SyntheticMetSpec.LambertGrid.centredAt(trueLat, centralLon, dx, at[0], at[1], size[0], size[1])
                    : SyntheticMetSpec.LambertGrid.cornerAt(trueLat, centralLon, dx, at[0], at[1], size[0], size[1]);
        }
        double[] d = g.numberOrPair("spacing", "degrees: one number or [dlat, dlon]");
        return centreKey != null
                ? SyntheticMetSpec.LatLonGrid.centredAt(at[0], at[1], d[0], d[1], size[0], size[1])
                : new SyntheticMetSpec.LatLonGrid(at[0], at[1], d[0], d[1], size[0], size[1]);
    }

    private static SyntheticMetSpec.Levels levels(Node l) {
        l.allow(Set.of("coordinate", "values"));
        String c = l.choice("coordinate", List.of("sigma", "pressure"));
        VerticalCoordinate vc = c.equals("sigma") ? VerticalCoordinate.SIGMA : VerticalCoordinate.PRESSURE;
        if (!l.has("values")) {
            return vc == VerticalCoordinate.SIGMA ? SyntheticMetSpec.Levels.hrrrSigma()
                    : SyntheticMetSpec.Levels.standardPressure();
        }
        Object v = l.raw("values");
        if (v instanceof String s && (s.equals("hrrr") || s.equals("standard"))) {
            return s.equals("hrrr") ? new SyntheticMetSpec.Levels(vc, SyntheticMetSpec.HRRR_SIGMA_LEVELS)
                    : new SyntheticMetSpec.Levels(vc, SyntheticMetSpec.STANDARD_PRESSURE_LEVELS_HPA);
        }
        return new SyntheticMetSpec.Levels(vc, l.numbers("values", "a list of level values from the lowest up, "
                + "'hrrr' (sigma) or 'standard' (pressure)"));
    }

    private static SyntheticMetSpec.Times times(Node t) {
        t.allow(Set.of("start", "interval", "count", "hours"));
        Instant start = t.instant("start");
        Duration interval = t.has("interval") ? t.duration("interval") : Duration.ofHours(1);
        if (t.has("count") == t.has("hours")) {
            throw t.error("", "times needs exactly one of 'count' (number of periods) or 'hours' (span; count = hours/interval + 1)");
        }
        int count;
        if (t.has("count")) {
            count = t.integer("count");
        } else {
            double hours = t.number("hours");
            double n = hours * 3600.0 / interval.getSeconds();
            if (hours < 0 || n != Math.rint(n)) {
                throw t.error("hours", "a span >= 0 that is a whole number of intervals (" + interval + ")");
            }
            count = (int) n + 1;
        }
        return new SyntheticMetSpec.Times(start, interval, count);
    }

    private static SyntheticMetSpec.Wind wind(Node w) {
        w.allow(Set.of("u", "v", "shear", "hourly", "rotation"));
        double du = 0;
        double dv = 0;
        double top = 3000;
        if (w.has("shear")) {
            Node s = w.child("shear");
            s.allow(Set.of("du_dz", "dv_dz", "top_m"));
            du = s.number("du_dz", 0.0);
            dv = s.number("dv_dz", 0.0);
            top = s.number("top_m", 3000.0);
        }
        List<SyntheticMetSpec.HourlyWind> hourly = new ArrayList<>();
        if (w.has("hourly")) {
            List<double[]> pairs = w.pairs("hourly", "a list of [u, v] per hour, e.g. [[5, 1], [6, 0.5]]");
            for (double[] p : pairs) {
                hourly.add(new SyntheticMetSpec.HourlyWind(p[0], p[1]));
            }
        }
        SyntheticMetSpec.Rotation rot = null;
        if (w.has("rotation")) {
            Node r = w.child("rotation");
            r.allow(Set.of("centre", "center", "omega_rad_s"));
            double[] c = r.pair(r.has("center") ? "center" : "centre", "[lat, lon]");
            rot = new SyntheticMetSpec.Rotation(c[0], c[1], r.number("omega_rad_s"));
        }
        return new SyntheticMetSpec.Wind(w.number("u", 0.0), w.number("v", 0.0), du, dv, top, hourly, rot);
    }

    private static SyntheticMetSpec.Omega omega(Node o) {
        o.allow(Set.of("hpa_per_s", "pa_per_s", "profile_top_m"));
        if (o.has("hpa_per_s") && o.has("pa_per_s")) {
            throw o.error("", "omega has both 'hpa_per_s' and 'pa_per_s'; expected one of them");
        }
        double w = o.has("pa_per_s") ? o.number("pa_per_s") / 100.0 : o.number("hpa_per_s", 0.0);
        return new SyntheticMetSpec.Omega(w, o.number("profile_top_m", 0.0));
    }

    private static SyntheticMetSpec.Surface surface(Node s) {
        s.allow(Set.of("pblh_m", "shtf_w_m2", "lhtf_w_m2", "ustr_m_s", "dswf_w_m2", "pressure_hpa", "momentum_fluxes"));
        SyntheticMetSpec.Surface d = SyntheticMetSpec.Surface.defaults();
        return new SyntheticMetSpec.Surface(s.range("pblh_m", d.pblhMeters()), s.range("shtf_w_m2", d.sensibleHeatFluxWm2()),
                s.range("lhtf_w_m2", d.latentHeatFluxWm2()), s.range("ustr_m_s", d.frictionVelocityMs()),
                s.range("dswf_w_m2", d.shortwaveDownWm2()), s.has("pressure_hpa") ? s.number("pressure_hpa") : null,
                s.has("momentum_fluxes") && s.bool("momentum_fluxes"));
    }

    private static SyntheticMetSpec.Terrain terrain(Node t) {
        String kind = t.choice("kind", List.of("flat", "gaussian_hill", "slope"));
        switch (kind) {
            case "flat" -> {
                t.allow(Set.of("kind", "height_m"));
                return new SyntheticMetSpec.Flat(t.number("height_m", 0.0));
            }
            case "gaussian_hill" -> {
                t.allow(Set.of("kind", "base_m", "peak_m", "centre", "center", "radius_km"));
                double[] c = t.pair(t.has("center") ? "center" : "centre", "[lat, lon]");
                return new SyntheticMetSpec.GaussianHill(t.number("base_m", 0.0), t.number("peak_m"), c[0], c[1],
                        t.number("radius_km"));
            }
            default -> {
                t.allow(Set.of("kind", "base_m", "reference", "m_per_km_east", "m_per_km_north"));
                double[] c = t.pair("reference", "[lat, lon] of the point at base_m");
                return new SyntheticMetSpec.LinearSlope(t.number("base_m", 0.0), c[0], c[1],
                        t.number("m_per_km_east", 0.0), t.number("m_per_km_north", 0.0));
            }
        }
    }

    private static SyntheticMetSpec.Atmosphere atmosphere(Node a) {
        a.allow(Set.of("sea_level_t_k", "lapse_k_per_km", "tropopause_t_k", "sphu_kg_kg", "relh_percent"));
        SyntheticMetSpec.Atmosphere d = SyntheticMetSpec.Atmosphere.standard();
        return new SyntheticMetSpec.Atmosphere(a.number("sea_level_t_k", d.seaLevelTemperatureKelvin()),
                a.number("lapse_k_per_km", d.lapseRateKelvinPerKm()),
                a.number("tropopause_t_k", d.tropopauseTemperatureKelvin()),
                a.number("sphu_kg_kg", d.specificHumidityKgPerKg()),
                a.number("relh_percent", d.relativeHumidityPercent()));
    }

    private static String describe(Object o) {
        if (o == null) {
            return "nothing (empty document)";
        }
        if (o instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (o instanceof List<?>) {
            return "a list " + o;
        }
        return "'" + o + "'";
    }

    /** A mapping at a key path, with typed, error-naming accessors. */
    private static final class Node {
        private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(m|min|minutes?|h|hours?|d|days?)");

        final String where;
        final String path;
        final Map<?, ?> map;

        Node(String where, String path, Object value) {
            this.where = where;
            this.path = path;
            this.map = (Map<?, ?>) value;
        }

        private String key(String k) {
            return path.isEmpty() ? k : path + "." + k;
        }

        InvalidInputException error(String k, String expected) {
            if (k.isEmpty()) {
                return new InvalidInputException(where + ": " + (path.isEmpty() ? "" : path + ": ") + expected);
            }
            return new InvalidInputException(where + ": " + key(k) + " is " + describe(map.get(k)) + "; expected " + expected);
        }

        void allow(Set<String> keys) {
            for (Object k : map.keySet()) {
                String s = String.valueOf(k);
                if (!keys.contains(s)) {
                    String best = KeySuggestion.closest(s, keys);
                    throw new InvalidInputException(where + ": unknown key '" + key(s) + "'; did you mean '" + key(best)
                            + "'? Valid keys" + (path.isEmpty() ? "" : " of " + path) + ": " + new TreeSet<>(keys));
                }
            }
        }

        boolean has(String k) {
            return map.containsKey(k);
        }

        Object raw(String k) {
            if (!map.containsKey(k) || map.get(k) == null) {
                throw new InvalidInputException(where + ": " + key(k) + " is missing");
            }
            return map.get(k);
        }

        Node child(String k) {
            Object v = raw(k);
            if (!(v instanceof Map<?, ?>)) {
                throw error(k, "a mapping of keys (see docs/met-synth.md)");
            }
            return new Node(where, key(k), v);
        }

        String string(String k) {
            Object v = raw(k);
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                throw error(k, "a text value");
            }
            return String.valueOf(v);
        }

        String choice(String k, List<String> options) {
            String s = string(k).toLowerCase(Locale.ROOT);
            if (!options.contains(s)) {
                throw error(k, "one of " + options);
            }
            return s;
        }

        boolean bool(String k) {
            Object v = raw(k);
            if (!(v instanceof Boolean b)) {
                throw error(k, "true or false");
            }
            return b;
        }

        private static Double toDouble(Object v) {
            if (v instanceof Number n && !(v instanceof Boolean)) {
                return n.doubleValue();
            }
            if (v instanceof String s) {
                try {
                    return Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return null;
        }

        double number(String k) {
            Double d = toDouble(raw(k));
            if (d == null || !Double.isFinite(d)) {
                throw error(k, "a number");
            }
            return d;
        }

        double number(String k, double dflt) {
            return has(k) ? number(k) : dflt;
        }

        int integer(String k) {
            double d = number(k);
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw error(k, "a whole number");
            }
            return (int) d;
        }

        List<Double> numbers(String k, String expected) {
            Object v = raw(k);
            if (!(v instanceof List<?> l) || l.isEmpty()) {
                throw error(k, expected);
            }
            List<Double> out = new ArrayList<>();
            for (Object o : l) {
                Double d = toDouble(o);
                if (d == null || !Double.isFinite(d)) {
                    throw new InvalidInputException(where + ": " + key(k) + " has " + describe(o) + "; expected " + expected);
                }
                out.add(d);
            }
            return out;
        }

        double[] pair(String k, String expected) {
            List<Double> l = numbers(k, expected);
            if (l.size() != 2) {
                throw error(k, expected);
            }
            return new double[] {l.get(0), l.get(1)};
        }

        int[] intPair(String k, String expected) {
            double[] p = pair(k, expected);
            if (p[0] != Math.rint(p[0]) || p[1] != Math.rint(p[1])) {
                throw error(k, expected);
            }
            return new int[] {(int) p[0], (int) p[1]};
        }

        double[] numberOrPair(String k, String expected) {
            Object v = raw(k);
            if (v instanceof List<?>) {
                return pair(k, expected);
            }
            double d = number(k);
            return new double[] {d, d};
        }

        List<double[]> pairs(String k, String expected) {
            Object v = raw(k);
            if (!(v instanceof List<?> l) || l.isEmpty()) {
                throw error(k, expected);
            }
            List<double[]> out = new ArrayList<>();
            for (Object o : l) {
                Double a = o instanceof List<?> p && p.size() == 2 ? toDouble(p.get(0)) : null;
                Double b = o instanceof List<?> p && p.size() == 2 ? toDouble(p.get(1)) : null;
                if (a == null || b == null) {
                    throw new InvalidInputException(where + ": " + key(k) + " has " + describe(o) + "; expected " + expected);
                }
                out.add(new double[] {a, b});
            }
            return out;
        }

        SyntheticMetSpec.DiurnalRange range(String k, SyntheticMetSpec.DiurnalRange dflt) {
            if (!has(k)) {
                return dflt;
            }
            if (raw(k) instanceof List<?>) {
                double[] p = pair(k, "a number or [min, max] for a diurnal cycle");
                return new SyntheticMetSpec.DiurnalRange(p[0], p[1]);
            }
            return SyntheticMetSpec.DiurnalRange.constant(number(k));
        }

        Instant instant(String k) {
            Object v = raw(k);
            if (v instanceof Date d) {
                return d.toInstant();
            }
            String s = String.valueOf(v).trim();
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e2) {
                    throw error(k, "an ISO-8601 UTC time, e.g. 2021-01-15T00:00:00Z");
                }
            }
        }

        Duration duration(String k) {
            String s = string(k).trim().toLowerCase(Locale.ROOT);
            Matcher m = DURATION.matcher(s);
            if (!m.matches()) {
                try {
                    return Duration.parse(s.toUpperCase(Locale.ROOT));
                } catch (DateTimeParseException e) {
                    throw error(k, "an interval such as 1h, 30min, 3 hours or PT1H");
                }
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2).charAt(0)) {
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
    }
}
