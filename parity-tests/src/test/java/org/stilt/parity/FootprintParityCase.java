package org.stilt.parity;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.stilt.core.footprint.FootprintDomain;
import org.stilt.core.footprint.FootprintRequest;

/**
 * One R-STILT footprint reference: a {@code footprint_cases} entry of the reference manifest, or the
 * footprint stage of an {@code e2e_cases} entry (its {@code particles.csv.gz} restricted to time,
 * indx, long, lati, foot, the grid and receptor time from the manifest).
 *
 * @param name       case name, e.g. {@code base24_0p01_int} or {@code e2e_a_uniform_6h}
 * @param kind       {@code footprint} or {@code e2e}
 * @param input      particle table (gzip CSV)
 * @param outputDir  directory holding R-STILT's {@code foot.nc} and {@code foot_values.csv.gz}
 *                   (absent files for error/NULL cases)
 * @param request    the {@code calc_footprint} arguments
 * @param rResult    R-STILT's result: {@code file}, {@code NULL} or {@code error}
 * @param dims       R-STILT's dims (lon, lat, time), null when no file was written
 *
 * <p>Thread-safety: immutable value.
 */
record FootprintParityCase(String name, String kind, Path input, Path outputDir, FootprintRequest request,
                           String rResult, int[] dims) {

    private static final DateTimeFormatter R_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    @Override
    public String toString() {
        return name;
    }

    /** Every case of the manifest, footprint cases first. */
    static List<FootprintParityCase> all(Path root, JsonNode manifest) {
        List<FootprintParityCase> out = new ArrayList<>();
        for (JsonNode c : manifest.get("footprint_cases")) {
            JsonNode a = c.get("calc_footprint_args");
            String name = c.get("name").asText();
            out.add(new FootprintParityCase(name, "footprint", root.resolve(c.get("input").asText()),
                    root.resolve("footprint").resolve(name), request(a, a.get("r_run_time").asText()),
                    c.get("result").asText(), dims(c)));
        }
        for (JsonNode c : manifest.get("e2e_cases")) {
            String name = c.get("name").asText();
            Path dir = root.resolve("e2e").resolve(name);
            out.add(new FootprintParityCase(name, "e2e", dir.resolve("particles.csv.gz"), dir,
                    request(c.get("footprint"), c.get("receptor").get("run_time").asText()), "file", dims(c)));
        }
        return out;
    }

    private static int[] dims(JsonNode c) {
        JsonNode d = c.get("dims_lon_lat_time");
        return d == null || d.isNull() ? null : new int[] {d.get(0).asInt(), d.get(1).asInt(), d.get(2).asInt()};
    }

    private static FootprintRequest request(JsonNode a, String runTime) {
        FootprintDomain domain = new FootprintDomain(a.get("xmn").asDouble(), a.get("xmx").asDouble(),
                a.get("ymn").asDouble(), a.get("ymx").asDouble(), a.get("xres").asDouble(), a.get("yres").asDouble(),
                a.get("projection").asText());
        Instant run = LocalDateTime.parse(runTime, R_TIME).toInstant(ZoneOffset.UTC);
        return new FootprintRequest(domain, run, a.get("smooth_factor").asDouble(), a.get("time_integrate").asBoolean());
    }
}
