package org.stilt.core.text;

import java.util.Collection;
import java.util.Locale;

/**
 * The valid key closest to a mistyped one, for "did you mean" messages: the shortest valid key
 * that starts with it (abbreviations such as {@code lat} for {@code latitude}), else the one at
 * the smallest Levenshtein distance (ties: the alphabetically first).
 *
 * <p>Thread-safety: stateless.
 */
public final class KeySuggestion {

    private KeySuggestion() {
    }

    /** The candidate closest to {@code key}, or null when there are none. */
    public static String closest(String key, Collection<String> candidates) {
        String k = key.toLowerCase(Locale.ROOT);
        String prefixed = candidates.stream().filter(c -> k.length() >= 2 && c.startsWith(k))
                .min(java.util.Comparator.comparingInt(String::length).thenComparing(c -> c)).orElse(null);
        if (prefixed != null) {
            return prefixed;
        }
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : candidates.stream().sorted().toList()) {
            int d = distance(k, c);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    /** Levenshtein edit distance (insertions, deletions, substitutions each cost 1). */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
