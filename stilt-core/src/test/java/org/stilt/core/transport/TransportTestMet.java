package org.stilt.core.transport;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.stilt.core.met.ArlField;
import org.stilt.core.met.ArlFile;
import org.stilt.core.met.ArlGrid;
import org.stilt.core.met.ArlLevel;
import org.stilt.core.met.ArlPeriod;
import org.stilt.core.met.ArlVariable;
import org.stilt.core.met.ArlWriter;
import org.stilt.core.met.GridProjection;
import org.stilt.core.met.synth.SyntheticMetSpec;
import org.stilt.core.met.synth.SyntheticMetWriter;

/**
 * Test support shared by the transport contract tests and the experiment parity tests (in the
 * stilt-core test-jar): writes synthetic met with {@link SyntheticMetWriter}, optionally rewrites
 * single fields of it for designs the synthetic writer has no knob for (a wind linear in x, a
 * grid-relative uniform wind on a Lambert grid), and runs trajectories.
 *
 * <p>Thread-safety: stateless.
 */
public final class TransportTestMet {

    /** HYSPLIT's Earth radius, m. */
    public static final double R_EARTH = GridProjection.EARTH_RADIUS_METERS;
    /** R-STILT's default model top, m. */
    public static final double Z_TOP = TrajectoryRequest.DEFAULT_MODEL_TOP_METERS;

    /**
     * A replacement value for one grid point of one record.
     *
     * <p>Thread-safety: implementations are called from one thread.
     */
    @FunctionalInterface
    public interface FieldRewrite {
        /**
         * @param variable ARL variable name
         * @param level    0 surface, 1.. upper levels
         * @param time     valid time of the period
         * @param lat      latitude of the grid point
         * @param lon      longitude of the grid point (−180..180)
         * @param value    the value written by {@link SyntheticMetWriter}
         * @return the value to write instead
         */
        float apply(String variable, int level, Instant time, double lat, double lon, float value);
    }

    private TransportTestMet() {
    }

    /** Writes {@code spec} to {@code dir/met.arl}. */
    public static Path write(SyntheticMetSpec spec, Path dir) {
        return SyntheticMetWriter.write(spec, dir.resolve("met.arl")).file();
    }

