package org.stilt.parity.transport;


import java.util.Arrays;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import org.stilt.core.particles.ParticleTable;
import org.stilt.core.transport.ArlFrameSource;
import org.stilt.core.transport.TrajectoryRequest;
import org.stilt.core.transport.TrajectoryRunner;
import org.stilt.core.transport.TransportKernel;
import org.stilt.core.transport.VerticalMotion;

/**
 * Runs a {@link DeterministicCase} with a kernel and measures the agreement with hycs_std row by
 * row. Column particles start where hycs_std's stratified random release put them: the release
 * height of each particle is found by bisection so that our first minute ends at hycs_std's first
 * output height (release heights are an input of the API for exactly this purpose).
 *
 * <p>Thread-safety: stateless; safe to share.
 */
final class DeterministicParity {

    /** Agreement of one run with its reference. */
    record Result(String caseName, String kernel, int ourRows, int refRows, int missingRows, int extraRows,
                  double maxPositionDeg, double maxHeightMeters, double maxHeightRelative, double maxHeightExcess,
                  int rowsOverPosition, int rowsOverHeight, double releaseResidualMeters, String worstRow,
                  double p90PositionDeg, double p90HeightExcess, double maxDensityRelative) {

        String describe() {
            return String.format(java.util.Locale.ROOT,
                    "%-26s %-6s rows %6d/%6d missing %d extra %d | max |Δpos| %.2e° (p90 %.2e, %d rows > tol) |"
                            + " max |Δz| %.4f m, rel %.2e (%d rows > tol, p90 %.2f of allowed) | release residual %.1e m"
                            + " | max |Δdens| rel %.2e | worst %s",
                    caseName, kernel, ourRows, refRows, missingRows, extraRows, maxPositionDeg, p90PositionDeg,
                    rowsOverPosition, maxHeightMeters, maxHeightRelative, rowsOverHeight, p90HeightExcess,
                    releaseResidualMeters, maxDensityRelative, worstRow);
        }
    }

    /** Met columns written next to the positions in a diagnostic dump, where both tables have them. */
    private static final List<String> DUMP_EXTRA = List.of("wout", "zsfc", "dens", "pres", "temp");

    private DeterministicParity() {
    }

    static Result run(DeterministicCase c, TransportKernel kernel, double positionTolDeg, double heightTolMeters,
                      double heightTolRelative, VerticalMotion motion) {
        try (ArlFrameSource source = new ArlFrameSource(c.openMet(), c.zTop)) {
            TrajectoryRunner runner = new TrajectoryRunner(kernel);
            double[] release;
            double residual = 0.0;
            if (c.column) {
                release = invertFirstMinute(c, runner, source, motion);
                double[] z1 = firstMinute(c, runner, source, release, motion);
                double[] target = c.firstHeights();
                for (int i = 0; i < z1.length; i++) {
                    residual = Math.max(residual, Math.abs(z1[i] - target[i]));
                }
            } else {
                release = new double[c.numpar];
                Arrays.fill(release, c.zaglBottom);
            }
            ParticleTable t = runner.run(request(c, release, motion), source).particles();
            return compare(c, kernel.name(), t, positionTolDeg, heightTolMeters, heightTolRelative, residual);
        }
    }

    static TrajectoryRequest request(DeterministicCase c, double[] release, VerticalMotion motion) {
        return new TrajectoryRequest(c.runTime, c.latitude, c.longitude, 0.0, Double.NaN, c.hours, c.numpar, release,
                1L, motion, c.zTop);
    }

    private static double[] firstMinute(DeterministicCase c, TrajectoryRunner runner, ArlFrameSource source,
                                        double[] release, VerticalMotion motion) {
        ParticleTable t = runner.run(request(c, release, motion), source, 1).particles();
        double[] z = new double[c.numpar];
        Arrays.fill(z, Double.NaN);
        double[] indx = t.column("indx");
        double[] zagl = t.column("zagl");
        for (int r = 0; r < indx.length; r++) {
            z[(int) indx[r] - 1] = zagl[r];
        }
        return z;
    }

    /** Bisection, all particles at once, of release height → height after one minute. */
    static double[] invertFirstMinute(DeterministicCase c, TrajectoryRunner runner, ArlFrameSource source,
                                              VerticalMotion motion) {
        double[] target = c.firstHeights();
        double[] lo = new double[c.numpar];
        double[] hi = new double[c.numpar];
        for (int i = 0; i < c.numpar; i++) {
            hi[i] = Math.min(target[i] + 500.0, c.zTop - 1.0);
        }
        double[] mid = new double[c.numpar];
        for (int it = 0; it < 48; it++) {
            for (int i = 0; i < mid.length; i++) {
                mid[i] = 0.5 * (lo[i] + hi[i]);
            }
            double[] z1 = firstMinute(c, runner, source, mid, motion);
            for (int i = 0; i < mid.length; i++) {
                if (z1[i] < target[i]) {
                    lo[i] = mid[i];
                } else {
                    hi[i] = mid[i];
                }
            }
        }
        for (int i = 0; i < mid.length; i++) {
            mid[i] = 0.5 * (lo[i] + hi[i]);
        }
        // The vertical position lives on a single-precision σ grid: among release heights a few
        // grains around the bisection result, keep the one whose first minute ends nearest.
        double[] best = mid.clone();
        double[] bestErr = new double[mid.length];
        java.util.Arrays.fill(bestErr, Double.POSITIVE_INFINITY);
        // half a grain (in metres above ground a grain is 2⁻²⁴·(Z_top − z_g) ≤ 2⁻²⁴·Z_top)
        double step = Math.ulp(1.0f) / 4 * c.zTop;
        for (int g = -8; g <= 8; g++) {
            double[] cand = new double[mid.length];
            for (int i = 0; i < mid.length; i++) {
                cand[i] = Math.max(0.0, mid[i] + g * step);
            }
            double[] z1 = firstMinute(c, runner, source, cand, motion);
            for (int i = 0; i < mid.length; i++) {
                double err = Math.abs(z1[i] - target[i]);
                if (err < bestErr[i]) {
                    bestErr[i] = err;
                    best[i] = cand[i];
                }
            }
        }
        return best;
    }

