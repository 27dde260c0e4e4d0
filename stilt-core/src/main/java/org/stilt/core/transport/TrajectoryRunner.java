package org.stilt.core.transport;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stilt.core.MetUnavailableException;
import org.stilt.core.met.GridProjection;
import org.stilt.core.met.GridProjection.GeoPoint;
import org.stilt.core.met.GridProjection.GridPoint;
import org.stilt.core.particles.ParticleTable;

/**
 * Runs one receptor's trajectories (docs/transport.md): releases the particles, then walks the
 * met intervals from the release time for {@code n_hours}, calling the kernel once per interval
 * with the two bracketing frames, and converts the kernel's grid positions to longitude/latitude.
 *
 * <p>Thread-safety: stateless; safe to share. Each call uses its own state and frame source.
 */
public final class TrajectoryRunner {

    private final TransportKernel kernel;

    public TrajectoryRunner(TransportKernel kernel) {
        this.kernel = kernel;
    }

    /** The kernel used. */
    public TransportKernel kernel() {
        return kernel;
    }

    /** Runs {@code request} on the met of {@code source}. */
    public TrajectoryResult run(TrajectoryRequest request, ArlFrameSource source) {
        return run(request, source, Math.abs(request.minutes()));
    }

    /**
     * Runs only the first {@code maxMinutes} minutes of {@code request} (used to find release
     * heights that reproduce a reference run's first output row).
     */
    public TrajectoryResult run(TrajectoryRequest request, ArlFrameSource source, long maxMinutes) {
        GridProjection projection = source.projection();
        GridPoint start = projection.toGrid(request.latitude(), request.longitude());
        int nx = source.grid().nx();
        int ny = source.grid().ny();
        if (!(start.x() >= 2.0 && start.x() <= nx - 1.0 && start.y() >= 2.0 && start.y() <= ny - 1.0)) {
            throw new MetUnavailableException("receptor " + request.latitude() + "N " + request.longitude()
                    + "E is at grid x " + start.x() + ", y " + start.y() + ", outside the met grid interior "
                    + "2.." + (nx - 1) + " × 2.." + (ny - 1));
        }
        Instant release = request.runTime();
        int dt = request.minutes() < 0 ? -1 : 1;
        long end = dt * Math.min(Math.abs(request.minutes()), Math.max(1, maxMinutes));
        long intervalMinutes = source.interval().toMinutes();
        Instant first = source.firstTime();
        double[] heights = request.releaseHeights();
        int n = heights.length;
        ParticleState state = new ParticleState(n);
        TrajectoryRows rows = new TrajectoryRows();
        long t = 0;
        double ztop = request.modelTopMeters();
        boolean placed = false;
        while (t != end) {
            long sinceFirst = Duration.between(first, release).toMinutes() + t;
            long aIndex = dt < 0 ? Math.floorDiv(sinceFirst - 1, intervalMinutes)
                    : Math.floorDiv(sinceFirst, intervalMinutes);
            Instant ta = first.plus(Duration.ofMinutes(aIndex * intervalMinutes));
            Instant tb = ta.plus(source.interval());
            if (!source.has(ta) || !source.has(tb)) {
                throw new MetUnavailableException("the run needs met valid at " + ta + " and " + tb
                        + " (minute " + t + " of the run); the met files cover " + source.firstTime() + " to "
                        + source.lastTime());
            }
            double aMinute = Duration.between(release, ta).toSeconds() / 60.0;
            double bMinute = Duration.between(release, tb).toSeconds() / 60.0;
            long stop = dt < 0 ? Math.max(end, (long) Math.ceil(aMinute)) : Math.min(end, (long) Math.floor(bMinute));
            if (stop == t) {
                stop = t + dt;
            }
            KernelFrame a = source.frame(ta);
            KernelFrame b = source.frame(tb);
            if (!placed) {
                place(state, heights, start, a, b, aMinute, bMinute, ztop);
                placed = true;
            }
            kernel.advance(new KernelStep(t, stop, dt, aMinute, bMinute, nx, ny, request.verticalMotion()), a, b,
                    state, rows);
            t = stop;
            if (state.activeCount() == 0) {
                break;
            }
        }
        return new TrajectoryResult(toTable(rows, projection, request, kernel.name()), n,
                n - state.activeCount(), rows.rowCount());
    }

