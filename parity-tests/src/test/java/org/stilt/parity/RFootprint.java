package org.stilt.parity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import ucar.ma2.Array;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

/**
 * R-STILT's footprint of one reference case, as written: {@code foot.nc} (float32
 * {@code foot(time, y, x)}, double coordinate variables, time in seconds since 1970) read with the
 * UCAR NetCDF library, and {@code foot_values.csv.gz} (1-based ix, iy, it and the double value of
 * every non-zero cell, before the float32 cast) read with a plain line parser.
 *
 * @param x        cell-centre x or longitude coordinate variable
 * @param y        cell-centre y or latitude coordinate variable
 * @param time     time coordinate, seconds since 1970-01-01T00:00:00Z
 * @param foot     float32 values, C order (time, y, x)
 * @param cells    C-order indices of the non-zero cells in foot_values
 * @param values   their double values (ppm per µmol m⁻² s⁻¹)
 *
 * <p>Thread-safety: immutable by contract (arrays never modified after loading).
 */
public record RFootprint(double[] x, double[] y, double[] time, float[] foot, int[] cells, double[] values) {

    public static RFootprint load(Path dir) throws IOException {
        double[] x;
        double[] y;
        double[] time;
        float[] foot;
        try (NetcdfFile nc = NetcdfFile.open(dir.resolve("foot.nc").toString())) {
            Variable v = nc.findVariable("foot");
            List<Dimension> d = v.getDimensions();
            time = doubles(nc.findVariable(d.get(0).getShortName()).read());
            y = doubles(nc.findVariable(d.get(1).getShortName()).read());
            x = doubles(nc.findVariable(d.get(2).getShortName()).read());
            foot = (float[]) v.read().get1DJavaArray(float.class);
        }
        int nx = x.length;
        int ny = y.length;
        int nt = time.length;
        int[] cells = new int[1024];
        double[] values = new double[1024];
        int n = 0;
        Path csv = dir.resolve("foot_values.csv.gz");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(csv)), StandardCharsets.US_ASCII))) {
            String header = r.readLine();
            if (!"ix,iy,it,foot".equals(header)) {
                throw new IOException(csv + ": unexpected header " + header);
            }
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",");
                int ix = Integer.parseInt(f[0]) - 1;
                int iy = Integer.parseInt(f[1]) - 1;
                int it = Integer.parseInt(f[2]) - 1;
                if (ix < 0 || ix >= nx || iy < 0 || iy >= ny || it < 0 || it >= nt) {
                    throw new IOException(csv + ": cell " + line + " outside " + nx + " x " + ny + " x " + nt);
                }
                if (n == cells.length) {
                    cells = java.util.Arrays.copyOf(cells, n * 2);
                    values = java.util.Arrays.copyOf(values, n * 2);
                }
                cells[n] = (it * ny + iy) * nx + ix;
                values[n] = Double.parseDouble(f[3]);
                n++;
            }
        }
        return new RFootprint(x, y, time, foot, java.util.Arrays.copyOf(cells, n), java.util.Arrays.copyOf(values, n));
    }

    /** Dense double grid of foot_values, C order (time, y, x). */
    public double[] dense() {
        double[] g = new double[x.length * y.length * time.length];
        for (int k = 0; k < cells.length; k++) {
            g[cells[k]] = values[k];
        }
        return g;
    }

    private static double[] doubles(Array a) {
        return (double[]) a.get1DJavaArray(double.class);
    }
}
