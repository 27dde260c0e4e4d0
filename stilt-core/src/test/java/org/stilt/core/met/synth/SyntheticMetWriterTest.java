package org.stilt.core.met.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.InvalidInputException;
import org.stilt.core.met.ArlFile;
import org.stilt.core.met.ArlGrid;
import org.stilt.core.met.ArlPeriod;
import org.stilt.core.met.GridProjection;
import org.stilt.core.met.VerticalCoordinate;
import org.stilt.core.met.synth.SyntheticMetSpec.DiurnalRange;

/** Files written from a design read back (with {@link ArlFile}) as the design within packing precision. */
class SyntheticMetWriterTest {

    @TempDir
    Path tmp;

    static final Instant T0 = Instant.parse("2021-01-15T00:00:00Z");

    /** Every option at once on a small lat/lon sigma grid with a Gaussian hill. */
    static SyntheticMetSpec everything() {
        return SyntheticMetSpec.builder()
                .grid(new SyntheticMetSpec.LatLonGrid(39.5, -112.0, 0.25, 0.2, 14, 10))
                .levels(new SyntheticMetSpec.Levels(VerticalCoordinate.SIGMA, List.of(0.995, 0.97, 0.9, 0.75, 0.5, 0.2)))
                .times(new SyntheticMetSpec.Times(T0, Duration.ofHours(1), 5))
                .wind(new SyntheticMetSpec.Wind(0, 0, 0.003, -0.001, 2000,
                        List.of(new SyntheticMetSpec.HourlyWind(5, 1), new SyntheticMetSpec.HourlyWind(-3, 4),
                                new SyntheticMetSpec.HourlyWind(2, -6)),
                        new SyntheticMetSpec.Rotation(40.5, -110.7, 2e-5)))
                .omega(new SyntheticMetSpec.Omega(-0.003, 8000))
                .diurnal(new SyntheticMetSpec.Diurnal(-7, 14))
                .surface(new SyntheticMetSpec.Surface(new DiurnalRange(250, 1800), new DiurnalRange(-20, 300),
                        new DiurnalRange(10, 120), new DiurnalRange(0.15, 0.5), new DiurnalRange(0, 850), null, true))
                .terrain(new SyntheticMetSpec.GaussianHill(1300, 2500, 40.6, -110.8, 40))
                .atmosphere(new SyntheticMetSpec.Atmosphere(290, 7.0, 215, 0.004, 40))
                .build();
    }

    private static void assertMatchesDesign(ArlFile f, SyntheticMetSpec spec) {
        ModelCheck.Result r = ModelCheck.check(f, new SyntheticMetModel(spec), Map.of(), 1);
        assertTrue(r.failures().isEmpty(), r.failures().toString());
        assertTrue(f.checksumMismatches().isEmpty(), "checksums");
    }

    private static double range(float[] a) {
        double mn = Double.MAX_VALUE;
        double mx = -Double.MAX_VALUE;
        for (float v : a) {
            mn = Math.min(mn, v);
            mx = Math.max(mx, v);
        }
        return mx - mn;
    }

    @Test
    void latLonSigmaEveryVariableKindReadsBackAsTheDesign() {
        SyntheticMetSpec spec = everything();
        SyntheticMetWriter.WrittenFile w = SyntheticMetWriter.write(spec, tmp.resolve("all.arl"));
        assertEquals(5, w.periods());
        ArlFile f = ArlFile.open(w.file());
        assertMatchesDesign(f, spec);
        ArlPeriod p0 = f.periods().get(0);
        assertEquals(List.of("1.0:[SHGT, PRSS, T02M, U10M, V10M, SHTF, LHTF, USTR, DSWF, PBLH, UMOF, VMOF]",
                "0.995:[TEMP, UWND, VWND, WWND, SPHU, PRES]"), ModelCheck.catalogue(p0).subList(0, 2));
        assertEquals(VerticalCoordinate.SIGMA, p0.index().verticalCoordinate());
        assertEquals(7, p0.index().levelCount());
        assertEquals("SYNT", p0.index().source());
        // the design is not trivially uniform: hill, derived pressure, rotation, omega profile and hours vary
        assertTrue(range(f.read(p0, "SHGT", 0)) > 1000);
        assertTrue(range(f.read(p0, "PRSS", 0)) > 50);
        assertTrue(range(f.read(p0, "UWND", 3)) > 1);
        assertTrue(range(f.read(p0, "WWND", 6)) < 1e-6 && Math.abs(f.read(p0, "WWND", 5)[0]) > 1e-3);
        assertNotEquals(f.read(p0, "UWND", 1)[0], f.read(f.periods().get(1), "UWND", 1)[0]);
        // corner longitude written as 0..360, the convention hycs_std accepts
        assertEquals(248.0, f.grid().syncLon(), 1e-9);
        // UMOF/VMOF are along the 10 m wind with |tau| = rho u*^2
        float[] um = f.read(p0, "UMOF", 0);
        float[] vm = f.read(p0, "VMOF", 0);
        float[] u10 = f.read(p0, "U10M", 0);
        float[] v10 = f.read(p0, "V10M", 0);
        assertEquals(Math.atan2(v10[20], u10[20]), Math.atan2(vm[20], um[20]), 0.05);
    }

