package org.stilt.core.met.synth;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.stilt.core.met.ArlFile;
import org.stilt.core.met.ArlGrid;
import org.stilt.core.met.ArlLevel;
import org.stilt.core.met.ArlPeriod;
import org.stilt.core.met.ArlRecord;
import org.stilt.core.met.ArlVariable;
import org.stilt.core.met.GridProjection;
import org.stilt.core.met.VerticalCoordinate;

/**
 * Compares every value of an ARL file with the analytic design of a {@link SyntheticMetModel}:
 * each value must lie within packing precision (half the record's packing step, plus float32
 * rounding) of the design, unless the caller gives a looser tolerance for a variable.
 */
final class ModelCheck {

    /** Largest |file − design| per variable and how many values exceeded the tolerance. */
    record Result(Map<String, Double> maxError, Map<String, Double> maxAllowed, List<String> failures, long values) {
    }

    private ModelCheck() {
    }

    static Path reference(String... parts) {
        Path p = Path.of(System.getProperty("stilt.reference.dir", "../../shared/reference"), parts);
        if (!Files.isRegularFile(p)) {
            System.err.println("SKIPPED: reference file not available: " + p.toAbsolutePath());
        }
        assumeTrue(Files.isRegularFile(p), "reference file not available: " + p);
        return p;
    }

    /** The packing tolerance of one record: half a step of its exponent plus float32 rounding. */
    static double packingTolerance(ArlRecord r, double expected) {
        return 0.5 * Math.scalb(1.0, r.label().exponent() - 7) + 2e-6 * Math.max(1.0, Math.abs(expected));
    }

    /** Expected value of {@code var} at {@code level} of a grid point. */
    static double expected(SyntheticMetModel m, String var, int level, double lat, double lon, ArlPeriod p) {
        double zs = m.terrainMeters(lat, lon);
        double ps = m.surfacePressureHpa(lat, lon);
        var t = p.validTime();
        if (level == 0) {
            return switch (var) {
                case "SHGT" -> zs;
                case "PRSS" -> ps;
                case "T02M" -> m.temperatureKelvin(zs + 2.0);
                case "U10M" -> m.windAsWritten(lat, lon, 10.0, t)[0];
                case "V10M" -> m.windAsWritten(lat, lon, 10.0, t)[1];
                case "SHTF" -> m.sensibleHeatFluxWm2(t);
                case "LHTF" -> m.latentHeatFluxWm2(t);
                case "USTR" -> m.frictionVelocityMs(t);
                case "DSWF" -> m.shortwaveDownWm2(t);
                case "PBLH" -> m.pblhMeters(t);
                default -> Double.NaN;
            };
        }
        double pk = m.levelPressureHpa(level, ps);
        double z = m.heightAboveGroundMeters(pk, zs, ps);
        return switch (var) {
            case "TEMP" -> m.temperatureKelvin(zs + z);
            case "UWND" -> m.windAsWritten(lat, lon, z, t)[0];
            case "VWND" -> m.windAsWritten(lat, lon, z, t)[1];
            case "WWND" -> m.omegaHpaPerSecond(z);
            case "SPHU" -> m.spec().atmosphere().specificHumidityKgPerKg();
            case "RELH" -> m.spec().atmosphere().relativeHumidityPercent();
            case "PRES" -> pk;
            case "HGTS" -> zs + z;
            default -> Double.NaN;
        };
    }

    /**
     * Checks every value of every period.
     *
     * @param extra   looser absolute tolerances by variable (added to the packing tolerance)
     * @param stride  check every stride-th grid point in x and y (1 = all)
     */
    static Result check(ArlFile f, SyntheticMetModel m, Map<String, Double> extra, int stride) {
        ArlGrid g = f.grid();
        GridProjection proj = g.projection();
        int nx = g.nx();
        int ny = g.ny();
        double[] lat = new double[nx * ny];
        double[] lon = new double[nx * ny];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                GridProjection.GeoPoint gp = proj.toGeo(i + 1, j + 1);
                lat[j * nx + i] = gp.latitude();
                lon[j * nx + i] = gp.longitude();
            }
        }
        Map<String, Double> maxErr = new LinkedHashMap<>();
        Map<String, Double> maxTol = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        long n = 0;
        for (ArlPeriod p : f.periods()) {
            int k = 0;
            for (ArlLevel l : p.index().levels()) {
                for (ArlVariable v : l.variables()) {
                    float[] vals = exact(f, p, v.name(), k);
                    ArlRecord r = p.find(v.name(), k);
                    for (int j = 0; j < ny; j += stride) {
                        for (int i = 0; i < nx; i += stride) {
                            int q = j * nx + i;
                            double e = expected(m, v.name(), k, lat[q], lon[q], p);
                            if (Double.isNaN(e)) {
                                continue;
                            }
                            double tol = packingTolerance(r, e) + extra.getOrDefault(v.name(), 0.0);
                            double err = Math.abs(vals[q] - e);
                            maxErr.merge(v.name(), err, Math::max);
                            maxTol.merge(v.name(), tol, Math::max);
                            n++;
                            if (!(err <= tol) && failures.size() < 10) {
                                failures.add(v.name() + " level " + k + " at " + p.validTime() + " point (" + (i + 1) + ","
                                        + (j + 1) + "): file " + vals[q] + ", design " + e + ", |diff| " + err + " > " + tol);
                            }
                        }
                    }
                }
                k++;
            }
        }
        return new Result(maxErr, maxTol, failures, n);
    }

    /** The (level value, variable names) catalogue of a period. */
    static List<String> catalogue(ArlPeriod p) {
        List<String> out = new ArrayList<>();
        for (ArlLevel l : p.index().levels()) {
            out.add(l.value() + ":" + l.variables().stream().map(ArlVariable::name).toList());
        }
        return out;
    }

    static VerticalCoordinate vertical(ArlFile f) {
        return f.periods().get(0).index().verticalCoordinate();
    }

    /** The field exactly as packed (the writer's fidelity; not the reader's precision zeros). */
    private static float[] exact(ArlFile f, ArlPeriod p, String variable, int level) {
        float[] out = new float[f.grid().points()];
        f.readExact(p, variable, level, out, 0);
        return out;
    }
}
