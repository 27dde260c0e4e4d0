package org.stilt.core.met.synth;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.stilt.core.InvalidInputException;
import org.stilt.core.met.ArlField;
import org.stilt.core.met.ArlGrid;
import org.stilt.core.met.ArlWriter;
import org.stilt.core.met.GridProjection;
import org.stilt.core.met.VerticalCoordinate;
import org.stilt.core.met.catalog.StrftimePattern;

/**
 * Writes a {@link SyntheticMetSpec} as ARL files through {@link ArlWriter} (temporary file, then
 * rename): either one file with every period, or one file per UTC day.
 *
 * <p>Variables, in file order (the order of the e2e reference files HYSPLIT accepted):
 * surface {@code SHGT PRSS T02M U10M V10M SHTF LHTF USTR DSWF PBLH} (+ {@code UMOF VMOF} when
 * asked); sigma levels {@code TEMP UWND VWND WWND SPHU PRES}; pressure levels
 * {@code HGTS TEMP UWND VWND WWND RELH}. Source {@code SYNT}, forecast hour 0, surface level
 * value 1.0 (sigma) or 0 (pressure).
 *
 * <p>Thread-safety: stateless; safe for concurrent use on different target files.
 */
public final class SyntheticMetWriter {

    /**
     * One file written.
     *
     * <p>Thread-safety: immutable value; safe to share.
     *
     * @param file    the file
     * @param periods number of periods in it
     * @param first   first valid time
     * @param last    last valid time
     */
    public record WrittenFile(Path file, int periods, Instant first, Instant last) {
    }

    private SyntheticMetWriter() {
    }

