package org.stilt.core.footprint;

/**
 * R-STILT's {@code permute}: adds {@code foot[n] * kernel} centred on each point into a grid.
 * Two implementations exist behind this interface: {@link JavaKernelSpreader} (pure Java, always
 * available; what the core uses when no other spreader is given) and the Fortran one in
 * stilt-native, which is measured faster and is the CLI's default ({@code --kernel auto}); one
 * contract test battery runs against both.
 *
 * <p>Layouts (all 0-based):
 * <ul>
 *   <li>{@code grid[ix + nx * iy]}: x (longitude or projected x) varies fastest.</li>
 *   <li>{@code kernel[kx0 + kx * ky0]}: {@code kx} columns along x, {@code ky} rows along y, both
 *       odd; element (kx0, ky0) has offset {@code (kx0 - (kx-1)/2)} cells along x and
 *       {@code (ky0 - (ky-1)/2)} cells along y. (Deliberate deviation from R-STILT, which applies the
 *       kernel's row offsets to the longitude index; identical for square symmetric kernels.)</li>
 *   <li>Point {@code p} sits in cell ({@code ix[p]}, {@code iy[p]}) and carries {@code foot[p]}.</li>
 * </ul>
 * Contributions that fall outside the grid are discarded (never wrapped into another row).
 *
 * <p>Thread-safety: implementations must be stateless and safe for concurrent calls on different
 * grids.
 */
public interface KernelSpreader {

    /** Short name for logs and benchmarks, e.g. {@code java} or {@code native}. */
    String name();

    /**
     * Adds each point's foot times the kernel into {@code grid}.
     *
     * @param grid   accumulation grid, length {@code nx * ny}, modified in place
     * @param nx     grid size along x, &gt; 0
     * @param ny     grid size along y, &gt; 0
     * @param kernel kernel weights, length {@code kx * ky}
     * @param kx     kernel size along x, odd, &gt; 0
     * @param ky     kernel size along y, odd, &gt; 0
     * @param ix     x cell index of each point
     * @param iy     y cell index of each point
     * @param foot   foot of each point
     * @param n      number of points used (prefix of ix, iy, foot)
     * @throws IllegalArgumentException if sizes are inconsistent
     */
    void spread(double[] grid, int nx, int ny, double[] kernel, int kx, int ky,
                int[] ix, int[] iy, double[] foot, int n);
}
