package org.stilt.core.footprint;

/**
 * Pure-Java {@link KernelSpreader}: always available, and the core's default when no spreader is
 * given. The native one in stilt-native is measured faster (docs/performance.md) and is preferred by
 * the CLI when it loads.
 *
 * <p>Thread-safety: stateless; safe for concurrent calls on different grids.
 */
public final class JavaKernelSpreader implements KernelSpreader {

    @Override
    public String name() {
        return "java";
    }

    @Override
    public void spread(double[] grid, int nx, int ny, double[] kernel, int kx, int ky,
                       int[] ix, int[] iy, double[] foot, int n) {
        SpreadArguments.check(grid, nx, ny, kernel, kx, ky, ix, iy, foot, n);
        int hx = (kx - 1) / 2;
        int hy = (ky - 1) / 2;
        for (int p = 0; p < n; p++) {
            double f = foot[p];
            int x0 = ix[p] - hx;
            int y0 = iy[p] - hy;
            // Clip the kernel window to the grid: contributions outside are discarded.
            int kxLo = Math.max(0, -x0);
            int kxHi = Math.min(kx, nx - x0);
            int kyLo = Math.max(0, -y0);
            int kyHi = Math.min(ky, ny - y0);
            for (int ky0 = kyLo; ky0 < kyHi; ky0++) {
                int gRow = (y0 + ky0) * nx + x0;
                int kRow = ky0 * kx;
                for (int kx0 = kxLo; kx0 < kxHi; kx0++) {
                    grid[gRow + kx0] += f * kernel[kRow + kx0];
                }
            }
        }
    }
}
