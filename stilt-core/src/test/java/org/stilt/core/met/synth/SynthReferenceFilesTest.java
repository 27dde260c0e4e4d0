package org.stilt.core.met.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.met.ArlFile;
import org.stilt.core.met.ArlGrid;
import org.stilt.core.met.ArlPeriod;
import org.stilt.core.met.VerticalCoordinate;
import org.stilt.core.met.synth.SyntheticMetSpec.DiurnalRange;

/**
 * The three e2e reference met files (written by the reference generator, read by hycs_std) match
 * their designs in /work/shared/reference/README.md within packing precision, and this generator,
 * given the same designs, writes files with the same grid, levels, times, variables and values.
 *
 * <p>Interpretations where the README is silent or ambiguous (taken from the files, and stated in
 * docs/met-synth.md): "28 HRRR-like levels plus surface" = the surface level (σ = 1) plus the 27
 * HRRR sigma levels, 28 levels in all; p_top = 0 (PRES = σ·PRSS); heights above ground of levels
 * from the hypsometric equation with the US standard atmosphere T(z) = max(216.65, 288.15 −
 * 6.5 K/km·z) (z above sea level), which also gives TEMP, T02M (2 m) and HGTS; shear "linear in
 * height up to 3 km" = du/dz = (9 − 3)/3000 s⁻¹ and dv/dz = (−1 − 2)/3000 s⁻¹ up to 3000 m above
 * ground; the e2e_b "diurnal PBLH 300..2000 m" = 300 + 1700·max(0, cos(2π(h − 21 UTC)/24)), i.e.
 * a peak at 14 h local solar time with a UTC offset of −7 h. Values the README does not give are
 * the files' constants: e2e_a LHTF 50, DSWF 400, SPHU 0.005; e2e_b PRSS 860, SHTF 150, LHTF 80,
 * USTR 0.4, DSWF 600, terrain 1300 m; e2e_c SHGT 0, SHTF 50, LHTF 30, USTR 0.3, DSWF 300, RELH 50.
 */
class SynthReferenceFilesTest {

    @TempDir
    Path tmp;

    static SyntheticMetSpec e2eA() {
        return SyntheticMetSpec.builder()
                .grid(new SyntheticMetSpec.LatLonGrid(37.0, 244.0, 0.1, 0.1, 101, 71))
                .levels(SyntheticMetSpec.Levels.hrrrSigma())
                .times(SyntheticMetSpec.Times.hourly(Instant.parse("2021-01-15T00:00:00Z"), 24))
                .wind(SyntheticMetSpec.Wind.uniform(5, 1))
                .surface(new SyntheticMetSpec.Surface(DiurnalRange.constant(1000), DiurnalRange.constant(100),
                        DiurnalRange.constant(50), DiurnalRange.constant(0.35), DiurnalRange.constant(400), 850.0, false))
                .terrain(new SyntheticMetSpec.Flat(1300))
                .build();
    }

    static SyntheticMetSpec e2eB() {
        return SyntheticMetSpec.builder()
                .grid(new SyntheticMetSpec.LatLonGrid(36.0, 242.0, 0.1, 0.1, 121, 91))
                .times(SyntheticMetSpec.Times.hourly(Instant.parse("2021-07-15T00:00:00Z"), 24))
                .wind(new SyntheticMetSpec.Wind(3, 2, 6.0 / 3000, -3.0 / 3000, 3000, List.of(), null))
                .diurnal(new SyntheticMetSpec.Diurnal(-7, 14))
                .surface(new SyntheticMetSpec.Surface(new DiurnalRange(300, 2000), DiurnalRange.constant(150),
                        DiurnalRange.constant(80), DiurnalRange.constant(0.4), DiurnalRange.constant(600), 860.0, false))
                .terrain(new SyntheticMetSpec.Flat(1300))
                .build();
    }

    static SyntheticMetSpec e2eC() {
        return SyntheticMetSpec.builder()
                .grid(new SyntheticMetSpec.LatLonGrid(30.0, 235.0, 0.5, 0.5, 41, 31))
                .levels(SyntheticMetSpec.Levels.standardPressure())
                .times(SyntheticMetSpec.Times.hourly(Instant.parse("2021-03-01T00:00:00Z"), 24))
                .wind(SyntheticMetSpec.Wind.uniform(8, -2))
                .surface(new SyntheticMetSpec.Surface(DiurnalRange.constant(1500), DiurnalRange.constant(50),
                        DiurnalRange.constant(30), DiurnalRange.constant(0.3), DiurnalRange.constant(300), 1000.0, false))
                .terrain(new SyntheticMetSpec.Flat(0))
                .build();
    }

    /** Derived variables whose design is not in the README: the file's rounding of the profile. */
    static final Map<String, Double> PROFILE_TOLERANCE = Map.of("TEMP", 0.01, "HGTS", 1.0, "T02M", 0.01);

