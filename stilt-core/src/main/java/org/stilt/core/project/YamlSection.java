package org.stilt.core.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.stilt.core.text.KeySuggestion;
import org.stilt.core.InvalidInputException;

/**
 * One mapping of a parsed YAML document with typed, key-naming accessors: every error names the
 * file, the full key path, the value found and what is expected.
 *
 * <p>Thread-safety: not thread-safe; used by one loader call.
 */
final class YamlSection {

    private final String where;
    private final String path;
    private final Map<String, Object> map = new LinkedHashMap<>();

    YamlSection(String where, String path, Map<?, ?> raw) {
        this.where = where;
        this.path = path;
        raw.forEach((k, v) -> map.put(String.valueOf(k), v));
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Set<String> keys() {
        return map.keySet();
    }

    boolean has(String key) {
        return map.containsKey(key);
    }

    InvalidInputException error(String key, String expected) {
        return new InvalidInputException(where + ": " + path(key) + " is " + describe(map.get(key)) + "; expected "
                + expected);
    }

    InvalidInputException error(String message) {
        return new InvalidInputException(where + ": " + message);
    }

    /**
     * Rejects keys outside {@code valid}, naming the closest valid key; {@code hint} may add a
     * sentence for a particular unknown key (or return null).
     */
    void allowOnly(Set<String> valid, java.util.function.Function<String, String> hint) {
        for (String k : map.keySet()) {
            if (!valid.contains(k)) {
                String h = hint.apply(k);
                String best = KeySuggestion.closest(k, valid);
                throw new InvalidInputException(where + ": unknown key '" + path(k) + "'"
                        + (h != null ? "; " + h : best != null ? "; did you mean '" + path(best) + "'?" : "")
                        + " Valid keys" + (path.isEmpty() ? "" : " of " + path) + ": " + new TreeSet<>(valid)
                        + " (see docs/configuration.md)");
            }
        }
    }

    YamlSection section(String key) {
        Object v = map.get(key);
        if (v == null) {
            return new YamlSection(where, path(key), Map.of());
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw error(key, "a mapping of keys");
        }
        return new YamlSection(where, path(key), m);
    }

    Object raw(String key) {
        return map.get(key);
    }

    private Object present(String key, String expected) {
        Object v = map.get(key);
        if (v == null) {
            throw new InvalidInputException(where + ": " + path(key) + (map.containsKey(key) ? " is empty" : " is missing")
                    + "; expected " + expected);
        }
        return v;
    }

    int integer(String key, int dflt) {
        return has(key) ? integer(key) : dflt;
    }

    int integer(String key) {
        Object v = present(key, "a whole number");
        Long l = toLong(v);
        if (l == null || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw error(key, "a whole number");
        }
        return l.intValue();
    }

    long longValue(String key, long dflt) {
        if (!has(key)) {
            return dflt;
        }
        Long l = toLong(present(key, "a whole number"));
        if (l == null) {
            throw error(key, "a whole number");
        }
        return l;
    }

    Integer optionalInteger(String key, Integer dflt) {
        if (!has(key)) {
            return dflt;
        }
        return isNa(map.get(key)) ? null : integer(key);
    }

    double number(String key, double dflt) {
        return has(key) ? number(key) : dflt;
    }

    double number(String key) {
        Object v = present(key, "a number");
        Double d = toDouble(v);
        if (d == null || !Double.isFinite(d)) {
            throw error(key, "a number");
        }
        return d;
    }

    Double optionalNumber(String key) {
        return !has(key) || isNa(map.get(key)) ? null : number(key);
    }

    boolean bool(String key, boolean dflt) {
        if (!has(key)) {
            return dflt;
        }
        Object v = present(key, "true or false");
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Integer i && (i == 0 || i == 1)) {
            return i == 1;
        }
        throw error(key, "true or false");
    }

    String text(String key, String dflt) {
        return has(key) ? text(key) : dflt;
    }

    String text(String key) {
        Object v = present(key, "text");
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number) {
            return String.valueOf(v);
        }
        throw error(key, "text" + (v instanceof Boolean ? " (put it in quotes)" : ""));
    }

    String optionalText(String key) {
        return !has(key) || map.get(key) == null ? null : text(key);
    }

    List<String> texts(String key, List<String> dflt) {
        if (!has(key)) {
            return dflt;
        }
        Object v = present(key, "a list of names, e.g. [time, indx, long, lati]");
        if (!(v instanceof List<?> l)) {
            throw error(key, "a list of names, e.g. [time, indx, long, lati]");
        }
        List<String> out = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof String s)) {
                throw error(path(key) + " has " + describe(o) + "; expected a name");
            }
            out.add(s);
        }
        return out;
    }

    List<Double> numbers(String key, List<Double> dflt) {
        if (!has(key)) {
            return dflt;
        }
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw error(key, "a list of numbers, e.g. [1, 1, 1.2]");
        }
        List<Double> out = new ArrayList<>();
        for (Object o : l) {
            Double d = toDouble(o);
            if (d == null || !Double.isFinite(d)) {
                throw error(path(key) + " has " + describe(o) + "; expected a number");
            }
            out.add(d);
        }
        return out;
    }

    private static boolean isNa(Object v) {
        return v == null || "NA".equals(v);
    }

    private static Long toLong(Object v) {
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof java.math.BigInteger) {
            return null;
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Double toDouble(Object v) {
        if (v instanceof Number n) {
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

    /** A value as messages show it, with its YAML kind. */
    static String describe(Object v) {
        if (v == null) {
            return "empty";
        }
        if (v instanceof String s) {
            return "\"" + s + "\" (text)";
        }
        if (v instanceof Boolean) {
            return v + " (a boolean)";
        }
        if (v instanceof Number) {
            return v + " (a number)";
        }
        if (v instanceof List<?>) {
            return v + " (a list)";
        }
        if (v instanceof Map<?, ?>) {
            return "a mapping " + v;
        }
        return String.valueOf(v);
    }
}
