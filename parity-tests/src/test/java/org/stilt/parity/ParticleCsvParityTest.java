package org.stilt.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.stilt.core.particles.ParticleCsvReader;
import org.stilt.core.particles.ParticleTable;

/**
 * {@link ParticleCsvReader} reads every particle table of the reference data (synthetic inputs and
 * the R-STILT particle tables of the end-to-end cases) bit-identically to a naive line parser using
 * {@link Double#parseDouble} (the reference README states that R's parser and a correctly rounded
 * one agree on these files).
 *
 * <p>Thread-safety: a JUnit test class; not shared.
 */
class ParticleCsvParityTest {

    @TestFactory
    Stream<DynamicTest> readerAgreesWithParseDouble() throws IOException {
        var root = ReferenceLocation.find();
        if (root.isEmpty()) {
            System.err.println(ReferenceLocation.absentMessage());
            Assumptions.abort("R-STILT reference data not found (tried " + ReferenceLocation.candidates() + ")");
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(root.get().resolve("inputs"))) {
            s.filter(p -> p.getFileName().toString().endsWith(".csv.gz")).sorted().forEach(files::add);
        }
        try (Stream<Path> s = Files.list(root.get().resolve("e2e"))) {
            s.map(d -> d.resolve("particles.csv.gz")).filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        return files.stream().map(f -> dynamicTest(root.get().relativize(f).toString(), () -> compare(f)));
    }

    private static void compare(Path file) throws IOException {
        ParticleTable t = ParticleCsvReader.read(file, null);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.US_ASCII))) {
            String[] header = r.readLine().split(",");
            assertEquals(List.of(header), t.columnNames());
            double[][] cols = new double[header.length][];
            for (int c = 0; c < header.length; c++) {
                cols[c] = t.column(header[c]);
            }
            String line;
            int row = 0;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",", -1);
                for (int c = 0; c < header.length; c++) {
                    double expected = f[c].isEmpty() || f[c].equals("NA") ? Double.NaN : Double.parseDouble(f[c]);
                    if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(cols[c][row])) {
                        assertEquals(expected, cols[c][row], file + " row " + (row + 1) + " column " + header[c] + " '" + f[c] + "'");
                    }
                }
                row++;
            }
            assertEquals(row, t.rowCount(), "rows");
        }
    }
}
