package org.stilt.parity.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.stilt.core.met.GridProjection;
import org.stilt.core.met.synth.SyntheticMetSpec;
import org.stilt.core.transport.JavaTransportKernel;
import org.stilt.core.transport.TrajectoryResult;
import org.stilt.core.transport.TransportKernel;
import org.stilt.core.transport.TransportTestMet;
import org.stilt.core.transport.VerticalMotion;
import org.stilt.ffi.NativeTransportKernel;
import org.stilt.parity.ReferenceAccess;

/**
 * The hycs_std black-box experiments E1 (uniform wind, lat/lon and Lambert), E2 (Heun under
 * linear shear; linear time interpolation), E3 (ω → w, σ and pressure levels) and E11 (wind,
 * density and pressure below and above the first internal level) reproduced with our kernels on
 * met written by {@code SyntheticMetWriter} to the experiments' design (hysplit-reference §3).
 * Proves that the deterministic transport matches the reference tables within the tolerances of
 * {@code experiment-parity.json}; where a target is not met the file records the measured bound and
 * why, and that bound is asserted instead. Every achieved error is printed.
 *
 * <p>Thread-safety: JUnit creates one instance per test; the met cache is concurrent.
 */
class HysplitExperimentParityTest {

    private static final Instant START = Instant.parse("2021-07-15T00:00:00Z");
    private static final Map<String, Path> MET = new ConcurrentHashMap<>();
    private static Path metDir;

