package org.stilt.core.particles;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

import org.stilt.core.InvalidInputException;
import org.stilt.core.UnreadableInputException;

/**
 * Reads an R-STILT particle table written as CSV (plain, or gzip-compressed: detected from the
 * file's magic bytes, whatever its name) into a {@link ParticleTable}.
 *
 * <p>Format: a header row of column names, then one row per particle per time step, fields
 * separated by commas; names and values may be enclosed in double quotes; blank lines are skipped;
 * {@code \r\n} line ends are accepted. Values are decimal numbers ({@code -112.001775},
 * {@code 5.7e-10}); {@code NA}, {@code NaN} and empty fields read as NaN; {@code Inf}/{@code -Inf}
 * as infinities. Units are those of the columns (see {@link ParticleTable}).
 *
 * <p>Only the requested columns are converted. The parser streams over bytes; numbers with at most
 * 2^53 as significand and a decimal exponent within ±22 are converted exactly (one correctly rounded
 * multiplication or division of two exact doubles, i.e. the same double as
 * {@link Double#parseDouble}), all others by {@link Double#parseDouble}.
 *
 * <p>Thread-safety: stateless static functions; safe for concurrent use.
 */
public final class ParticleCsvReader {

    private static final int BUFFER = 1 << 20;
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };
    private static final long MAX_EXACT = 1L << 53;

    private ParticleCsvReader() {
    }

    /**
     * {@code m / p} correctly rounded, for {@code 2^53 < m < 2^62} and {@code p} an exact power of
     * ten ≤ 1e22, or NaN when that cannot be guaranteed cheaply (the caller then uses
     * {@link Double#parseDouble}). Works in double-double arithmetic: q = m_hi/p, its exact
     * remainder by FMA, and the low part of m give the offset of the exact quotient from the rounded
     * result to about 2^-48 ulp; the result is returned only when that offset is clearly inside
     * half an ulp (i.e. not near a rounding tie).
     */
    static double divideCorrectlyRounded(long m, double p) {
        double mh = (double) m;
        long mhl = (long) mh;
        double ml = (double) (m - mhl); // exact: |m - mh| <= ulp(mh)/2 <= 2^9
        double q = mh / p;
        double r = Math.fma(-q, p, mh); // exact remainder of a correctly rounded division
        double c = (r + ml) / p;
        double d = q + c;
        double t = (q - d) + c; // exact quotient minus d, to within ~2^-48 ulp(d)
        double half = t >= 0 ? Math.ulp(d) / 2 : Math.ulp(Math.nextDown(d)) / 2;
        double margin = Math.ulp(d) * 0x1p-40;
        return Math.abs(t) < half - margin ? d : Double.NaN;
    }

    /**
     * Reads the named columns of a particle CSV file.
     *
     * @param file    plain or gzip-compressed CSV with a header row
     * @param columns names of the columns to read, in the order wanted; {@code null} for all
     *                columns in file order
     * @return the table (attributes empty)
     * @throws UnreadableInputException naming the file (and line) if it is missing, unreadable,
     *                                  has no header, a row with the wrong number of fields or an
     *                                  unparsable number
     * @throws InvalidInputException    naming requested columns absent from the header, and those present
     */
    public static ParticleTable read(Path file, List<String> columns) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = open(file)) {
            return new Parser(file, in).parse(columns);
        } catch (NoSuchFileException e) {
            throw new UnreadableInputException("particle file not found: " + file, e);
        } catch (EOFException e) {
            throw new UnreadableInputException("particle file " + file + " is truncated: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read particle file " + file + ": " + e, e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            // Inflate on a second thread while this one parses (about a third of the read time).
            return new ReadAheadInputStream(new GZIPInputStream(in, 1 << 16), file.getFileName().toString());
        }
        return in;
    }

    /** One parse of one file; not thread-safe (confined to a single call of {@link #read}). */
    private static final class Parser {
        private final Path file;
        private final InputStream in;
        private byte[] buf = new byte[BUFFER];
        private int len;
        private int pos;
        private boolean eof;
        private long line;
        private int lineStart;
        private int lineEnd;
        private List<String> header = List.of();

        Parser(Path file, InputStream in) {
            this.file = file;
            this.in = in;
        }

        ParticleTable parse(List<String> columns) throws IOException {
            // Header
            if (!nextLine()) {
                throw new UnreadableInputException("particle file " + file + " is empty (no header line)");
            }
            String headerLine = new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
            if (headerLine.startsWith("\uFEFF")) {
                headerLine = headerLine.substring(1);
            }
            header = splitHeader(headerLine);
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i);
                if (name.isEmpty()) {
                    throw new UnreadableInputException("particle file " + file + ", line 1: column " + (i + 1)
                            + " of the header has no name");
                }
                if (index.putIfAbsent(name, i) != null) {
                    throw new UnreadableInputException("particle file " + file + ", line 1: column name '" + name
                            + "' appears twice in the header");
                }
            }
            List<String> wanted = new ArrayList<>();
            if (columns == null) {
                wanted.addAll(header);
            } else {
                List<String> missing = new ArrayList<>();
                for (String c : columns) {
                    if (wanted.contains(c)) {
                        continue;
                    }
                    if (!index.containsKey(c)) {
                        missing.add(c);
                    }
                    wanted.add(c);
                }
                if (!missing.isEmpty()) {
                    throw new InvalidInputException("particle file " + file + " lacks column(s) "
                            + String.join(", ", missing) + " (columns present: " + String.join(", ", header) + ")");
                }
            }
            int fields = header.size();
            int[] target = new int[fields];
            Arrays.fill(target, -1);
            for (int k = 0; k < wanted.size(); k++) {
                target[index.get(wanted.get(k))] = k;
            }
            int nc = wanted.size();
            double[][] data = new double[nc][1 << 14];
            int rows = 0;
            int limit;
            while ((limit = completeLines()) >= 0) {
                int p = pos;
                // Every line in [pos, limit) ends with '\n': one pass over the bytes.
                while (p < limit) {
                    line++;
                    int q = p;
                    while (buf[q] == ' ' || buf[q] == '\t' || buf[q] == '\r') {
                        q++;
                    }
                    if (buf[q] == '\n') {
                        p = q + 1; // blank line
                        continue;
                    }
                    if (nc > 0 && rows == data[0].length) {
                        int cap = rows * 2;
                        for (int k = 0; k < nc; k++) {
                            data[k] = Arrays.copyOf(data[k], cap);
                        }
                    }
                    int field = 0;
                    while (true) {
                        int fs = p;
                        byte b = buf[p];
                        if (b == '"') {
                            int qq = p + 1;
                            while (buf[qq] != '"' && buf[qq] != '\n') {
                                qq++;
                            }
                            if (buf[qq] == '\n') {
                                throw new UnreadableInputException("particle file " + file + ", line " + line
                                        + ": unterminated quote in field " + (field + 1));
                            }
                            p = qq + 1;
                            b = buf[p];
                        }
                        while (b != ',' && b != '\n') {
                            b = buf[++p];
                        }
                        int fe = b == '\n' && p > fs && buf[p - 1] == '\r' ? p - 1 : p;
                        if (field < fields) {
                            int k = target[field];
                            if (k >= 0) {
                                data[k][rows] = number(fs, fe, field);
                            }
                        }
                        field++;
                        p++;
                        if (b == '\n') {
                            break;
                        }
                    }
                    if (field != fields) {
                        throw new UnreadableInputException("particle file " + file + ", line " + line + " has " + field
                                + " fields, expected " + fields + " like the header (" + String.join(",", header) + ")");
                    }
                    rows++;
                }
                pos = limit;
            }
            LinkedHashMap<String, double[]> out = new LinkedHashMap<>();
            for (int k = 0; k < nc; k++) {
                out.put(wanted.get(k), data[k].length == rows ? data[k] : Arrays.copyOf(data[k], rows));
            }
            return new ParticleTable(out);
        }

        /**
         * Advances to the next line, {@code [lineStart, lineEnd)} in {@link #buf} without its line
         * end; false at the end of the file.
         */
        private boolean nextLine() throws IOException {
            while (true) {
                for (int i = pos; i < len; i++) {
                    if (buf[i] == '\n') {
                        int s = pos;
                        int e = i > s && buf[i - 1] == '\r' ? i - 1 : i;
                        pos = i + 1;
                        line++;
                        lineStart = s;
                        lineEnd = e;
                        return true;
                    }
                }
                if (eof) {
                    if (pos < len) {
                        int s = pos;
                        int e = buf[len - 1] == '\r' ? len - 1 : len;
                        pos = len;
                        line++;
                        lineStart = s;
                        lineEnd = e;
                        return true;
                    }
                    return false;
                }
                fill();
            }
        }

        /**
         * Makes sure the buffer from {@link #pos} holds at least one complete line and returns the
         * index just past the last {@code '\n'} in it (a final line without one gets one appended);
         * -1 at the end of the file.
         */
        private int completeLines() throws IOException {
            while (true) {
                for (int i = len - 1; i >= pos; i--) {
                    if (buf[i] == '\n') {
                        return i + 1;
                    }
                }
                if (eof) {
                    if (pos < len) {
                        if (len == buf.length) {
                            buf = Arrays.copyOf(buf, buf.length + 1);
                        }
                        buf[len++] = '\n';
                        return len;
                    }
                    return -1;
                }
                fill();
            }
        }

        /** Moves the unread part to the front and reads more, growing the buffer for long lines. */
        private void fill() throws IOException {
            int rest = len - pos;
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, rest);
            } else if (rest == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            len = rest;
            pos = 0;
            while (len < buf.length) {
                int r = in.read(buf, len, buf.length - len);
                if (r < 0) {
                    eof = true;
                    return;
                }
                len += r;
            }
        }

        private double number(int s, int e, int column) {
            while (s < e && (buf[s] == ' ' || buf[s] == '\t')) {
                s++;
            }
            while (e > s && (buf[e - 1] == ' ' || buf[e - 1] == '\t')) {
                e--;
            }
            if (e - s >= 2 && buf[s] == '"' && buf[e - 1] == '"') {
                s++;
                e--;
                while (s < e && buf[s] == ' ') {
                    s++;
                }
                while (e > s && buf[e - 1] == ' ') {
                    e--;
                }
            }
            if (s == e) {
                return Double.NaN;
            }
            int i = s;
            boolean negative = false;
            if (buf[i] == '-' || buf[i] == '+') {
                negative = buf[i] == '-';
                i++;
            }
            long mantissa = 0;
            int digits = 0; // significant digits accumulated into mantissa
            int scale = 0; // decimal exponent adjustment
            boolean overflow = false;
            boolean sawDigit = false;
            boolean sawDot = false;
            for (; i < e; i++) {
                byte b = buf[i];
                if (b >= '0' && b <= '9') {
                    sawDigit = true;
                    if (mantissa == 0 && b == '0') {
                        if (sawDot) {
                            scale--;
                        }
                        continue;
                    }
                    if (digits < 18) {
                        mantissa = mantissa * 10 + (b - '0');
                        digits++;
                        if (sawDot) {
                            scale--;
                        }
                    } else {
                        overflow = true;
                        if (!sawDot) {
                            scale++;
                        }
                    }
                } else if (b == '.' && !sawDot) {
                    sawDot = true;
                } else {
                    break;
                }
            }
            if (!sawDigit) {
                return special(s, e, column);
            }
            if (i < e) {
                byte b = buf[i];
                if (b != 'e' && b != 'E') {
                    throw bad(s, e, column);
                }
                i++;
                boolean expNegative = false;
                if (i < e && (buf[i] == '-' || buf[i] == '+')) {
                    expNegative = buf[i] == '-';
                    i++;
                }
                if (i >= e) {
                    throw bad(s, e, column);
                }
                int exp = 0;
                for (; i < e; i++) {
                    b = buf[i];
                    if (b < '0' || b > '9') {
                        throw bad(s, e, column);
                    }
                    if (exp < 100_000) {
                        exp = exp * 10 + (b - '0');
                    }
                }
                scale += expNegative ? -exp : exp;
            }
            if (!overflow && mantissa <= MAX_EXACT) {
                double m = mantissa;
                if (mantissa == 0) {
                    return negative ? -0.0 : 0.0;
                }
                if (scale == 0) {
                    return negative ? -m : m;
                }
                if (scale > 0 && scale <= 22) {
                    double v = m * POW10[scale];
                    return negative ? -v : v;
                }
                if (scale < 0 && scale >= -22) {
                    double v = m / POW10[-scale];
                    return negative ? -v : v;
                }
            } else if (!overflow && scale < 0 && scale >= -22) {
                double v = divideCorrectlyRounded(mantissa, POW10[-scale]);
                if (!Double.isNaN(v)) {
                    return negative ? -v : v;
                }
            }
            try {
                return Double.parseDouble(new String(buf, s, e - s, StandardCharsets.ISO_8859_1));
            } catch (NumberFormatException ex) {
                throw bad(s, e, column);
            }
        }

        private double special(int s, int e, int column) {
            String v = new String(buf, s, e - s, StandardCharsets.ISO_8859_1);
            switch (v) {
                case "NA", "NaN", "nan", "NAN" -> {
                    return Double.NaN;
                }
                case "Inf", "+Inf", "inf", "Infinity", "+Infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-Inf", "-inf", "-Infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> throw bad(s, e, column);
            }
        }

        private UnreadableInputException bad(int s, int e, int column) {
            String v = new String(buf, s, Math.min(e - s, 60), StandardCharsets.UTF_8);
            return new UnreadableInputException("particle file " + file + ", line " + line + ", column '" + header.get(column)
                    + "': cannot parse '" + v + "' as a number");
        }

        private static List<String> splitHeader(String headerLine) {
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < headerLine.length(); i++) {
                char c = headerLine.charAt(i);
                if (c == '"') {
                    if (quoted && i + 1 < headerLine.length() && headerLine.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = !quoted;
                    }
                } else if (c == ',' && !quoted) {
                    out.add(cur.toString().strip());
                    cur.setLength(0);
                } else {
                    cur.append(c);
                }
            }
            out.add(cur.toString().strip());
            return out;
        }
    }
}
