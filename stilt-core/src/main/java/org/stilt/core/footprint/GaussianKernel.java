package org.stilt.core.footprint;

import org.stilt.core.InvalidInputException;

/**
 * A normalised Gaussian smoothing kernel in the {@link KernelSpreader} layout (docs/stilt-reference.md
 * §1.9): {@code weights[kx0 + nx * ky0]}, element (kx0, ky0) sitting {@code kx0 - (nx-1)/2} cells
 * along x (longitude) and {@code ky0 - (ny-1)/2} cells along y (latitude) from the centre.
 *
 * <p>For a bandwidth σ (grid units: degrees for lon/lat grids, metres for projected ones):
 * σ = 0 gives the 1×1 kernel [1]; otherwise {@code nx = 1 + 2⌊3σ/xres⌋}, {@code ny = 1 + 2⌊3σ/yres⌋},
 * weight exp(−(x² + y²)/(2σ²)) at offsets x = i·xres, y = j·yres, any NaN replaced by 1, then
 * divided by the sum. With {@code xres != yres} the kernel is therefore sized and laid out per axis
 * (deliberate deviation (a) from R-STILT, whose Fortran transposes non-square kernels).
 *
 * @param nx      number of columns (along x), odd, &gt;= 1
 * @param ny      number of rows (along y), odd, &gt;= 1
 * @param weights {@code nx * ny} weights summing to 1 (up to rounding)
 *
 * <p>Thread-safety: immutable by contract (do not modify {@code weights}); safe to share.
 */
record GaussianKernel(int nx, int ny, double[] weights) {

    /** Largest kernel width (cells per axis) accepted; far beyond any sensible footprint grid. */
    static final int MAX_SIZE = 20_001;

    /** The 1×1 kernel [1] (σ = 0, or a zero-width deviation). */
    static final GaussianKernel POINT = new GaussianKernel(1, 1, new double[] {1.0});

    /**
     * Number of cells along one axis for bandwidth σ and cell size res: 1 for σ = 0, else
     * {@code 1 + 2⌊3σ/res⌋}.
     *
     * @throws InvalidInputException when the kernel would exceed {@link #MAX_SIZE} cells
     */
    static int size(double sigma, double res) {
        if (sigma == 0) {
            return 1;
        }
        double half = Math.floor(3 * sigma / res);
        if (!(half <= (MAX_SIZE - 1) / 2)) {
            throw new InvalidInputException("kernel bandwidth " + sigma + " needs more than " + MAX_SIZE
                    + " cells of size " + res + " per axis; use a coarser grid or a smaller smooth_factor");
        }
        return 1 + 2 * (int) half;
    }

    /** The normalised kernel for bandwidth {@code sigma} on cells of {@code xres} by {@code yres}. */
    static GaussianKernel of(double sigma, double xres, double yres) {
        int nx = size(sigma, xres);
        int ny = size(sigma, yres);
        if (nx == 1 && ny == 1) {
            // exp(-0/(2σ²)) = 1, or NaN → 1 when σ² underflows; normalised it is [1] either way.
            return POINT;
        }
        int hx = (nx - 1) / 2;
        int hy = (ny - 1) / 2;
        double twoSigma2 = 2 * (sigma * sigma);
        double[] w = new double[nx * ny];
        double sum = 0;
        for (int j = 0; j < ny; j++) {
            double y = (j - hy) * yres;
            for (int i = 0; i < nx; i++) {
                double x = (i - hx) * xres;
                double g = Math.exp(-(x * x + y * y) / twoSigma2);
                if (Double.isNaN(g)) {
                    g = 1;
                }
                w[i + nx * j] = g;
                sum += g;
            }
        }
        for (int k = 0; k < w.length; k++) {
            w[k] = w[k] / sum;
        }
        return new GaussianKernel(nx, ny, w);
    }
}