    /** Writes every period of {@code spec} into {@code file}. */
    public static WrittenFile write(SyntheticMetSpec spec, Path file) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < spec.times().count(); i++) {
            all.add(i);
        }
        return writePeriods(new Fields(spec), file, all);
    }

    /**
     * Writes one file per UTC day, named by {@code pattern} (strftime directives of
     * {@link StrftimePattern}, expanded at the day's 00 UTC) in {@code directory}. A day's file
     * holds the periods from its 00 UTC up to and including the next day's 00 UTC, as the e2e
     * reference files (25 hourly periods); a period at 00 UTC therefore also ends the previous
     * day's file, and a day gets a file only when it has a period before its end.
     *
     * @throws InvalidInputException when the pattern gives two days the same name
     */
    public static List<WrittenFile> writeDaily(SyntheticMetSpec spec, Path directory, String pattern) {
        StrftimePattern p = StrftimePattern.compile(pattern);
        Map<LocalDate, List<Integer>> days = new LinkedHashMap<>();
        SyntheticMetSpec.Times t = spec.times();
        for (int i = 0; i < t.count(); i++) {
            LocalDate d = LocalDate.ofInstant(t.time(i), ZoneOffset.UTC);
            days.computeIfAbsent(d, k -> new ArrayList<>()).add(i);
        }
        Map<String, LocalDate> names = new LinkedHashMap<>();
        Map<Path, List<Integer>> files = new LinkedHashMap<>();
        for (Map.Entry<LocalDate, List<Integer>> e : days.entrySet()) {
            Instant dayStart = e.getKey().atStartOfDay(ZoneOffset.UTC).toInstant();
            String name = p.expand(dayStart);
            LocalDate clash = names.put(name, e.getKey());
            if (clash != null) {
                throw new InvalidInputException("daily file pattern '" + pattern + "' gives the same name '" + name
                        + "' for " + clash + " and " + e.getKey() + "; expected a pattern with the day, e.g. met_%Y%m%d.arl");
            }
            List<Integer> idx = new ArrayList<>(e.getValue());
            int last = idx.get(idx.size() - 1);
            if (last + 1 < t.count() && t.time(last + 1).equals(dayStart.plusSeconds(86_400))) {
                idx.add(last + 1);
            }
            files.put(directory.resolve(name), idx);
        }
        // a day whose only period is the previous file's closing 00 UTC gets no file of its own
        Fields fields = new Fields(spec);
        List<WrittenFile> out = new ArrayList<>();
        List<Path> paths = new ArrayList<>(files.keySet());
        for (int f = 0; f < paths.size(); f++) {
            List<Integer> idx = files.get(paths.get(f));
            boolean onlyClosing = f > 0 && idx.size() == 1 && files.get(paths.get(f - 1)).contains(idx.get(0));
            if (!onlyClosing) {
                out.add(writePeriods(fields, paths.get(f), idx));
            }
        }
        return out;
    }

    private static WrittenFile writePeriods(Fields fields, Path file, List<Integer> periods) {
        SyntheticMetSpec spec = fields.spec;
        ArlWriter w = ArlWriter.create(file);
        boolean ok = false;
        try {
            double[] levelValues = new double[spec.levels().values().size() + 1];
            levelValues[0] = spec.levels().surfaceValue();
            for (int k = 1; k < levelValues.length; k++) {
                levelValues[k] = spec.levels().values().get(k - 1);
            }
            for (int i : periods) {
                Instant time = spec.times().time(i);
                w.writePeriod(new ArlWriter.PeriodHeader(spec.source(), 0, time, fields.arlGrid,
                        spec.levels().coordinate(), levelValues), fields.period(time));
            }
            ok = true;
        } finally {
            if (ok) {
                w.close();
            } else {
                w.abort();
            }
        }
        return new WrittenFile(file, periods.size(), spec.times().time(periods.get(0)),
                spec.times().time(periods.get(periods.size() - 1)));
    }

    /** Time-independent columns of the grid and the per-period field builder. */
    private static final class Fields {
        final SyntheticMetSpec spec;
        final SyntheticMetModel model;
        final ArlGrid arlGrid;
        final int n;
        final double[] lat;
        final double[] lon;
        final double[] zs;
        final double[] ps;
        /** zAgl[k-1][point] of upper level k. */
        final double[][] zAgl;
        /** Rotation wind per point (m/s) and cos/sin of the grid rotation angle. */
        final double[] rotU;
        final double[] rotV;
        final double[] cosTh;
        final double[] sinTh;

        Fields(SyntheticMetSpec spec) {
            this.spec = spec;
            this.model = new SyntheticMetModel(spec);
            this.arlGrid = spec.grid().toArlGrid();
            int nx = arlGrid.nx();
            int ny = arlGrid.ny();
            n = nx * ny;
            lat = new double[n];
            lon = new double[n];
            GridProjection proj = arlGrid.projection();
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int p = j * nx + i;
                    if (arlGrid.kind() == ArlGrid.Kind.LAT_LON) {
                        lat[p] = arlGrid.syncLat() + j * arlGrid.refLat();
                        lon[p] = GridProjection.wrap180(arlGrid.syncLon() + i * arlGrid.refLon());
                    } else {
                        GridProjection.GeoPoint gp = proj.toGeo(i + 1.0, j + 1.0);
                        lat[p] = gp.latitude();
                        lon[p] = gp.longitude();
                    }
                }
            }
            rotU = new double[n];
            rotV = new double[n];
            cosTh = new double[n];
            sinTh = new double[n];
            for (int p = 0; p < n; p++) {
                double[] r = model.rotationWindMs(lat[p], lon[p]);
                rotU[p] = r[0];
                rotV[p] = r[1];
                double th = model.gridRotationRadians(lat[p], lon[p]);
                cosTh[p] = Math.cos(th);
                sinTh[p] = Math.sin(th);
            }
            zs = new double[n];
            ps = new double[n];
            int nz = spec.levels().values().size();
            zAgl = new double[nz][n];
            for (int p = 0; p < n; p++) {
                zs[p] = model.terrainMeters(lat[p], lon[p]);
                ps[p] = model.surfacePressureHpa(lat[p], lon[p]);
                for (int k = 1; k <= nz; k++) {
                    zAgl[k - 1][p] = model.heightAboveGroundMeters(model.levelPressureHpa(k, ps[p]), zs[p], ps[p]);
                }
            }
        }

        /** Writes the wind at point p, height z (m AGL), as stored (grid-relative on Lambert grids). */
        private void wind(double[] base, int p, double z, float[] u, float[] v) {
            double[] s = model.shearWindMs(z);
            double ue = base[0] + s[0] + rotU[p];
            double ve = base[1] + s[1] + rotV[p];
            u[p] = (float) (ue * cosTh[p] - ve * sinTh[p]);
            v[p] = (float) (ue * sinTh[p] + ve * cosTh[p]);
        }

        List<ArlField> period(Instant time) {
            List<ArlField> out = new ArrayList<>();
            double[] base = model.baseWindMs(time);
            float[] shgt = new float[n];
            float[] prss = new float[n];
            float[] t02m = new float[n];
            float[] u10 = new float[n];
            float[] v10 = new float[n];
            for (int p = 0; p < n; p++) {
                shgt[p] = (float) zs[p];
                prss[p] = (float) ps[p];
                t02m[p] = (float) model.temperatureKelvin(zs[p] + 2.0);
                wind(base, p, 10.0, u10, v10);
            }
            out.add(ArlField.of("SHGT", 0, shgt));
            out.add(ArlField.of("PRSS", 0, prss));
            out.add(ArlField.of("T02M", 0, t02m));
            out.add(ArlField.of("U10M", 0, u10));
            out.add(ArlField.of("V10M", 0, v10));
            out.add(ArlField.of("SHTF", 0, constant(model.sensibleHeatFluxWm2(time))));
            out.add(ArlField.of("LHTF", 0, constant(model.latentHeatFluxWm2(time))));
            double ustar = model.frictionVelocityMs(time);
            out.add(ArlField.of("USTR", 0, constant(ustar)));
            out.add(ArlField.of("DSWF", 0, constant(model.shortwaveDownWm2(time))));
            out.add(ArlField.of("PBLH", 0, constant(model.pblhMeters(time))));
            if (spec.surface().momentumFluxes()) {
                float[] umof = new float[n];
                float[] vmof = new float[n];
                for (int p = 0; p < n; p++) {
                    double rho = ps[p] * 100.0 / (SyntheticMetModel.R_DRY * model.temperatureKelvin(zs[p] + 2.0));
                    double speed = Math.hypot(u10[p], v10[p]);
                    double tau = rho * ustar * ustar;
                    umof[p] = speed == 0 ? 0f : (float) (tau * u10[p] / speed);
                    vmof[p] = speed == 0 ? 0f : (float) (tau * v10[p] / speed);
                }
                out.add(ArlField.of("UMOF", 0, umof));
                out.add(ArlField.of("VMOF", 0, vmof));
            }
            boolean sigma = spec.levels().coordinate() == VerticalCoordinate.SIGMA;
            boolean omegaConstant = spec.omega().profileTopMeters() == 0.0;
            double omega0 = spec.omega().hpaPerSecond();
            for (int k = 1; k <= spec.levels().values().size(); k++) {
                float[] temp = new float[n];
                float[] u = new float[n];
                float[] v = new float[n];
                float[] ww = new float[n];
                float[] third = new float[n];
                double[] z = zAgl[k - 1];
                for (int p = 0; p < n; p++) {
                    temp[p] = (float) model.temperatureKelvin(zs[p] + z[p]);
                    wind(base, p, z[p], u, v);
                    ww[p] = omegaConstant ? (float) omega0 : (float) model.omegaHpaPerSecond(z[p]);
                    third[p] = (float) (sigma ? model.levelPressureHpa(k, ps[p]) : zs[p] + z[p]);
                }
                if (!sigma) {
                    out.add(ArlField.of("HGTS", k, third));
                }
                out.add(ArlField.of("TEMP", k, temp));
                out.add(ArlField.of("UWND", k, u));
                out.add(ArlField.of("VWND", k, v));
                out.add(ArlField.of("WWND", k, ww));
                if (sigma) {
                    out.add(ArlField.of("SPHU", k, constant(spec.atmosphere().specificHumidityKgPerKg())));
                    out.add(ArlField.of("PRES", k, third));
                } else {
                    out.add(ArlField.of("RELH", k, constant(spec.atmosphere().relativeHumidityPercent())));
                }
            }
            return out;
        }

        private float[] constant(double value) {
            float[] a = new float[n];
            java.util.Arrays.fill(a, (float) value);
            return a;
        }
    }
}