    @AfterAll
    static void cleanUp() throws IOException {
        if (metDir != null) {
            try (Stream<Path> s = Files.walk(metDir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static synchronized Path met(String key, Supplier<SyntheticMetSpec> spec,
                                         TransportTestMet.FieldRewrite rewrite) {
        return MET.computeIfAbsent(key, k -> {
            try {
                if (metDir == null) {
                    metDir = Files.createTempDirectory("experiment-met");
                }
                Path d = Files.createDirectories(metDir.resolve(k));
                return rewrite == null ? TransportTestMet.write(spec.get(), d) : TransportTestMet.write(spec.get(), d,
                        rewrite);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> experiments() throws IOException {
        Path ref = ReferenceAccess.referenceDir().resolve("hysplit-experiments");
        Assumptions.assumeTrue(Files.isDirectory(ref), "no hysplit-experiments in " + ref.getParent());
        ObjectMapper json = new ObjectMapper();
        JsonNode config;
        try (InputStream in = getClass().getResourceAsStream("/experiment-parity.json")) {
            config = json.readTree(in);
        }
        JsonNode e1 = json.readTree(ref.resolve("E1_uniform_wind.json").toFile());
        JsonNode e2 = json.readTree(ref.resolve("E2_advection.json").toFile());
        JsonNode e3 = json.readTree(ref.resolve("E3_vertical_velocity.json").toFile());
        JsonNode e11 = json.readTree(ref.resolve("E11_near_surface_and_substeps.json").toFile());
        List<TransportKernel> kernels = List.of(new JavaTransportKernel(TransportTestMet.Z_TOP),
                NativeTransportKernel.create(TransportTestMet.Z_TOP));
        List<DynamicTest> tests = new ArrayList<>();
        Iterator<String> names = config.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.startsWith("_")) {
                continue;
            }
            JsonNode spec = config.get(name);
            for (TransportKernel kernel : kernels) {
                tests.add(DynamicTest.dynamicTest(name + " [" + kernel.name() + "]", () -> {
                    Map<String, Double> achieved = switch (name) {
                        case "E1_latlon" -> e1LatLon(kernel, e1.get("rows"));
                        case "E1_lambert" -> e1Lambert(kernel, e1.get("lambert").get("rows"));
                        case "E2_shear" -> e2Shear(kernel, e2.get("shear"));
                        case "E2_time_interp" -> e2TimeInterp(kernel, e2.get("time_interp"));
                        case "E3_vflag1" -> e3(kernel, e3.get("rows"), 1);
                        case "E3_vflag2" -> e3(kernel, e3.get("rows"), 2);
                        case "E11_profile" -> e11(kernel, e11.get("profile_t-60"), spec);
                        default -> throw new AssertionError("experiment " + name
                                + " in experiment-parity.json has no implementation here");
                    };
                    check(name + " [" + kernel.name() + "]", spec.get("metrics"), achieved);
                }));
            }
        }
        return tests.stream();
    }

    private static void check(String label, JsonNode metrics, Map<String, Double> achieved) {
        List<String> configured = new ArrayList<>();
        metrics.fieldNames().forEachRemaining(configured::add);
        assertEquals(configured.stream().sorted().toList(), achieved.keySet().stream().sorted().toList(),
                label + ": metrics measured vs configured");
        List<String> failures = new ArrayList<>();
        for (String m : configured) {
            JsonNode c = metrics.get(m);
            double target = c.get("target").asDouble();
            double bound = c.has("known_gap") ? c.get("known_gap").get("bound").asDouble() : target;
            double got = achieved.get(m);
            System.out.println(String.format(Locale.ROOT, "experiment parity: %s %s achieved %.3g (target %.3g%s)",
                    label, m, got, target, bound != target ? ", known gap " + bound : ""));
            if (!(got <= bound)) {
                failures.add(m + " = " + got + " > " + bound);
            }
        }
        assertTrue(failures.isEmpty(), label + ": " + failures);
    }

    // ------------------------------------------------------------------------------------------
    // E1

    private static Map<String, Double> e1LatLon(TransportKernel kernel, JsonNode rows) {
        Path met = met("e1", () -> TransportTestMet.experimentDesign(START, 6)
                .wind(SyntheticMetSpec.Wind.uniform(10, 0)).build(), null);
        TrajectoryResult r = TransportTestMet.run(kernel, TransportTestMet.request(START.plusSeconds(6 * 3600), 40.0,
                -98.0, -6, VerticalMotion.DATA, 100.0), met);
        Map<String, Double> m = metrics("lon_vs_hycs_deg", "lon_vs_prediction_deg", "lat_deg", "zagl_m");
        for (JsonNode row : rows) {
            int i = rowAt(r, 1, row.get("t_min").asDouble());
            max(m, "lon_vs_hycs_deg", TransportTestMet.value(r, "long", i) - row.get("lon").asDouble());
            max(m, "lon_vs_prediction_deg", TransportTestMet.value(r, "long", i)
                    - row.get("lon_pred_R6371p2").asDouble());
            max(m, "lat_deg", TransportTestMet.value(r, "lati", i) - row.get("lat").asDouble());
            max(m, "zagl_m", TransportTestMet.value(r, "zagl", i) - row.get("zagl").asDouble());
        }
        return m;
    }

    private static Map<String, Double> e1Lambert(TransportKernel kernel, JsonNode rows) {
        SyntheticMetSpec.Builder b = TransportTestMet.experimentDesign(START, 6)
                .grid(SyntheticMetSpec.LambertGrid.cornerAt(38.5, 262.5, 3.0, 35.0, -103.0, 400, 300));
        // grid-relative u = 10, v = 0 (the synthetic writer rotates an earth-relative wind to the grid)
        Path met = met("e1-lambert", b::build, (var, level, time, lat, lon, value) -> switch (var) {
            case "UWND", "U10M" -> 10.0f;
            case "VWND", "V10M" -> 0.0f;
            default -> value;
        });
        TrajectoryResult r = TransportTestMet.run(kernel, TransportTestMet.request(START.plusSeconds(6 * 3600), 40.0,
                -98.0, -6, VerticalMotion.DATA, 500.0), met);
        GridProjection proj = b.build().grid().toArlGrid().projection();
        GridProjection.GridPoint start = proj.toGrid(40.0, -98.0);
        Map<String, Double> m = metrics("latlon_vs_hycs_deg", "grid_j_constancy_cells", "grid_i_vs_hycs_cells",
                "di_per_hour_minus_12_cells");
        double lastI = start.x();
        for (JsonNode row : rows) {
            double t = row.get("t_min").asDouble();
            if (t == 0) {
                continue;
            }
            int i = rowAt(r, 1, t);
            double lat = TransportTestMet.value(r, "lati", i);
            double lon = TransportTestMet.value(r, "long", i);
            max(m, "latlon_vs_hycs_deg", Math.max(Math.abs(lat - row.get("lat").asDouble()),
                    Math.abs(lon - row.get("lon").asDouble())));
            GridProjection.GridPoint g = proj.toGrid(lat, lon);
            max(m, "grid_j_constancy_cells", g.y() - start.y());
            max(m, "grid_i_vs_hycs_cells", g.x() - row.get("grid_i").asDouble());
            lastI = g.x();
        }
        max(m, "di_per_hour_minus_12_cells", (start.x() - lastI) / 6.0 - 12.0);
        return m;
    }

    // ------------------------------------------------------------------------------------------
    // E2

    private static Map<String, Double> e2Shear(TransportKernel kernel, JsonNode rows) {
        double a = 5e-4;
        Path met = met("e2-shear", () -> TransportTestMet.experimentDesign(START, 2).build(),
                (var, level, time, lat, lon, value) -> switch (var) {
                    case "UWND", "U10M" -> (float) (10.0 + a * TransportTestMet.R_EARTH * Math.cos(Math.toRadians(lat))
                            * Math.toRadians(lon + 98.0));
                    case "VWND", "V10M" -> 0.0f;
                    default -> value;
                });
        TrajectoryResult r = TransportTestMet.run(kernel, TransportTestMet.request(START.plusSeconds(2 * 3600), 40.0,
                -98.0, -2, VerticalMotion.DATA, 100.0), met);
        Map<String, Double> m = metrics("lon_vs_hycs_deg", "lon_vs_heun_deg", "lon_vs_exact_deg");
        for (JsonNode row : rows) {
            double lon = TransportTestMet.value(r, "long", rowAt(r, 1, row.get("t_min").asDouble()));
            max(m, "lon_vs_hycs_deg", lon - row.get("hycs").asDouble());
            max(m, "lon_vs_heun_deg", lon - row.get("heun_1min").asDouble());
            max(m, "lon_vs_exact_deg", lon - row.get("exact").asDouble());
        }
        return m;
    }

    private static Map<String, Double> e2TimeInterp(TransportKernel kernel, JsonNode rows) {
        Path met = met("e2-time", () -> TransportTestMet.experimentDesign(START, 2).wind(new SyntheticMetSpec.Wind(0,
                0, 0, 0, 3000, List.of(new SyntheticMetSpec.HourlyWind(5, 0), new SyntheticMetSpec.HourlyWind(15, 0),
                        new SyntheticMetSpec.HourlyWind(5, 0)), null)).build(), null);
        TrajectoryResult r = TransportTestMet.run(kernel, TransportTestMet.request(START.plusSeconds(2 * 3600), 40.0,
                -98.0, -2, VerticalMotion.DATA, 100.0), met);
        Map<String, Double> m = metrics("dlon_vs_hycs_deg");
        for (JsonNode row : rows) {
            double lon = TransportTestMet.value(r, "long", rowAt(r, 1, row.get("t_min").asDouble()));
            max(m, "dlon_vs_hycs_deg", (-98.0 - lon) - row.get("hycs_dlon").asDouble());
        }
        return m;
    }

    // ------------------------------------------------------------------------------------------
    // E3

    private static Map<String, Double> e3(TransportKernel kernel, JsonNode rows, int vflag) {
        Map<String, Double> m = metrics("zagl_rel", "dens_kg_m3", "wout_rel");
        for (JsonNode row : rows) {
            if (row.get("vflag").asInt() != vflag) {
                continue;
            }
            double omega = row.get("wwnd_hPa_s").asDouble();
            Path met = met("e3-" + vflag + "-" + omega, () -> TransportTestMet.experimentDesign(START, 1)
                    .levels(vflag == 1 ? SyntheticMetSpec.Levels.hrrrSigma() : SyntheticMetSpec.Levels.standardPressure())
                    .omega(new SyntheticMetSpec.Omega(omega, 0)).build(), null);
            TrajectoryResult r = TransportTestMet.run(kernel, TransportTestMet.request(START.plusSeconds(3600), 40.0,
                    -98.0, -1, VerticalMotion.DATA, 1000.0), met);
            int i = rowAt(r, 1, row.get("t_min").asDouble());
            max(m, "zagl_rel", (TransportTestMet.value(r, "zagl", i) - row.get("zagl").asDouble())
                    / row.get("zagl").asDouble());
            max(m, "dens_kg_m3", TransportTestMet.value(r, "dens", i) - row.get("dens").asDouble());
            max(m, "wout_rel", (TransportTestMet.value(r, "wout", i) - row.get("wout").asDouble())
                    / row.get("wout").asDouble());
        }
        return m;
    }

    // ------------------------------------------------------------------------------------------
    // E11

    private static Map<String, Double> e11(TransportKernel kernel, JsonNode rows, JsonNode spec) {
        Path met = met("e11", () -> TransportTestMet.experimentDesign(START, 1)
                .wind(SyntheticMetSpec.Wind.uniform(5, 0)).build(), null);
        double[] z = new double[rows.size()];
        for (int p = 0; p < z.length; p++) {
            z[p] = rows.get(p).get("z").asDouble();
        }
        TrajectoryResult r = TransportTestMet.run(kernel, TransportTestMet.request(START.plusSeconds(3600), 40.0,
                -98.0, -1, VerticalMotion.DATA, z), met);
        double radius = spec.get("u_from_dlon_earth_radius_m").asDouble();
        double perDeg = radius * Math.cos(Math.toRadians(40.0)) * Math.PI / 180.0;
        Map<String, Double> m = metrics("dlon_deg", "u_m_s", "dens_kg_m3", "pres_hpa");
        for (int p = 0; p < z.length; p++) {
            JsonNode row = rows.get(p);
            int i = rowAt(r, p + 1, -60);
            // the reference's u is its printed 4-decimal dlon over 1 h: compare displacements
            double dlon = -98.0 - TransportTestMet.value(r, "long", i);
            max(m, "dlon_deg", dlon - row.get("u").asDouble() * 3600.0 / perDeg);
            max(m, "u_m_s", dlon * perDeg / 3600.0 - row.get("u").asDouble());
            max(m, "dens_kg_m3", TransportTestMet.value(r, "dens", i) - row.get("dens").asDouble());
            max(m, "pres_hpa", TransportTestMet.value(r, "pres", i) - row.get("pres").asDouble());
        }
        return m;
    }

    // ------------------------------------------------------------------------------------------

    private static Map<String, Double> metrics(String... names) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, 0.0);
        }
        return m;
    }

    private static void max(Map<String, Double> m, String name, double diff) {
        m.put(name, Double.isNaN(diff) ? Double.NaN : Math.max(m.get(name), Math.abs(diff)));
    }

    private static int rowAt(TrajectoryResult r, int indx, double minute) {
        int i = TransportTestMet.rowAt(r, indx, minute);
        assertTrue(i >= 0, "no row for particle " + indx + " at minute " + minute);
        return i;
    }
}