    // Grids here have at least 108 points: ArlFile (not this package) cannot yet read files whose
    // index header spans several records (nx*ny < 108), although ArlWriter writes them.

    @Test
    void diurnalCycleFollowsLocalSolarTime() {
        SyntheticMetSpec spec = SyntheticMetSpec.builder()
                .grid(new SyntheticMetSpec.LatLonGrid(40, -110, 0.5, 0.5, 12, 10))
                .times(SyntheticMetSpec.Times.hourly(T0, 24))
                .levels(new SyntheticMetSpec.Levels(VerticalCoordinate.SIGMA, List.of(0.9)))
                .diurnal(new SyntheticMetSpec.Diurnal(-7, 14))
                .surface(new SyntheticMetSpec.Surface(new DiurnalRange(300, 2000), new DiurnalRange(-30, 250),
                        DiurnalRange.constant(50), DiurnalRange.constant(0.3), DiurnalRange.constant(0), null, false))
                .build();
        ArlFile f = ArlFile.open(SyntheticMetWriter.write(spec, tmp.resolve("d.arl")).file());
        assertMatchesDesign(f, spec);
        // the peak is at 14 h local = 21 UTC, the minimum for the 12 hours around 02 local (03..15 UTC)
        assertEquals(2000, f.read(f.periods().get(21), "PBLH", 0)[4], 0.01);
        assertEquals(250, f.read(f.periods().get(21), "SHTF", 0)[4], 0.01);
        for (int h = 3; h <= 15; h++) {
            assertEquals(300, f.read(f.periods().get(h), "PBLH", 0)[4], 0.01, "hour " + h);
        }
        assertEquals(300 + 1700 * Math.cos(Math.PI / 4), f.read(f.periods().get(18), "PBLH", 0)[0], 0.01);
    }

    @Test
    void lambertPressureLevelsSlopeWritesGridRelativeWinds() {
        SyntheticMetSpec.LambertGrid g = SyntheticMetSpec.LambertGrid.centredAt(38.5, -97.5, 12, 40.5, -110, 21, 17);
        SyntheticMetSpec spec = SyntheticMetSpec.builder()
                .grid(g)
                .levels(new SyntheticMetSpec.Levels(VerticalCoordinate.PRESSURE, List.of(1000.0, 900.0, 850.0, 700.0, 500.0, 250.0, 100.0)))
                .times(new SyntheticMetSpec.Times(T0, Duration.ofHours(3), 3))
                .wind(new SyntheticMetSpec.Wind(6, 0, 0.001, 0, 3000, List.of(), null))
                .omega(new SyntheticMetSpec.Omega(0.002, 0))
                .terrain(new SyntheticMetSpec.LinearSlope(1500, 40.5, -110, 5, -2))
                .build();
        ArlFile f = ArlFile.open(SyntheticMetWriter.write(spec, tmp.resolve("lcc.arl")).file());
        assertMatchesDesign(f, spec);
        ArlGrid ag = f.grid();
        assertEquals(ArlGrid.Kind.LAMBERT_CONFORMAL, ag.kind());
        assertEquals(12.0, ag.gridSizeKm(), 1e-9);
        assertEquals(38.5, ag.coneAngleDeg(), 1e-9);
        // the centre point is at the requested centre
        GridProjection.GridPoint c = ag.projection().toGrid(40.5, -110);
        assertEquals(11.0, c.x(), 1e-3);
        assertEquals(9.0, c.y(), 1e-3);
        ArlPeriod p = f.periods().get(0);
        assertEquals(VerticalCoordinate.PRESSURE, p.index().verticalCoordinate());
        assertEquals(List.of("0.0:[SHGT, PRSS, T02M, U10M, V10M, SHTF, LHTF, USTR, DSWF, PBLH]",
                "1000.0:[HGTS, TEMP, UWND, VWND, WWND, RELH]"), ModelCheck.catalogue(p).subList(0, 2));
        // a westerly wind 12.5 degrees west of the central meridian: grid-relative v is negative
        // (theta = sin(38.5) * -12.5 deg), and rotating back gives the earth-relative design
        int q = 8 * 21 + 10;
        GridProjection.GeoPoint geo = ag.projection().toGeo(11, 9);
        float ug = f.read(p, "UWND", 4)[q];
        float vg = f.read(p, "VWND", 4)[q];
        double th = Math.sin(Math.toRadians(38.5)) * Math.toRadians(geo.longitude() + 97.5);
        assertTrue(vg < -1.0, "grid-relative v " + vg);
        double ue = ug * Math.cos(th) + vg * Math.sin(th);
        double ve = -ug * Math.sin(th) + vg * Math.cos(th);
        double z = f.read(p, "HGTS", 4)[q] - f.read(p, "SHGT", 0)[q];
        assertEquals(6 + 0.001 * z, ue, 0.02);
        assertEquals(0, ve, 0.02);
        // terrain: 5 m/km east, -2 m/km north; grid x points theta north of east (theta < 0 here)
        float[] shgt = f.read(p, "SHGT", 0);
        assertEquals(12 * (5 * Math.cos(th) - 2 * -Math.sin(th)), shgt[q + 1] - shgt[q], 1.0);
        // HGTS are above sea level and increase upwards
        assertTrue(f.read(p, "HGTS", 7)[q] > 15_000);
    }