    private void compare(String caseDir, String file, SyntheticMetSpec spec, VerticalCoordinate vc, int levels) {
        ArlFile ref = ArlFile.open(ModelCheck.reference("e2e", caseDir, file));
        SyntheticMetModel model = new SyntheticMetModel(spec);
        // grid, times, vertical coordinate
        assertGrid(spec.grid().toArlGrid(), ref.grid());
        assertEquals(25, ref.periods().size());
        assertEquals(spec.times().start(), ref.firstTime());
        assertEquals(spec.times().last(), ref.lastTime());
        assertEquals(spec.times().interval(), ref.interval());
        assertEquals(vc, ModelCheck.vertical(ref));
        assertEquals(levels, ref.periods().get(0).index().levelCount());
        // every value of the reference file is the design within packing precision
        ModelCheck.Result r = ModelCheck.check(ref, model, PROFILE_TOLERANCE, 10);
        assertTrue(r.failures().isEmpty(), caseDir + ": " + r.failures());
        assertTrue(r.values() > 10_000, "checked " + r.values());
        // our file from the same design, every 7 hours (0, 7, 14, 21 UTC: includes the diurnal peak at 21 UTC),
        // has the same structure and, period by period, the same values within packing precision
        SyntheticMetSpec every3h = new SyntheticMetSpec(spec.source(), spec.grid(), spec.levels(),
                new SyntheticMetSpec.Times(spec.times().start(), java.time.Duration.ofHours(7), 4), spec.wind(),
                spec.omega(), spec.diurnal(), spec.surface(), spec.terrain(), spec.atmosphere());
        SyntheticMetWriter.WrittenFile w = SyntheticMetWriter.write(every3h, tmp.resolve(file.replace(".gz", "")));
        ArlFile ours = ArlFile.open(w.file());
        assertGrid(ref.grid(), ours.grid());
        assertEquals(4, ours.periods().size());
        for (ArlPeriod b : ours.periods()) {
            ArlPeriod a = ref.periodAt(b.validTime());
            assertEquals(a.index().source(), b.index().source());
            assertEquals(a.index().verticalFlag(), b.index().verticalFlag());
            assertEquals(ModelCheck.catalogue(a), ModelCheck.catalogue(b), "catalogue of " + b.validTime());
            for (int k = 0; k < a.index().levelCount(); k++) {
                for (var v : a.index().levels().get(k).variables()) {
                    float[] x = ref.read(a, v.name(), k);
                    float[] y = ours.read(b, v.name(), k);
                    double tol = 2 * ModelCheck.packingTolerance(a.find(v.name(), k), x[0])
                            + PROFILE_TOLERANCE.getOrDefault(v.name(), 0.0);
                    for (int q = 0; q < x.length; q += 97) {
                        assertEquals(x[q], y[q], tol, v.name() + " level " + k + " at " + b.validTime() + " point " + q);
                    }
                }
            }
        }
        ModelCheck.Result o = ModelCheck.check(ours, model, Map.of(), 10);
        assertTrue(o.failures().isEmpty(), caseDir + " (ours): " + o.failures());
        assertTrue(ours.checksumMismatches().isEmpty());
        System.out.println(caseDir + ": reference max |file - design| " + r.maxError() + "; ours " + o.maxError());
    }

    static void assertGrid(ArlGrid expected, ArlGrid actual) {
        double[] e = {expected.poleLat(), expected.poleLon(), expected.refLat(), expected.refLon(), expected.gridSizeKm(),
            expected.orientationDeg(), expected.coneAngleDeg(), expected.syncX(), expected.syncY(), expected.syncLat(),
            expected.syncLon(), expected.reserved()};
        double[] a = {actual.poleLat(), actual.poleLon(), actual.refLat(), actual.refLon(), actual.gridSizeKm(),
            actual.orientationDeg(), actual.coneAngleDeg(), actual.syncX(), actual.syncY(), actual.syncLat(),
            actual.syncLon(), actual.reserved()};
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-4, "index grid field " + i + " of " + actual);
        }
        assertEquals(expected.nx(), actual.nx());
        assertEquals(expected.ny(), actual.ny());
    }

    @Test
    void e2eAUniformSigma() {
        compare("e2e_a_uniform_6h", "met_a_20210115.arl.gz", e2eA(), VerticalCoordinate.SIGMA, 28);
    }

    @Test
    void e2eBShearDiurnalSigma() {
        compare("e2e_b_shear_diurnal_24h", "met_b_20210715.arl.gz", e2eB(), VerticalCoordinate.SIGMA, 28);
    }

    @Test
    void e2eCPressureLevels() {
        compare("e2e_c_column_pressure_12h", "met_c_20210301.arl.gz", e2eC(), VerticalCoordinate.PRESSURE, 21);
    }
}
