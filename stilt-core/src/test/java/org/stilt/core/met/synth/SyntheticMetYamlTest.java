package org.stilt.core.met.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stilt.core.InvalidInputException;
import org.stilt.core.UnreadableInputException;
import org.stilt.core.met.ArlGrid;
import org.stilt.core.met.VerticalCoordinate;

/** YAML descriptions: the bundled example, every key of the schema, and errors that name the key. */
class SyntheticMetYamlTest {

    static final Path EXAMPLE = Path.of("../examples/met/example-met.yaml");

    @Test
    void bundledExampleIsTheE2eADesignAndCoversTheReadmeRun() {
        SyntheticMetYaml.Description d = SyntheticMetYaml.read(EXAMPLE);
        SyntheticMetSpec s = d.spec();
        SyntheticMetSpec a = SynthReferenceFilesTest.e2eA();
        assertEquals(a.grid().toArlGrid(), s.grid().toArlGrid());
        assertEquals(a.levels(), s.levels());
        assertEquals(a.times(), s.times());
        assertEquals(a.wind(), s.wind());
        assertEquals(a.omega(), s.omega());
        assertEquals(a.surface(), s.surface());
        assertEquals(a.terrain(), s.terrain());
        assertEquals(a.atmosphere(), s.atmosphere());
        assertEquals("met_a_%Y%m%d.arl", d.output().daily());
        assertNull(d.output().file());
        // covers 2021-01-15 00..23 UTC and the footprint domain -112.5..-109.5 x 39.5..41.5 with margin
        assertTrue(!s.times().start().isAfter(Instant.parse("2021-01-15T00:00:00Z")));
        assertTrue(!s.times().last().isBefore(Instant.parse("2021-01-15T23:00:00Z")));
        ArlGrid g = s.grid().toArlGrid();
        double west = g.syncLon() - 360;
        double east = west + (g.nx() - 1) * g.refLon();
        assertTrue(west <= -112.5 - 1 && east >= -109.5 + 1, west + ".." + east);
        assertTrue(g.syncLat() <= 39.5 - 1 && g.poleLat() >= 41.5 + 1, g.syncLat() + ".." + g.poleLat());
    }

    @Test
    void everyKeyOfTheSchema() {
        String yaml = """
                source: TEST
                grid: {kind: lambert, centre: [40.5, -110], spacing: 3, size: [60, 50], true_lat: 38.5, central_lon: -97.5}
                levels: {coordinate: pressure, values: [1000, 850, 700, 500]}
                times: {start: '2021-07-15 06:00', interval: 30min, count: 5}
                wind:
                  u: 2
                  v: -1
                  shear: {du_dz: 2e-3, dv_dz: -0.001, top_m: 2500}
                  hourly: [[1, 2], [3, 4]]
                  rotation: {centre: [40.5, -110], omega_rad_s: 1e-5}
                omega: {pa_per_s: -0.3, profile_top_m: 9000}
                diurnal: {utc_offset_h: -7.5, peak_local_h: 13}
                surface: {pblh_m: [200, 2200], shtf_w_m2: [-20, 300], lhtf_w_m2: 40, ustr_m_s: 0.3, dswf_w_m2: [0, 900],
                          pressure_hpa: 870, momentum_fluxes: true}
                terrain: {kind: gaussian_hill, base_m: 1200, peak_m: 2400, centre: [40.6, -110.2], radius_km: 25}
                atmosphere: {sea_level_t_k: 290, lapse_k_per_km: 7, tropopause_t_k: 215, sphu_kg_kg: 0.004, relh_percent: 35}
                output: {file: all.arl}
                """;
        SyntheticMetYaml.Description d = SyntheticMetYaml.parse(yaml, "t.yaml");
        SyntheticMetSpec s = d.spec();
        assertEquals("TEST", s.source());
        assertEquals(SyntheticMetSpec.LambertGrid.centredAt(38.5, -97.5, 3, 40.5, -110, 60, 50), s.grid());
        assertEquals(new SyntheticMetSpec.Levels(VerticalCoordinate.PRESSURE, List.of(1000.0, 850.0, 700.0, 500.0)), s.levels());
        assertEquals(new SyntheticMetSpec.Times(Instant.parse("2021-07-15T06:00:00Z"), Duration.ofMinutes(30), 5), s.times());
        assertEquals(new SyntheticMetSpec.Wind(2, -1, 0.002, -0.001, 2500,
                List.of(new SyntheticMetSpec.HourlyWind(1, 2), new SyntheticMetSpec.HourlyWind(3, 4)),
                new SyntheticMetSpec.Rotation(40.5, -110, 1e-5)), s.wind());
        assertEquals(new SyntheticMetSpec.Omega(-0.003, 9000), s.omega());
        assertEquals(new SyntheticMetSpec.Diurnal(-7.5, 13), s.diurnal());
        assertEquals(new SyntheticMetSpec.Surface(new SyntheticMetSpec.DiurnalRange(200, 2200),
                new SyntheticMetSpec.DiurnalRange(-20, 300), SyntheticMetSpec.DiurnalRange.constant(40),
                SyntheticMetSpec.DiurnalRange.constant(0.3), new SyntheticMetSpec.DiurnalRange(0, 900), 870.0, true), s.surface());
        assertEquals(new SyntheticMetSpec.GaussianHill(1200, 2400, 40.6, -110.2, 25), s.terrain());
        assertEquals(new SyntheticMetSpec.Atmosphere(290, 7, 215, 0.004, 35), s.atmosphere());
        assertEquals("all.arl", d.output().file());
        // slope terrain and standard pressure levels by name
        SyntheticMetSpec t = SyntheticMetYaml.parse("""
                grid: {corner: [39, -113], spacing: [0.1, 0.2], size: [20, 10]}
                levels: {coordinate: pressure, values: standard}
                times: {start: 2021-01-01T00:00:00Z, hours: 6, interval: 3h}
                terrain: {kind: slope, base_m: 1000, reference: [40, -112], m_per_km_east: 3, m_per_km_north: -1}
                """, "t2.yaml").spec();
        assertEquals(new SyntheticMetSpec.LatLonGrid(39, -113, 0.1, 0.2, 20, 10), t.grid());
        assertEquals(SyntheticMetSpec.Levels.standardPressure(), t.levels());
        assertEquals(3, t.times().count());
        assertEquals(new SyntheticMetSpec.LinearSlope(1000, 40, -112, 3, -1), t.terrain());
    }

