package org.stilt.core.particles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.InvalidInputException;
import org.stilt.core.UnreadableInputException;

/**
 * Formats, NA handling, exact numbers and error messages of {@link ParticleCsvReader}.
 *
 * <p>Thread-safety: a JUnit test class; not shared.
 */
class ParticleCsvReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private Path gzip(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return f;
    }

    @Test
    void readsRequestedColumnsInRequestedOrder() throws IOException {
        Path f = write("p.csv", "time,indx,long,lati,zagl,foot\n-1,1,-112.5,40.125,3,0.01\n-2,2,-112.25,40.5,4,0.02\n");
        ParticleTable t = ParticleCsvReader.read(f, List.of("foot", "time", "lati"));
        assertEquals(List.of("foot", "time", "lati"), t.columnNames());
        assertArrayEquals(new double[] {0.01, 0.02}, t.column("foot"));
        assertArrayEquals(new double[] {-1, -2}, t.column("time"));
        assertArrayEquals(new double[] {40.125, 40.5}, t.column("lati"));
        assertEquals(2, t.rowCount());
    }

    @Test
    void nullColumnsMeansAllInFileOrder() throws IOException {
        Path f = write("p.csv", "indx,time,long\n1,-1,-112\n");
        ParticleTable t = ParticleCsvReader.read(f, null);
        assertEquals(List.of("indx", "time", "long"), t.columnNames());
    }

    @Test
    void gzipIsDetectedFromContentNotName() throws IOException {
        String csv = "time,foot\n-1,0.5\n-2,0.25\n";
        for (String name : List.of("p.csv.gz", "p.csv")) {
            Path f = gzip(name, csv);
            assertArrayEquals(new double[] {0.5, 0.25}, ParticleCsvReader.read(f, List.of("foot")).column("foot"));
        }
    }

    @Test
    void naNanEmptyQuotesInfinitiesCrlfBlankLinesBomAndNoFinalNewline() throws IOException {
        Path f = write("p.csv", "\uFEFF\"time\",\"foot\"\r\n\"-1\",NA\r\n\r\n-2,NaN\n-3,\n-4, \"7.5\" \n-5,Inf\n-6,-Inf\n-7,1e-3");
        ParticleTable t = ParticleCsvReader.read(f, null);
        assertArrayEquals(new double[] {-1, -2, -3, -4, -5, -6, -7}, t.column("time"));
        double[] foot = t.column("foot");
        assertTrue(Double.isNaN(foot[0]));
        assertTrue(Double.isNaN(foot[1]));
        assertTrue(Double.isNaN(foot[2]));
        assertEquals(7.5, foot[3]);
        assertEquals(Double.POSITIVE_INFINITY, foot[4]);
        assertEquals(Double.NEGATIVE_INFINITY, foot[5]);
        assertEquals(1e-3, foot[6]);
    }

    @Test
    void headerOnlyGivesAnEmptyTable() throws IOException {
        ParticleTable t = ParticleCsvReader.read(write("p.csv", "time,foot\n"), null);
        assertEquals(0, t.rowCount());
        assertEquals(List.of("time", "foot"), t.columnNames());
    }

    @Test
    void valuesAreBitIdenticalToParseDouble() throws IOException {
        Random r = new Random(3);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            String s = switch (i % 6) {
                case 0 -> Double.toString(r.nextGaussian() * Math.pow(10, r.nextInt(10) - 5));
                case 1 -> new BigDecimal(BigInteger.valueOf(r.nextLong() >>> (1 + r.nextInt(30))), r.nextInt(25)).toPlainString();
                case 2 -> { // near a rounding tie, 17-18 significant digits
                    double d = r.nextDouble();
                    yield new BigDecimal(d + Math.ulp(d) / 2).round(new MathContext(17 + r.nextInt(2))).toPlainString();
                }
                case 3 -> String.format("%.6f", -180 + 360 * r.nextDouble());
                case 4 -> Long.toString(r.nextLong() >> r.nextInt(64));
                default -> (r.nextBoolean() ? "-" : "") + r.nextInt(1000) + "." + r.nextInt(1000) + "e" + (r.nextInt(80) - 40);
            };
            values.add(s);
        }
        Path f = write("v.csv", "v\n" + String.join("\n", values) + "\n");
        double[] got = ParticleCsvReader.read(f, null).column("v");
        for (int i = 0; i < values.size(); i++) {
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(values.get(i))), Double.doubleToRawLongBits(got[i]),
                    values.get(i));
        }
    }

    @Test
    void longLinesAcrossTheBufferAreRead() throws IOException {
        StringBuilder header = new StringBuilder("a");
        StringBuilder row = new StringBuilder("1");
        for (int i = 0; i < 120_000; i++) {
            header.append(",c").append(i);
            row.append(",").append(i % 10);
        }
        Path f = write("wide.csv", header + "\n" + row + "\n" + row + "\n");
        ParticleTable t = ParticleCsvReader.read(f, List.of("c119999", "a"));
        assertArrayEquals(new double[] {9, 9}, t.column("c119999"));
        assertArrayEquals(new double[] {1, 1}, t.column("a"));
    }

    @Test
    void missingFileNamesTheFile() {
        Path f = dir.resolve("nope.csv.gz");
        UnreadableInputException e = assertThrows(UnreadableInputException.class, () -> ParticleCsvReader.read(f, null));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void wrongFieldCountNamesFileAndLine() throws IOException {
        Path f = write("p.csv", "time,indx,foot\n-1,1,0.5\n-2,1\n");
        UnreadableInputException e = assertThrows(UnreadableInputException.class, () -> ParticleCsvReader.read(f, null));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("2 fields, expected 3"), e.getMessage());
    }

    @Test
    void unparsableNumberNamesLineColumnAndValue() throws IOException {
        Path f = write("p.csv", "time,foot\n-1,0.5\n-2,0.5\n-3,1.0f\n");
        UnreadableInputException e = assertThrows(UnreadableInputException.class, () -> ParticleCsvReader.read(f, null));
        assertTrue(e.getMessage().contains("line 4"), e.getMessage());
        assertTrue(e.getMessage().contains("'foot'"), e.getMessage());
        assertTrue(e.getMessage().contains("1.0f"), e.getMessage());
        for (String bad : List.of("abc", "1.2.3", "0x10", "1e", "--1", "-")) {
            Path g = write("bad.csv", "foot\n" + bad + "\n");
            assertThrows(UnreadableInputException.class, () -> ParticleCsvReader.read(g, null), bad);
        }
    }

    @Test
    void unrequestedColumnsAreNotParsed() throws IOException {
        Path f = write("p.csv", "time,junk\n-1,not-a-number\n");
        assertArrayEquals(new double[] {-1}, ParticleCsvReader.read(f, List.of("time")).column("time"));
    }

    @Test
    void missingRequestedColumnsAreNamedWithThosePresent() throws IOException {
        Path f = write("p.csv", "time,indx,long\n-1,1,-112\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ParticleCsvReader.read(f, List.of("time", "lati", "foot")));
        assertTrue(e.getMessage().contains("lati, foot"), e.getMessage());
        assertTrue(e.getMessage().contains("time, indx, long"), e.getMessage());
    }

    @Test
    void emptyFileAndDuplicateHeaderNames() throws IOException {
        assertThrows(UnreadableInputException.class, () -> ParticleCsvReader.read(write("e.csv", ""), null));
        UnreadableInputException e = assertThrows(UnreadableInputException.class,
                () -> ParticleCsvReader.read(write("d.csv", "time,time\n1,2\n"), null));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void unterminatedQuoteIsAnError() throws IOException {
        Path f = write("q.csv", "time\n\"-1\n");
        assertThrows(UnreadableInputException.class, () -> ParticleCsvReader.read(f, null));
    }
}