    /** Places the particles: scaled height from the height above the terrain at the receptor. */
    private static void place(ParticleState state, double[] heights, GridPoint start, KernelFrame a, KernelFrame b,
                              double aMinute, double bMinute, double ztop) {
        double f = (0.0 - aMinute) / (bMinute - aMinute);
        double zg = bilinear(a, start) * (1 - f) + bilinear(b, start) * f;
        for (int p = 0; p < heights.length; p++) {
            state.place(p, start.x(), start.y(),
                    JavaTransportKernel.quantizeHeight(heights[p] * ztop / (ztop - zg), ztop));
        }
    }

    private static double bilinear(KernelFrame fr, GridPoint g) {
        double fx = g.x() - 1.0 - fr.x0();
        double fy = g.y() - 1.0 - fr.y0();
        int i = (int) Math.floor(fx);
        int j = (int) Math.floor(fy);
        double ax = fx - i;
        double ay = fy - j;
        return (1 - ax) * (1 - ay) * fr.get2(KernelFrame.F2_ZSFC, i, j) + ax * (1 - ay) * fr.get2(KernelFrame.F2_ZSFC,
                i + 1, j) + (1 - ax) * ay * fr.get2(KernelFrame.F2_ZSFC, i, j + 1) + ax * ay * fr.get2(
                KernelFrame.F2_ZSFC, i + 1, j + 1);
    }

    /** Converts kernel rows to an R-STILT particle table (long/lati from grid positions). */
    static ParticleTable toTable(TrajectoryRows rows, GridProjection projection, TrajectoryRequest request,
                                 String kernelName) {
        int n = rows.rowCount();
        Map<String, double[]> cols = new LinkedHashMap<>();
        String[] names = {"time", "indx", "long", "lati", "zagl", "zsfc", "pres", "dens", "temp", "wout", "mlht",
            "shtf", "ustr", "dswf", "lhtf", "sphu"};
        int[] source = {TrajectoryRows.TIME, TrajectoryRows.INDX, -1, -1, TrajectoryRows.ZAGL, TrajectoryRows.ZSFC,
            TrajectoryRows.PRES, TrajectoryRows.DENS, TrajectoryRows.TEMP, TrajectoryRows.WOUT, TrajectoryRows.MLHT,
            TrajectoryRows.SHTF, TrajectoryRows.USTR, TrajectoryRows.DSWF, TrajectoryRows.LHTF, TrajectoryRows.SPHU};
        for (String name : names) {
            cols.put(name, new double[n]);
        }
        double[] lon = cols.get("long");
        double[] lat = cols.get("lati");
        for (int r = 0; r < n; r++) {
            GeoPoint g = projection.toGeo(rows.get(r, TrajectoryRows.GRIDX), rows.get(r, TrajectoryRows.GRIDY));
            lon[r] = g.longitude();
            lat[r] = g.latitude();
            for (int c = 0; c < names.length; c++) {
                if (source[c] >= 0) {
                    cols.get(names[c])[r] = rows.get(r, source[c]);
                }
            }
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("run_time", request.runTime().toString());
        attrs.put("receptor_lati", Double.toString(request.latitude()));
        attrs.put("receptor_long", Double.toString(request.longitude()));
        attrs.put("n_hours", Integer.toString(request.hours()));
        attrs.put("numpar", Integer.toString(request.particleCount()));
        attrs.put("transport_kernel", kernelName);
        return new ParticleTable(cols, attrs);
    }
}
