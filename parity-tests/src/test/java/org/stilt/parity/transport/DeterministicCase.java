package org.stilt.parity.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.stilt.core.met.ArlFile;

/**
 * One hycs_std deterministic reference case ({@code transport/deterministic/det_*}): the receptor,
 * the met files and every particle at every minute as hycs_std printed it.
 *
 * <p>Thread-safety: immutable after {@link #load}; safe to share.
 */
final class DeterministicCase {

    /** Column positions in a reference row. */
    static final int TIME = 0;
    static final int INDX = 1;
    static final int LONG = 2;
    static final int LATI = 3;
    static final int ZAGL = 4;

    final String name;
    final Path dir;
    final Instant runTime;
    final double latitude;
    final double longitude;
    final double zaglBottom;
    final double zaglTop;
    final boolean column;
    final int hours;
    final int numpar;
    final int wOption;
    final double zTop;
    final List<Path> metFiles;
    final List<String> columns;
    /** Rows by (time, indx) key. */
    final Map<Long, double[]> rows;
    /** Each particle's first row (its height after the first minute), by indx. */
    final TreeMap<Integer, double[]> firstRows;

    private DeterministicCase(String name, Path dir, JsonNode json, List<String> columns, Map<Long, double[]> rows,
                              TreeMap<Integer, double[]> firstRows) {
        this.name = name;
        this.dir = dir;
        JsonNode r = json.get("receptor");
        this.runTime = Instant.parse(r.get("run_time").asText().replace(" UTC", "Z").replace(' ', 'T'));
        this.latitude = r.get("lati").asDouble();
        this.longitude = r.get("long").asDouble();
        JsonNode z = r.get("zagl");
        this.zaglBottom = z.get(0).asDouble();
        this.column = r.get("column").asBoolean();
        this.zaglTop = column ? z.get(z.size() - 1).asDouble() : Double.NaN;
        this.hours = json.get("n_hours").asInt();
        this.numpar = json.get("numpar").asInt();
        this.wOption = json.get("r_stilt").get("w_option").asInt();
        this.zTop = json.get("r_stilt").get("z_top").asDouble();
        List<Path> met = new ArrayList<>();
        for (JsonNode f : json.get("met").get("files")) {
            met.add(dir.resolve(f.asText()).normalize());
        }
        this.metFiles = List.copyOf(met);
        this.columns = columns;
        this.rows = rows;
        this.firstRows = firstRows;
    }

    static long key(int time, int indx) {
        return ((long) time << 32) ^ (indx & 0xffffffffL);
    }

    static DeterministicCase load(Path dir) {
        try {
            JsonNode json = new ObjectMapper().readTree(dir.resolve("case.json").toFile());
            Map<Long, double[]> rows = new HashMap<>();
            TreeMap<Integer, double[]> first = new TreeMap<>();
            List<String> header;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(dir.resolve("particles.csv.gz"))), StandardCharsets.US_ASCII))) {
                header = List.of(in.readLine().split(","));
                String line;
                while ((line = in.readLine()) != null) {
                    String[] f = line.split(",");
                    double[] v = new double[f.length];
                    for (int i = 0; i < f.length; i++) {
                        v[i] = Double.parseDouble(f[i]);
                    }
                    int t = (int) v[TIME];
                    int p = (int) v[INDX];
                    rows.put(key(t, p), v);
                    double[] old = first.get(p);
                    if (old == null || Math.abs(t) < Math.abs((int) old[TIME])) {
                        first.put(p, v);
                    }
                }
            }
            return new DeterministicCase(dir.getFileName().toString(), dir, json, header, rows, first);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens the met files. */
    List<ArlFile> openMet() {
        List<ArlFile> out = new ArrayList<>();
        for (Path p : metFiles) {
            out.add(ArlFile.open(p));
        }
        return out;
    }

    /** Height after the first minute of each particle (indx order). */
    double[] firstHeights() {
        double[] z = new double[numpar];
        for (Map.Entry<Integer, double[]> e : firstRows.entrySet()) {
            z[e.getKey() - 1] = e.getValue()[ZAGL];
        }
        return z;
    }
}
