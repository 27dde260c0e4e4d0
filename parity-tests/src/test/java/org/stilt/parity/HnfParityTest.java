package org.stilt.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.stilt.core.hnf.ColumnReleaseHeights;
import org.stilt.core.hnf.PlumeDilution;
import org.stilt.core.hnf.PlumeDilutionParameters;
import org.stilt.core.particles.ParticleCsvReader;
import org.stilt.core.particles.ParticleTable;

/**
 * {@link PlumeDilution} and {@link ColumnReleaseHeights} against R-STILT's particle tables
 * (hnf-parity.json lists the cases and tolerances). The achieved error is printed per case.
 *
 * <p>Thread-safety: a JUnit test class; not shared.
 */
class HnfParityTest {

    private static final List<String> VARSIWANT =
            List.of("time", "indx", "long", "lati", "zagl", "foot", "mlht", "dens", "samt", "sigw", "tlgr");

    @TestFactory
    Stream<DynamicTest> dilutionMatchesRStilt() throws IOException {
        Path root = ReferenceAccess.referenceDir();
        JsonNode cases;
        try (InputStream in = HnfParityTest.class.getResourceAsStream("/hnf-parity.json")) {
            cases = new ObjectMapper().readTree(in).get("cases");
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : cases.properties()) {
            Path dir = root.resolve(e.getKey());
            JsonNode c = e.getValue();
            tests.add(dynamicTest(e.getKey(), () -> checkCase(dir, c)));
            if (c.has("raw_dat")) {
                tests.add(dynamicTest(e.getKey() + " from " + c.get("raw_dat").asText(),
                        () -> checkRawDat(dir, c)));
            }
        }
        return tests.stream();
    }

    private static PlumeDilutionParameters parameters(JsonNode c) {
        return PlumeDilutionParameters.rStilt(c.get("zagl").get(0).asDouble(), c.get("veght").asDouble());
    }

    private static void checkCase(Path dir, JsonNode c) {
        Path file = dir.resolve("particles.csv.gz");
        if (!Files.isRegularFile(file)) {
            System.err.println("HNF PARITY SKIPPED: " + file + " is absent");
            Assumptions.abort(file + " is absent");
        }
        ParticleTable reference = ParticleCsvReader.read(file, null);
        // the input R gave calc_plume_dilution: hycs_std's foot, time ascending (so the sort is exercised)
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (String name : reference.columnNames()) {
            if (!name.equals(PlumeDilution.FOOT_NO_HNF_DILUTION) && !name.equals(PlumeDilution.XHGT)) {
                cols.put(name, name.equals("foot") ? reference.column(PlumeDilution.FOOT_NO_HNF_DILUTION)
                        : reference.column(name));
            }
        }
        ParticleTable input = reverseTimeBlocks(new ParticleTable(cols));
        JsonNode zagl = c.get("zagl");
        if (zagl.size() > 1) {
            double[] z = new double[zagl.size()];
            for (int i = 0; i < z.length; i++) {
                z[i] = zagl.get(i).asDouble();
            }
            input = ColumnReleaseHeights.of(z, c.get("numpar").asInt()).appendTo(input);
        }
        ParticleTable ours = PlumeDilution.apply(input, parameters(c));
        assertEquals(reference.columnNames(), ours.columnNames(), "column order");
        compare(dir.getFileName().toString(), reference, ours, c.get("foot_rel").asDouble());
    }

    private static void checkRawDat(Path dir, JsonNode c) throws IOException {
        Path file = dir.resolve(c.get("raw_dat").asText());
        Path csv = dir.resolve("particles.csv.gz");
        if (!Files.isRegularFile(file) || !Files.isRegularFile(csv)) {
            System.err.println("HNF PARITY SKIPPED: " + file + " or " + csv + " is absent");
            Assumptions.abort(file + " is absent");
        }
        ParticleTable ours = PlumeDilution.apply(readParticleStiltDat(file), parameters(c));
        compare(dir.getFileName().toString() + " (raw PARTICLE_STILT.DAT)", ParticleCsvReader.read(csv, null), ours,
                c.get("foot_rel").asDouble());
    }

    /** Every column except foot bit for bit; foot to the relative tolerance. */
    private static void compare(String label, ParticleTable reference, ParticleTable ours, double footRel) {
        assertEquals(reference.rowCount(), ours.rowCount(), "rows");
        for (String name : reference.columnNames()) {
            if (!name.equals("foot")) {
                assertTrue(Arrays.equals(reference.column(name), ours.column(name)), label + ": column " + name);
            }
        }
        double[] r = reference.column("foot");
        double[] o = ours.column("foot");
        double maxRel = 0;
        int worst = -1;
        long diluted = 0;
        long exact = 0;
        double[] undiluted = reference.column(PlumeDilution.FOOT_NO_HNF_DILUTION);
        for (int i = 0; i < r.length; i++) {
            if (Double.isNaN(r[i]) || Double.isNaN(o[i])) {
                assertTrue(Double.isNaN(r[i]) && Double.isNaN(o[i]), label + ": NaN mismatch at row " + (i + 1));
                continue;
            }
            if (r[i] != undiluted[i]) {
                diluted++;
            }
            if (r[i] == o[i]) {
                exact++;
                continue;
            }
            double rel = Math.abs(o[i] - r[i]) / Math.abs(r[i]);
            if (rel > maxRel) {
                maxRel = rel;
                worst = i;
            }
        }
        System.out.printf("HNF parity %s: %d rows, %d diluted by R, %d bit-identical, max rel error of foot %.3e"
                + " (tolerance %.1e)%s%n", label, r.length, diluted, exact, maxRel, footRel,
                worst < 0 ? "" : " at row " + (worst + 1));
        assertTrue(diluted > 0, label + ": the case should exercise the dilution");
        assertTrue(maxRel <= footRel, label + ": max relative error " + maxRel + " at row " + (worst + 1) + " (R "
                + (worst < 0 ? "" : r[worst] + ", ours " + o[worst]) + ") exceeds " + footRel);
    }

    /** Rows reordered to time ascending, keeping the order within each time. */
    private static ParticleTable reverseTimeBlocks(ParticleTable t) {
        double[] time = t.column("time");
        Integer[] idx = new Integer[time.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(time[a], time[b]));
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String name : t.columnNames()) {
            double[] v = t.column(name);
            double[] p = new double[v.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = v[idx[i]];
            }
            out.put(name, p);
        }
        return new ParticleTable(out);
    }

    /** R-STILT's read_particle: skip the receptor line, whitespace-separated columns in varsiwant order. */
    private static ParticleTable readParticleStiltDat(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.US_ASCII))) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.trim().split("\\s+");
                double[] row = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    row[i] = Double.parseDouble(f[i]);
                }
                rows.add(row);
            }
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (int c = 0; c < VARSIWANT.size(); c++) {
            double[] v = new double[rows.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rows.get(i)[c];
            }
            cols.put(VARSIWANT.get(c), v);
        }
        return new ParticleTable(cols);
    }
}