    /**
     * Writes {@code spec} as {@code dir/met.arl} and then rewrites every record through
     * {@code rewrite} (same variables, levels, order and index as the synthetic file).
     */
    public static Path write(SyntheticMetSpec spec, Path dir, FieldRewrite rewrite) {
        Path raw = SyntheticMetWriter.write(spec, dir.resolve("synthetic-raw.arl")).file();
        ArlFile in = ArlFile.open(raw);
        ArlGrid grid = in.grid();
        GridProjection proj = grid.projection();
        int nx = grid.nx();
        int ny = grid.ny();
        double[] lat = new double[nx * ny];
        double[] lon = new double[nx * ny];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                GridProjection.GeoPoint g = proj.toGeo(i + 1.0, j + 1.0);
                lat[j * nx + i] = g.latitude();
                lon[j * nx + i] = g.longitude();
            }
        }
        Path out = dir.resolve("met.arl");
        ArlWriter w = ArlWriter.create(out);
        boolean ok = false;
        try {
            for (ArlPeriod p : in.periods()) {
                List<ArlLevel> levels = p.index().levels();
                double[] values = new double[levels.size()];
                List<ArlField> fields = new ArrayList<>();
                for (int l = 0; l < levels.size(); l++) {
                    values[l] = levels.get(l).value();
                    for (ArlVariable v : levels.get(l).variables()) {
                        float[] data = in.read(p, v.name(), l);
                        for (int c = 0; c < data.length; c++) {
                            data[c] = rewrite.apply(v.name(), l, p.validTime(), lat[c], lon[c], data[c]);
                        }
                        fields.add(ArlField.of(v.name(), l, data));
                    }
                }
                w.writePeriod(new ArlWriter.PeriodHeader(p.index().source(), p.index().forecastHour(), p.validTime(),
                        grid, p.index().verticalCoordinate(), values), fields);
            }
            ok = true;
        } finally {
            if (ok) {
                w.close();
            } else {
                w.abort();
            }
        }
        return out;
    }

    /** A frame source over {@code files} for the default model top. */
    public static ArlFrameSource source(Path... files) {
        List<ArlFile> list = new ArrayList<>();
        for (Path f : files) {
            list.add(ArlFile.open(f));
        }
        return new ArlFrameSource(list, Z_TOP);
    }

    /** Runs {@code request} with {@code kernel} on {@code files}. */
    public static TrajectoryResult run(TransportKernel kernel, TrajectoryRequest request, Path... files) {
        try (ArlFrameSource source = source(files)) {
            return new TrajectoryRunner(kernel).run(request, source);
        }
    }

    /**
     * Runs a turbulent ensemble with explicit release heights (m AGL) at 40 N 98 W, ending at
     * {@code end}, with the Java kernel, KMIXD 0 (the file's PBLH, floor 150 m), seed {@code seed},
     * TLFRAC 0.1, HSCALE 10800 s, VEGHT 0.5 and z₀ 0.1 m.
     */
    public static TrajectoryResult runTurbulentColumn(Path met, Instant end, int hours, double[] heights, long seed) {
        TrajectoryRequest request = new TrajectoryRequest(end, 40.0, -98.0, 0.0, Double.NaN, hours, heights.length,
                heights, 1L, VerticalMotion.DATA, Z_TOP, new TurbulenceOptions(true, seed, 0L, 0.1, 10800.0, 0.5, 0.1));
        try (ArlFrameSource source = source(met)) {
            return new TrajectoryRunner(new JavaTransportKernel(Z_TOP))
                    .withMixedLayer(new MixedLayerOptions(0, 150.0)).run(request, source);
        }
    }

    /** A request: point receptor(s) at explicit heights, no randomness. */
    public static TrajectoryRequest request(Instant time, double lat, double lon, int hours, VerticalMotion motion,
                                            double... heights) {
        return new TrajectoryRequest(time, lat, lon, heights[0], Double.NaN, hours, heights.length, heights.clone(),
                1L, motion, Z_TOP);
    }

    /**
     * The common design of the hycs_std experiments (hysplit-reference §3): lat/lon 0.1° grid
     * 250–266E × 36–44N, HRRR sigma levels, PRSS 1000 hPa, T = 288.15 − 0.0065 z, SPHU 0 (RELH 0 on
     * pressure levels), flat
     * terrain at 0 m, {@code hours + 1} hourly periods from {@code start}; calm until the caller
     * sets a wind.
     */
    public static SyntheticMetSpec.Builder experimentDesign(Instant start, int hours) {
        return SyntheticMetSpec.builder()
                .grid(new SyntheticMetSpec.LatLonGrid(36.0, 250.0, 0.1, 0.1, 161, 81))
                .levels(SyntheticMetSpec.Levels.hrrrSigma())
                .times(SyntheticMetSpec.Times.hourly(start, hours))
                .surface(new SyntheticMetSpec.Surface(SyntheticMetSpec.DiurnalRange.constant(1000),
                        SyntheticMetSpec.DiurnalRange.constant(100), SyntheticMetSpec.DiurnalRange.constant(50),
                        SyntheticMetSpec.DiurnalRange.constant(0.35), SyntheticMetSpec.DiurnalRange.constant(400),
                        1000.0, false))
                .terrain(new SyntheticMetSpec.Flat(0))
                .atmosphere(new SyntheticMetSpec.Atmosphere(288.15, 6.5, 216.65, 0.0, 0.0));
    }

    /** Rows of particle {@code indx} (1-based) in time order: indices into the table. */
    public static int[] rowsOf(TrajectoryResult r, int indx) {
        double[] ix = r.particles().column("indx");
        double[] t = r.particles().column("time");
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < ix.length; i++) {
            if (ix[i] == indx) {
                rows.add(i);
            }
        }
        rows.sort((a, b) -> Double.compare(Math.abs(t[a]), Math.abs(t[b])));
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The row of particle {@code indx} at {@code minute}, or −1. */
    public static int rowAt(TrajectoryResult r, int indx, double minute) {
        double[] ix = r.particles().column("indx");
        double[] t = r.particles().column("time");
        for (int i = 0; i < ix.length; i++) {
            if (ix[i] == indx && t[i] == minute) {
                return i;
            }
        }
        return -1;
    }

    /** Value of {@code column} at row {@code row}. */
    public static double value(TrajectoryResult r, String column, int row) {
        return r.particles().column(column)[row];
    }
}