    private static String error(String yaml) {
        return assertThrows(InvalidInputException.class, () -> SyntheticMetYaml.parse(yaml, "bad.yaml")).getMessage();
    }

    static final String OK_HEAD = "grid: {corner: [39, -113], spacing: 0.1, size: [20, 10]}\ntimes: {start: 2021-01-01T00:00:00Z, hours: 6}\n";

    @Test
    void unknownKeysAreNamedWithTheClosestValidKey() {
        String m = error(OK_HEAD + "wnd: {u: 1}\n");
        assertTrue(m.contains("unknown key 'wnd'") && m.contains("did you mean 'wind'"), m);
        m = error(OK_HEAD + "surface: {pblh: 800}\n");
        assertTrue(m.contains("unknown key 'surface.pblh'") && m.contains("'surface.pblh_m'"), m);
        m = error(OK_HEAD + "wind: {shear: {du_dx: 0.001}}\n");
        assertTrue(m.contains("'wind.shear.du_dx'") && m.contains("'wind.shear.du_dz'"), m);
        assertTrue(m.startsWith("bad.yaml: "), m);
    }

    @Test
    void badValuesNameTheKeyTheValueAndTheExpectedForm() {
        String m = error(OK_HEAD + "wind: {u: fast}\n");
        assertTrue(m.contains("wind.u is 'fast'; expected a number"), m);
        m = error(OK_HEAD.replace("size: [20, 10]", "size: [20]"));
        assertTrue(m.contains("grid.size") && m.contains("[nx, ny]"), m);
        m = error(OK_HEAD + "levels: {coordinate: hybrid}\n");
        assertTrue(m.contains("levels.coordinate is 'hybrid'; expected one of [sigma, pressure]"), m);
        m = error(OK_HEAD + "levels: {coordinate: sigma, values: [0.99, 1.2]}\n");
        assertTrue(m.contains("sigma level 2 is 1.2; expected a value in (0, 1)"), m);
        m = error(OK_HEAD.replace("2021-01-01T00:00:00Z", "yesterday"));
        assertTrue(m.contains("times.start is 'yesterday'") && m.contains("ISO-8601"), m);
        m = error(OK_HEAD + "times2: 1\n");
        assertTrue(m.contains("did you mean 'times'"), m);
        m = error(OK_HEAD.replace("hours: 6", "hours: 6, count: 7"));
        assertTrue(m.contains("exactly one of 'count'"), m);
        m = error(OK_HEAD.replace("corner: [39, -113]", "corner: [39, -113], centre: [40, -112]"));
        assertTrue(m.contains("exactly one of 'corner'"), m);
        m = error("times: {start: 2021-01-01T00:00:00Z, hours: 6}\n");
        assertTrue(m.contains("grid is missing"), m);
        m = error(OK_HEAD + "surface: {pblh_m: [100, -5]}\n");
        assertTrue(m.contains("PBL height") && m.contains("heights > 0 m"), m);
        m = error(OK_HEAD + "terrain: {kind: volcano}\n");
        assertTrue(m.contains("terrain.kind is 'volcano'; expected one of [flat, gaussian_hill, slope]"), m);
        m = error(OK_HEAD + "wind: {u: 1}\nwind: {v: 2}\n");
        assertTrue(m.contains("not valid YAML") && m.contains("wind"), m);
        m = error("- just\n- a list\n");
        assertTrue(m.contains("expected a mapping"), m);
        m = error(OK_HEAD + "times: [1, 2]\n");
        assertTrue(m.contains("not valid YAML") || m.contains("times"), m);
    }

    @Test
    void missingFileIsUnreadableInput() {
        UnreadableInputException e = assertThrows(UnreadableInputException.class,
                () -> SyntheticMetYaml.read(Path.of("no/such/met.yaml")));
        assertTrue(e.getMessage().contains("no/such/met.yaml"), e.getMessage());
    }
}
