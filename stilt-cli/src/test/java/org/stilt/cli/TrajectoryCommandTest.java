package org.stilt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.EngineInfo;
import org.stilt.core.met.GridProjection;
import org.stilt.core.particles.ParticleFiles;
import org.stilt.core.particles.ParticleNetcdfReader;
import org.stilt.core.particles.ParticleTable;

/**
 * In-process tests of {@code stilt trajectory}: a real HRRR run against hycs_std, a catalog run on synthetic met
 * against the analytic displacement, kernel agreement, release-height files, and exit codes and messages.
 */
class TrajectoryCommandTest {

    static final List<String> COLUMNS = List.of("time", "indx", "long", "lati", "zagl", "zsfc", "pres", "dens",
            "temp", "wout", "mlht", "shtf", "ustr", "dswf", "lhtf", "sphu");

    static final Path REFERENCE = Path.of(System.getProperty("stilt.reference.dir", "../../shared/reference"));
    static final Path HRRR_A = REFERENCE.resolve("met/20190530_00-05_hrrr");
    static final Path HRRR_B = REFERENCE.resolve("met/20190530_06-11_hrrr");

    /** Northward wind of the synthetic met, m/s (uniform, constant). */
    static final double V_MS = 5.0;

    @TempDir
    static Path synthDir;

    @TempDir
    Path tmp;

