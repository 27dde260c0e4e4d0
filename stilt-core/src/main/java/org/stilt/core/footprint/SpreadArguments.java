package org.stilt.core.footprint;

/**
 * Argument checks shared by every {@link KernelSpreader} implementation, so that the Java and
 * native spreaders reject the same inputs with the same messages.
 *
 * <p>Thread-safety: stateless.
 */
public final class SpreadArguments {

    private SpreadArguments() {
    }

    /**
     * @throws IllegalArgumentException naming the first inconsistent size
     */
    public static void check(double[] grid, int nx, int ny, double[] kernel, int kx, int ky,
                             int[] ix, int[] iy, double[] foot, int n) {
        if (nx <= 0 || ny <= 0) {
            throw new IllegalArgumentException("grid size must be positive (nx=" + nx + ", ny=" + ny + ")");
        }
        if ((long) nx * ny != grid.length) {
            throw new IllegalArgumentException("grid has " + grid.length + " cells, expected nx*ny = " + nx + "*" + ny);
        }
        if (kx <= 0 || ky <= 0 || kx % 2 == 0 || ky % 2 == 0) {
            throw new IllegalArgumentException("kernel sizes must be odd and positive (kx=" + kx + ", ky=" + ky + ")");
        }
        if ((long) kx * ky != kernel.length) {
            throw new IllegalArgumentException("kernel has " + kernel.length + " weights, expected kx*ky = " + kx + "*" + ky);
        }
        if (n < 0 || n > ix.length || n > iy.length || n > foot.length) {
            throw new IllegalArgumentException("point count " + n + " exceeds the index/foot arrays (ix " + ix.length
                    + ", iy " + iy.length + ", foot " + foot.length + ")");
        }
    }
}