    static Result compare(DeterministicCase c, String kernel, ParticleTable t, double posTol, double zTol,
                          double zRel, double residual) {
        double[] time = t.column("time");
        double[] indx = t.column("indx");
        double[] lon = t.column("long");
        double[] lat = t.column("lati");
        double[] zagl = t.column("zagl");
        // air density at the particle, where both tables have it (NaN when the reference has none)
        boolean densities = t.hasColumn("dens") && c.columns.contains("dens");
        double[] dens = densities ? t.column("dens") : null;
        int densAt = c.columns.indexOf("dens");
        double maxDensRel = densities ? 0.0 : Double.NaN;
        Set<Long> seen = new HashSet<>();
        int extra = 0;
        double maxPos = 0;
        double maxZ = 0;
        double maxRel = 0;
        double maxExcess = 0;
        int overPos = 0;
        int overZ = 0;
        String worst = "-";
        double[] allPos = new double[time.length];
        double[] allExcess = new double[time.length];
        int n = 0;
        java.io.PrintWriter dump = null;
        String dumpDir = System.getenv("STILT_PARITY_DUMP");
        List<String> dumpExtra = DUMP_EXTRA.stream().filter(name -> t.hasColumn(name) && c.columns.contains(name)).toList();
        if (dumpDir != null) {
            try { dump = new java.io.PrintWriter(dumpDir + "/" + c.name + "_" + kernel + ".csv"); } catch (Exception e) { throw new RuntimeException(e); }
            StringBuilder h = new StringBuilder("time,indx,lon,rlon,lat,rlat,zagl,rzagl");
            for (String name : dumpExtra) {
                h.append(',').append(name).append(",r").append(name);
            }
            dump.println(h);
        }
        for (int r = 0; r < time.length; r++) {
            long k = DeterministicCase.key((int) time[r], (int) indx[r]);
            double[] ref = c.rows.get(k);
            if (ref == null) {
                extra++;
                continue;
            }
            seen.add(k);
            if (dump != null) {
                StringBuilder line = new StringBuilder((int) time[r] + "," + (int) indx[r] + "," + lon[r] + ","
                        + ref[DeterministicCase.LONG] + "," + lat[r] + "," + ref[DeterministicCase.LATI] + "," + zagl[r]
                        + "," + ref[DeterministicCase.ZAGL]);
                for (String name : dumpExtra) {
                    line.append(',').append(t.column(name)[r]).append(',').append(ref[c.columns.indexOf(name)]);
                }
                dump.println(line);
            }
            double dLon = Math.abs(wrap(lon[r] - ref[DeterministicCase.LONG]));
            double dLat = Math.abs(lat[r] - ref[DeterministicCase.LATI]);
            double dPos = Math.max(dLon, dLat);
            if (dPos > maxPos) {
                maxPos = dPos;
                worst = "t=" + (int) time[r] + " indx=" + (int) indx[r] + " lon " + lon[r] + " vs "
                        + ref[DeterministicCase.LONG];
            }
            if (dPos > posTol) {
                overPos++;
            }
            double zr = ref[DeterministicCase.ZAGL];
            double dz = Math.abs(zagl[r] - zr);
            maxZ = Math.max(maxZ, dz);
            maxRel = Math.max(maxRel, dz / Math.max(zr, 1.0));
            double allowed = Math.max(zTol, zRel * zr);
            maxExcess = Math.max(maxExcess, dz / allowed);
            if (dz > allowed) {
                overZ++;
            }
            if (densities) {
                double rd = ref[densAt];
                maxDensRel = Math.max(maxDensRel, Math.abs(dens[r] - rd) / rd);
            }
            allPos[n] = dPos;
            allExcess[n] = dz / allowed;
            n++;
        }
        if (dump != null) {
            dump.close();
        }
        int missing = c.rows.size() - seen.size();
        return new Result(c.name, kernel, time.length, c.rows.size(), missing, extra, maxPos, maxZ, maxRel, maxExcess,
                overPos, overZ, residual, worst, percentile(allPos, n, 0.9), percentile(allExcess, n, 0.9), maxDensRel);
    }

    private static double percentile(double[] v, int n, double q) {
        if (n == 0) {
            return Double.NaN;
        }
        double[] s = Arrays.copyOf(v, n);
        Arrays.sort(s);
        return s[Math.min(n - 1, (int) Math.floor(q * (n - 1)))];
    }

    private static double wrap(double d) {
        return d - 360.0 * Math.rint(d / 360.0);
    }

}
