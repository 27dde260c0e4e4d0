package org.stilt.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.stilt.core.InvalidInputException;
import org.stilt.core.UnreadableInputException;

/**
 * Reads {@code --release-heights FILE}: one release height in metres above ground per line, in particle order.
 * Blank lines are skipped; {@code #} starts a comment (whole line or after the value). Every other line must hold
 * exactly one finite number &gt;= 0; anything else is an error naming the file, the line number and the text.
 *
 * <p>Thread-safety: stateless.
 */
final class ReleaseHeightsFile {

    private ReleaseHeightsFile() {
    }

    /**
     * The heights in file order, metres AGL.
     *
     * @throws UnreadableInputException if the file is missing or unreadable
     * @throws InvalidInputException    for a bad line or a file without any height
     */
    static double[] read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UnreadableInputException("release heights file " + file + " cannot be read ("
                    + (Files.exists(file) ? e.toString() : "it does not exist") + ")", e);
        }
        double[] heights = new double[lines.size()];
        int n = 0;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            int hash = text.indexOf('#');
            String value = (hash >= 0 ? text.substring(0, hash) : text).strip();
            if (value.isEmpty()) {
                continue;
            }
            double z;
            try {
                z = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw bad(file, i + 1, value, "not a number");
            }
            if (!Double.isFinite(z) || z < 0) {
                throw bad(file, i + 1, value, "not a finite height >= 0");
            }
            heights[n++] = z;
        }
        if (n == 0) {
            throw new InvalidInputException("release heights file " + file
                    + " holds no height; expected one height in m AGL per line, one line per particle");
        }
        return java.util.Arrays.copyOf(heights, n);
    }

    private static InvalidInputException bad(Path file, int line, String value, String problem) {
        return new InvalidInputException("release heights file " + file + " line " + line + ": '" + value + "' is "
                + problem + "; expected one height in m AGL per line (blank lines and # comments are ignored)");
    }
}