    @Test
    void dailyFilesHoldOneUtcDayPlusTheNextMidnight() throws IOException {
        SyntheticMetSpec spec = SyntheticMetSpec.builder()
                .grid(new SyntheticMetSpec.LatLonGrid(40, -111, 0.5, 0.5, 12, 10))
                .levels(new SyntheticMetSpec.Levels(VerticalCoordinate.SIGMA, List.of(0.9)))
                .times(SyntheticMetSpec.Times.hourly(Instant.parse("2021-01-15T06:00:00Z"), 42))
                .build();
        List<SyntheticMetWriter.WrittenFile> files = SyntheticMetWriter.writeDaily(spec, tmp, "met_a_%Y%m%d.arl");
        assertEquals(2, files.size());
        assertEquals(tmp.resolve("met_a_20210115.arl"), files.get(0).file());
        assertEquals(19, files.get(0).periods());
        assertEquals(Instant.parse("2021-01-16T00:00:00Z"), files.get(0).last());
        assertEquals(tmp.resolve("met_a_20210116.arl"), files.get(1).file());
        assertEquals(25, files.get(1).periods());
        ArlFile f = ArlFile.open(files.get(1).file());
        assertEquals(Instant.parse("2021-01-16T00:00:00Z"), f.firstTime());
        assertEquals(Instant.parse("2021-01-17T00:00:00Z"), f.lastTime());
        // no day file for 2021-01-17, whose only period closes the previous file; no temporary files left
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("met_a_20210115.arl", "met_a_20210116.arl"), s.map(x -> x.getFileName().toString()).sorted().toList());
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SyntheticMetWriter.writeDaily(spec, tmp.resolve("x"), "met_%Y%m.arl"));
        assertTrue(e.getMessage().contains("met_%Y%m.arl") && e.getMessage().contains("%Y%m%d"), e.getMessage());
    }

    @Test
    void badDesignValuesNameTheValueAndTheExpectation() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new SyntheticMetSpec.Levels(VerticalCoordinate.SIGMA, List.of(0.99, 0.995)));
        assertTrue(e.getMessage().contains("level 2") && e.getMessage().contains("decrease"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new SyntheticMetSpec.LatLonGrid(80, 0, 1, 1, 10, 20));
        assertTrue(e.getMessage().contains("northern edge") && e.getMessage().contains("99.0"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> SyntheticMetSpec.builder().times(
                SyntheticMetSpec.Times.hourly(T0, 1)).build());
        assertTrue(e.getMessage().contains("grid is missing"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> new SyntheticMetSpec.Times(T0, Duration.ofSeconds(90), 3));
        assertTrue(e.getMessage().contains("PT1M30S") && e.getMessage().contains("whole number of minutes"), e.getMessage());
    }
}