    /** Synthetic met: 0.1° lat/lon, 37..44 N, 116..106 W, flat 1300 m, uniform 5 m/s southerly, 00..12 UTC. */
    @BeforeAll
    static void writeSyntheticMet() {
        CliRun r = CliRun.of("met", "synth", "--corner", "37,-116", "--spacing", "0.1", "--size", "101,71",
                "--start", "2021-01-15T00:00:00Z", "--hours", "12", "--wind", "0," + V_MS,
                "--daily", "met_a_%Y%m%d.arl", "--output", synthDir.resolve("met").toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    }

    static void assumeHrrr() {
        assumeTrue(Files.isRegularFile(HRRR_A) && Files.isRegularFile(HRRR_B),
                "SKIPPED: reference HRRR met not available under " + REFERENCE.toAbsolutePath()
                        + " (set -Dstilt.reference.dir)");
    }

    /** Arguments of a run on the synthetic met through the catalog, plus {@code extra}. */
    static List<String> synthArgs(Path output, String... extra) {
        List<String> a = new ArrayList<>(List.of("trajectory", "--time", "2021-01-15T12:00:00Z", "--lat", "40.5",
                "--lon", "-110", "--hours", "-6", "--met-dir", synthDir.resolve("met").toString(),
                "--met-format", "met_a_%Y%m%d.arl", "--met-tres", "1d", "--no-turbulence",
                "--output", output.toString()));
        a.addAll(List.of(extra));
        return a;
    }

    static CliRun run(List<String> args) {
        return CliRun.of(args.toArray(String[]::new));
    }

    static CliRun ok(List<String> args) {
        CliRun r = run(args);
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertEquals("", r.err());
        return r;
    }

    /** Row index of (time, indx), or -1. */
    static int row(ParticleTable t, int time, int indx) {
        double[] tm = t.column("time");
        double[] ix = t.column("indx");
        for (int i = 0; i < tm.length; i++) {
            if (tm[i] == time && ix[i] == indx) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void hrrrPointRunMatchesHycsStdAfterSixtyMinutes() {
        assumeHrrr();
        Path out = tmp.resolve("hrrr.nc");
        CliRun r = ok(List.of("trajectory", "--time", "2019-05-30T11:00:00Z", "--lat", "40.77", "--lon", "-111.85",
                "--zagl", "5", "--hours", "-11", "--numpar", "10", "--met-file", HRRR_A.toString(), HRRR_B.toString(),
                "--no-turbulence", "--output", out.toString()));
        assertTrue(r.out().matches("wrote " + java.util.regex.Pattern.quote(out.toString())
                + ": 10 particles, 6600 rows, 0 left the domain, [0-9.]+ s, kernel native\\R"), r.out());
        ParticleTable ours = ParticleNetcdfReader.read(out, null);
        assertEquals(COLUMNS, ours.columnNames());
        assertEquals(6600, ours.rowCount());
        ParticleTable ref = ParticleFiles.read(
                REFERENCE.resolve("transport/deterministic/det_hrrr_point_5m_11h/particles.csv.gz"),
                List.of("time", "indx", "long", "lati"));
        int o = row(ours, -60, 1);
        int e = row(ref, -60, 1);
        assertTrue(o >= 0 && e >= 0, "row time -60 indx 1 in both tables");
        assertEquals(ref.column("long")[e], ours.column("long")[o], 1e-3, "longitude of particle 1 at -60 min");
        assertEquals(ref.column("lati")[e], ours.column("lati")[o], 1e-3, "latitude of particle 1 at -60 min");
        var attrs = ours.attributes();
        assertEquals("native", attrs.get("kernel"));
        assertEquals("-11", attrs.get("n_hours"));
        assertEquals("10", attrs.get("numpar"));
        assertEquals("40.77", attrs.get("receptor_lati"));
        assertEquals("-111.85", attrs.get("receptor_long"));
        assertEquals("2019-05-30T11:00:00Z", attrs.get("run_time"));
        assertEquals(HRRR_A.toAbsolutePath() + ";" + HRRR_B.toAbsolutePath(), attrs.get("met_files"));
        assertEquals(EngineInfo.version(), attrs.get("engine_version"));
    }

    @Test
    void catalogRunOnUniformWindMovesAlongTheMeridianByTheAnalyticDistance() {
        Path out = tmp.resolve("synth.nc");
        CliRun r = ok(synthArgs(out, "--zagl", "100", "--numpar", "3"));
        assertTrue(r.out().contains(": 3 particles, 1080 rows, 0 left the domain"), r.out());
        ParticleTable t = ParticleNetcdfReader.read(out, null);
        assertEquals(COLUMNS, t.columnNames());
        // backward 6 h in a 5 m/s southerly: due south along the meridian (a great circle) by v·6 h
        double expectedLat = 40.5 - Math.toDegrees(V_MS * 6 * 3600 / GridProjection.EARTH_RADIUS_METERS);
        for (int p = 1; p <= 3; p++) {
            int i = row(t, -360, p);
            assertTrue(i >= 0, "particle " + p + " at -360 min");
            assertEquals(expectedLat, t.column("lati")[i], 1e-4, "latitude of particle " + p);
            assertEquals(-110.0, t.column("long")[i], 1e-4, "longitude of particle " + p);
            assertEquals(100.0, t.column("zagl")[i], 0.01, "no vertical motion");
        }
        assertEquals(synthDir.resolve("met/met_a_20210115.arl").toAbsolutePath().toString(),
                t.attributes().get("met_files"), "the catalog picked the day's file");
    }

    /**
     * A met file around the globe (2° lat/lon, 180 columns from 180° W, so its seam is the
     * antimeridian; 20–60 N, 10 m/s easterly): a 178 E receptor's particles, run backward 12 h with
     * turbulence, cross the antimeridian eastward instead of stopping at the seam (docs/transport.md,
     * "Grids around the globe"); the footprint across the dateline (xmn 160, xmx 200) holds them.
     */
    @Test
    void particlesCrossTheAntimeridianOnAGlobalGrid() {
        Path met = tmp.resolve("global.arl");
        CliRun m = CliRun.of("met", "synth", "--corner", "20,-180", "--spacing", "2", "--size", "180,21",
                "--start", "2021-01-15T00:00:00Z", "--hours", "12", "--wind", "-10,0", "--output", met.toString());
        assertEquals(ExitCodes.OK, m.exitCode(), m.err());
        Path out = tmp.resolve("global.nc");
        CliRun r = ok(List.of("trajectory", "--time", "2021-01-15T12:00:00Z", "--lat", "40", "--lon", "178",
                "--zagl", "10", "--zagl-top", "500", "--hours", "-12", "--numpar", "20", "--met-file", met.toString(),
                "--output", out.toString()));
        assertTrue(r.out().contains(": 20 particles, 14400 rows, 0 left the domain"), r.out());
        ParticleTable t = ParticleNetcdfReader.read(out, null);
        // backward 12 h against a 10 m/s easterly: 10 m/s · 12 h / (R cos 40°) = 5.07° east of 178 E
        double expected = 178.0 + Math.toDegrees(10.0 * 12 * 3600 / (GridProjection.EARTH_RADIUS_METERS
                * Math.cos(Math.toRadians(40)))) - 360.0;
        double[] lon = t.column("long");
        for (int p = 1; p <= 20; p++) {
            double end = lon[row(t, -720, p)];
            assertTrue(end < -170.0 && end > -180.0, "particle " + p + " ends at " + end + " E, east of 180");
            assertEquals(expected, end, 1.0, "particle " + p + " (turbulence spreads them)");
        }
        Path foot = tmp.resolve("global_foot.nc");
        CliRun f = ok(List.of("footprint", "--particles", out.toString(), "--xmn", "160", "--xmx", "200",
                "--ymn", "30", "--ymx", "50", "--xres", "1", "--run-time", "2021-01-15T12:00:00Z",
                "--time-integrate", "--output", foot.toString()));
        assertTrue(f.out().contains("20 particles"), f.out());
    }

    @Test
    void javaAndNativeKernelsWriteIdenticalValues() throws IOException {
        List<List<String>> cases = new ArrayList<>();
        cases.add(synthArgs(tmp.resolve("x.nc"), "--zagl", "10", "--zagl-top", "900", "--numpar", "8"));
        if (Files.isRegularFile(HRRR_A) && Files.isRegularFile(HRRR_B)) {
            cases.add(List.of("trajectory", "--time", "2019-05-30T11:00:00Z", "--lat", "40.77", "--lon", "-111.85",
                    "--zagl", "5", "--zagl-top", "1000", "--hours", "-11", "--numpar", "20", "--met-file",
                    HRRR_A.toString(), "--met-file", HRRR_B.toString(), "--no-turbulence", "--output",
                    tmp.resolve("x.nc").toString()));
        } else {
            System.err.println("SKIPPED (partly): HRRR kernel agreement, reference met missing under " + REFERENCE);
        }
        for (List<String> base : cases) {
            ParticleTable[] tables = new ParticleTable[2];
            String[] kinds = {"native", "java"};
            for (int k = 0; k < 2; k++) {
                Path out = tmp.resolve(kinds[k] + ".nc");
                List<String> args = new ArrayList<>(base);
                args.set(args.indexOf("--output") + 1, out.toString());
                args.addAll(List.of("--kernel", kinds[k]));
                ok(args);
                tables[k] = ParticleNetcdfReader.read(out, null);
                assertEquals(kinds[k], tables[k].attributes().get("kernel"));
            }
            assertTrue(tables[0].rowCount() > 0);
            assertEquals(tables[0].columnNames(), tables[1].columnNames());
            for (String c : tables[0].columnNames()) {
                assertArrayEquals(tables[0].column(c), tables[1].column(c), c + " of " + base);
            }
            double[] z = tables[0].column("zagl");
            assertTrue(Arrays.stream(z).distinct().count() >= 8, "a column release spreads the particles");
        }
    }

    @Test
    void releaseHeightsFileSetsNumparAndHeightsAndWritesCsv() throws IOException {
        Path heights = tmp.resolve("z.txt");
        Files.writeString(heights, "# release heights\n50\n\n  250   # middle\n1000.5\n");
        Path out = tmp.resolve("sub/p.csv.gz");
        CliRun r = ok(synthArgs(out, "--release-heights", heights.toString()));
        assertTrue(r.out().contains(": 3 particles, 1080 rows"), r.out());
        ParticleTable t = ParticleFiles.read(out, null);
        assertEquals(COLUMNS, t.columnNames());
        double[] expected = {50, 250, 1000.5};
        for (int p = 1; p <= 3; p++) {
            assertEquals(expected[p - 1], t.column("zagl")[row(t, -1, p)], 0.01, "particle " + p);
        }
    }

    private CliRun bad(int exitCode, List<String> args) {
        CliRun r = run(args);
        assertEquals(exitCode, r.exitCode(), r.err());
        assertEquals(1, r.errLines(), r.err());
        assertEquals("", r.out());
        return r;
    }

    @Test
    void badReleaseHeightsNameFileLineAndValue() throws IOException {
        Path heights = tmp.resolve("z.txt");
        Files.writeString(heights, "10\n# c\n2O\n");
        CliRun r = bad(ExitCodes.INVALID_INPUT, synthArgs(tmp.resolve("o.nc"), "--release-heights", heights.toString()));
        assertTrue(r.err().contains(heights + " line 3: '2O' is not a number"), r.err());
        Files.writeString(heights, "10\n-5\n");
        r = bad(ExitCodes.INVALID_INPUT, synthArgs(tmp.resolve("o.nc"), "--release-heights", heights.toString()));
        assertTrue(r.err().contains("line 2: '-5' is not a finite height >= 0"), r.err());
        Files.writeString(heights, "10\n20\n");
        r = bad(ExitCodes.INVALID_INPUT, synthArgs(tmp.resolve("o.nc"), "--release-heights", heights.toString(),
                "--numpar", "3"));
        assertTrue(r.err().contains("holds 2 heights but --numpar is 3"), r.err());
        Files.writeString(heights, "# nothing\n\n");
        r = bad(ExitCodes.INVALID_INPUT, synthArgs(tmp.resolve("o.nc"), "--release-heights", heights.toString()));
        assertTrue(r.err().contains("holds no height"), r.err());
        r = bad(ExitCodes.INPUT_UNREADABLE, synthArgs(tmp.resolve("o.nc"), "--release-heights",
                tmp.resolve("absent.txt").toString()));
        assertTrue(r.err().contains("absent.txt") && r.err().contains("does not exist"), r.err());
        assertFalse(Files.exists(tmp.resolve("o.nc")));
    }

    @Test
    void turbulentRunWritesFootAndIsReproducible() {
        List<String> args = synthArgs(tmp.resolve("t1.nc"), "--zagl", "5", "--numpar", "200", "--seed", "11");
        args.remove("--no-turbulence");
        ok(args);
        ParticleTable t1 = ParticleNetcdfReader.read(tmp.resolve("t1.nc"), null);
        for (String c : List.of("foot", "samt", "sigw", "tlgr")) {
            assertTrue(t1.columnNames().contains(c), "column " + c + " in " + t1.columnNames());
        }
        double[] samt = t1.column("samt");
        double[] foot = t1.column("foot");
        double[] zagl = t1.column("zagl");
        assertTrue(Arrays.stream(samt).allMatch(v -> v >= 0 && v <= 1.0 + 1e-12), "samt within [0, 1] minute");
        assertTrue(Arrays.stream(foot).anyMatch(v -> v > 0), "some foot");
        assertTrue(Arrays.stream(zagl).allMatch(v -> v >= 0), "no particle below ground");
        // particles released together at 5 m spread vertically within minutes
        double[] heightsAt10 = new double[200];
        double[] tm = t1.column("time");
        int k = 0;
        for (int i = 0; i < tm.length; i++) {
            if (tm[i] == -10) {
                heightsAt10[k++] = zagl[i];
            }
        }
        assertEquals(200, k);
        assertTrue(Arrays.stream(heightsAt10).max().getAsDouble() - Arrays.stream(heightsAt10).min().getAsDouble() > 50,
                "vertical spread after 10 min");
        // same seed: identical table; another seed: a different one; --no-turbulence: no foot
        List<String> again = new ArrayList<>(args);
        again.set(again.indexOf(tmp.resolve("t1.nc").toString()), tmp.resolve("t2.nc").toString());
        ok(again);
        ParticleTable t2 = ParticleNetcdfReader.read(tmp.resolve("t2.nc"), null);
        assertArrayEquals(t1.column("zagl"), t2.column("zagl"));
        assertArrayEquals(t1.column("foot"), t2.column("foot"));
        // the ensemble split into 2 or 3 particle chunks on as many threads: the same file, byte for byte
        for (String threads : List.of("2", "3")) {
            List<String> chunked = withArgs(args, "--threads", threads);
            chunked.set(chunked.indexOf(tmp.resolve("t1.nc").toString()), tmp.resolve("t5.nc").toString());
            ok(chunked);
            try {
                assertEquals(-1L, Files.mismatch(tmp.resolve("t1.nc"), tmp.resolve("t5.nc")),
                        "--threads " + threads + " writes the one-thread file's bytes");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        again.set(again.indexOf("11"), "12");
        ok(again);
        ParticleTable t3 = ParticleNetcdfReader.read(tmp.resolve("t2.nc"), null);
        assertFalse(Arrays.equals(t1.column("zagl"), t3.column("zagl")), "another seed moves particles differently");
        CliRun r = bad(ExitCodes.INVALID_INPUT, withArgs(args, "--veght", "0"));
        assertTrue(r.err().contains("veght 0.0"), r.err());
        r = bad(ExitCodes.INVALID_INPUT, withArgs(args, "--tlfrac", "2"));
        assertTrue(r.err().contains("tlfrac 2.0"), r.err());
        r = bad(ExitCodes.INVALID_INPUT, withArgs(args, "--winderr", "1,2,3"));
        assertTrue(r.err().contains("--winderr takes 4 values"), r.err());
        // ZICONTROL doubles the mixed layer in hour 1; the wind error spreads particles further
        List<String> zi = withArgs(args, "--ziscale", "2", "--winderr", "3,600,1000000,100000");
        zi.set(zi.indexOf(tmp.resolve("t1.nc").toString()), tmp.resolve("t4.nc").toString());
        ok(zi);
        ParticleTable t4 = ParticleNetcdfReader.read(tmp.resolve("t4.nc"), null);
        double[] m1 = t1.column("mlht");
        double[] m4 = t4.column("mlht");
        assertEquals(2.0 * m1[0], m4[0], 1e-9, "hour-1 mlht doubled");
    }

    private static List<String> withArgs(List<String> base, String... extra) {
        List<String> a = new ArrayList<>(base);
        a.addAll(List.of(extra));
        return a;
    }

    @Test
    void metProblemsExitEight() {
        List<String> south = synthArgs(tmp.resolve("o.nc"), "--zagl", "5", "--numpar", "2");
        south.set(south.indexOf("--lat") + 1, "30");
        CliRun r = bad(ExitCodes.MET_UNAVAILABLE, south);
        assertTrue(r.err().contains("outside the met grid"), r.err());
        List<String> late = synthArgs(tmp.resolve("o.nc"), "--zagl", "5", "--numpar", "2");
        late.set(late.indexOf("--time") + 1, "2021-01-20T12:00:00Z");
        r = bad(ExitCodes.MET_UNAVAILABLE, late);
        assertTrue(r.err().contains("met_a_20210120.arl"), r.err());
        // the day's file is found but ends at 12 UTC: a forward run runs out of met
        List<String> forward = synthArgs(tmp.resolve("o.nc"), "--zagl", "5", "--numpar", "2");
        forward.set(forward.indexOf("--hours") + 1, "3");
        r = bad(ExitCodes.MET_UNAVAILABLE, forward);
        assertTrue(r.err().contains("the met files cover"), r.err());
    }

    /**
     * {@code --varsiwant}: exactly those columns in that order (R-STILT's particle table); without
     * turbulence {@code foot} is 0 as hycs_std prints it; codes the kernels do not compute and
     * tables without positions are errors naming the code.
     */
    @Test
    void varsiwantSelectsAndOrdersTheColumns() {
        Path out = tmp.resolve("chosen.nc");
        ok(synthArgs(out, "--zagl", "100", "--numpar", "3", "--varsiwant", "time,indx,lati,long,pres,zagl,foot"));
        ParticleTable t = ParticleNetcdfReader.read(out, null);
        assertEquals(List.of("time", "indx", "lati", "long", "pres", "zagl", "foot"), t.columnNames());
        for (double f : t.column("foot")) {
            assertEquals(0.0, f, "foot without turbulence");
        }
        CliRun r = bad(ExitCodes.INVALID_INPUT, synthArgs(tmp.resolve("v.nc"), "--zagl", "5", "--numpar", "2",
                "--varsiwant", "time,indx,long,lati,rain"));
        assertTrue(r.err().contains("--varsiwant has \"rain\""), r.err());
        r = bad(ExitCodes.INVALID_INPUT, synthArgs(tmp.resolve("v.nc"), "--zagl", "5", "--numpar", "2",
                "--varsiwant", "time,indx,long,zagl"));
        assertTrue(r.err().contains("--varsiwant lacks \"lati\""), r.err());
        assertFalse(Files.exists(tmp.resolve("v.nc")));
    }

    @Test
    void otherErrorsMapToTheirExitCodes() {
        bad(ExitCodes.INPUT_UNREADABLE, List.of("trajectory", "--time", "2021-01-15T12:00:00Z", "--lat", "40.5",
                "--lon", "-110", "--zagl", "5", "--hours", "-6", "--numpar", "2", "--met-file",
                tmp.resolve("none.arl").toString(), "--no-turbulence", "--output", tmp.resolve("o.nc").toString()));
        CliRun r = bad(ExitCodes.INVALID_INPUT, synthArgs(tmp.resolve("o.txt"), "--zagl", "5", "--numpar", "2"));
        assertTrue(r.err().contains(".csv.gz"), r.err());
        r = bad(ExitCodes.INVALID_INPUT, synthArgs(tmp.resolve("o.nc"), "--zagl", "5", "--numpar", "2",
                "--w-option", "7"));
        assertTrue(r.err().contains("w_option 7"), r.err());
        r = bad(ExitCodes.INVALID_INPUT, synthArgs(tmp.resolve("o.nc"), "--numpar", "2"));
        assertTrue(r.err().contains("--zagl is required"), r.err());
        r = bad(ExitCodes.INVALID_INPUT, synthArgs(tmp.resolve("o.nc"), "--zagl", "5"));
        assertTrue(r.err().contains("--numpar is required"), r.err());
        r = bad(ExitCodes.INVALID_INPUT, synthArgs(tmp.resolve("o.nc"), "--zagl", "5", "--numpar", "2",
                "--kernel", "gpu"));
        assertTrue(r.err().contains("--kernel must be native or java (got 'gpu')"), r.err());
        List<String> both = synthArgs(tmp.resolve("o.nc"), "--zagl", "5", "--numpar", "2", "--met-file", "x.arl");
        r = run(both);
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        assertTrue(r.err().contains("mutually exclusive"), r.err());
        assertFalse(Files.exists(tmp.resolve("o.nc")));
    }

    @Test
    void helpAndTopLevelListing() {
        CliRun r = CliRun.of("trajectory", "--help");
        assertEquals(ExitCodes.OK, r.exitCode());
        for (String o : List.of("--met-file", "--met-dir", "--met-format", "--met-tres", "--release-heights",
                "--no-turbulence", "--w-option", "--z-top", "--kernel", "--zagl-top", "--seed", "--tlfrac",
                "--hscale", "--veght", "--z0", "--simulation-number")) {
            assertTrue(r.out().contains(o), o + " in " + r.out());
        }
        assertTrue(CliRun.of("--help").out().contains("trajectory"));
    }
}
