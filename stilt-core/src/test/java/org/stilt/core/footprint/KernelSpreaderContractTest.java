package org.stilt.core.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of {@link KernelSpreader}, run against every implementation (CONVENTIONS §8.1-12):
 * subclasses supply the spreader and, if needed, a tolerance. Layouts under test:
 * {@code grid[ix + nx*iy]}, {@code kernel[kx0 + kx*ky0]} with the kernel's x offsets along the
 * grid's x (longitude) axis, 0-based point cells, contributions outside the grid discarded.
 *
 * <p>Expected grids come from {@link #referenceSpread}, a deliberately naive loop written here,
 * or from explicit formulas. Every implementation processes points in order and adds each point's
 * weight once per cell, so with the default tolerance of 0 the grids must agree to the bit.
 *
 * <p>Thread-safety: JUnit creates one instance per test method; not shared.
 */
public abstract class KernelSpreaderContractTest {

    /** The implementation under test; called once per test method. */
    protected abstract KernelSpreader createSpreader();

    /**
     * Largest allowed |expected - actual| per cell relative to max(1, |expected|); 0 means
     * bit-identical (NaN equals NaN).
     */
    protected double tolerance() {
        return 0.0;
    }

    private KernelSpreader spreader;

    @BeforeEach
    void createSpreaderUnderTest() {
        spreader = createSpreader();
    }

    // ---------------------------------------------------------------------------------------------
    // Reference and helpers

    /** The obvious loop: every weight of every point, bounds-checked one by one, in point order. */
    static void referenceSpread(double[] grid, int nx, int ny, double[] kernel, int kx, int ky,
                                int[] ix, int[] iy, double[] foot, int n) {
        for (int p = 0; p < n; p++) {
            for (int ky0 = 0; ky0 < ky; ky0++) {
                for (int kx0 = 0; kx0 < kx; kx0++) {
                    long gx = (long) ix[p] + kx0 - (kx - 1) / 2;
                    long gy = (long) iy[p] + ky0 - (ky - 1) / 2;
                    if (gx >= 0 && gx < nx && gy >= 0 && gy < ny) {
                        grid[(int) (gx + (long) nx * gy)] += foot[p] * kernel[kx0 + kx * ky0];
                    }
                }
            }
        }
    }

    /** Weights that differ everywhere: element (kx0, ky0) = 1 + kx0 + 100 * ky0. */
    static double[] distinctKernel(int kx, int ky) {
        double[] k = new double[kx * ky];
        for (int ky0 = 0; ky0 < ky; ky0++) {
            for (int kx0 = 0; kx0 < kx; kx0++) {
                k[kx0 + kx * ky0] = 1 + kx0 + 100.0 * ky0;
            }
        }
        return k;
    }

    private void spread(double[] grid, int nx, int ny, double[] kernel, int kx, int ky,
                        int[] ix, int[] iy, double[] foot, int n) {
        spreader.spread(grid, nx, ny, kernel, kx, ky, ix, iy, foot, n);
    }

    private void assertGridEquals(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": grid length");
        double tol = tolerance();
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean ok = tol == 0.0 ? Double.compare(e, a) == 0 || (e == 0.0 && a == 0.0)
                    : (Double.isNaN(e) && Double.isNaN(a)) || e == a || Math.abs(e - a) <= tol * Math.max(1.0, Math.abs(e));
            if (!ok) {
                fail(what + ": cell " + i + " expected " + e + " but was " + a + " (" + spreader.name() + ")");
            }
        }
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    // ---------------------------------------------------------------------------------------------
    // Mass and placement

    @Test
    void interiorPointsConserveMass() {
        int nx = 40;
        int ny = 30;
        int kx = 7;
        int ky = 5;
        double[] kernel = distinctKernel(kx, ky);
        int[] ix = {3, 20, 36, 10};
        int[] iy = {2, 15, 27, 20};
        double[] foot = {0.5, 2.0, 1.25, 1e-3};
        for (int p = 0; p < ix.length; p++) {
            double[] grid = new double[nx * ny];
            spread(grid, nx, ny, kernel, kx, ky, new int[] {ix[p]}, new int[] {iy[p]}, new double[] {foot[p]}, 1);
            double expected = foot[p] * sum(kernel);
            assertEquals(expected, sum(grid), 1e-12 * expected, "mass of point " + p);
        }
        double[] grid = new double[nx * ny];
        spread(grid, nx, ny, kernel, kx, ky, ix, iy, foot, ix.length);
        double expected = sum(foot) * sum(kernel);
        assertEquals(expected, sum(grid), 1e-12 * expected, "mass of all points = sum(foot) * sum(kernel)");
    }

    /** A 3x1 kernel is a horizontal bar: its weights go along x (the longitude index), not y. */
    @Test
    void kernelColumnOffsetsMoveAlongX() {
        int nx = 10;
        int ny = 8;
        double[] grid = new double[nx * ny];
        spread(grid, nx, ny, new double[] {1, 2, 3}, 3, 1, new int[] {5}, new int[] {4}, new double[] {1}, 1);
        double[] expected = new double[nx * ny];
        expected[4 + nx * 4] = 1;
        expected[5 + nx * 4] = 2;
        expected[6 + nx * 4] = 3;
        assertGridEquals(expected, grid, "3x1 kernel (kx=3, ky=1) at (5,4) covers x=4..6 of row y=4");
    }

    /** Every element of an asymmetric 3x3 kernel lands exactly at (ix + dx, iy + dy). */
    @Test
    void asymmetricKernelLandsInExactCells() {
        int nx = 10;
        int ny = 8;
        double[] kernel = distinctKernel(3, 3);
        double[] grid = new double[nx * ny];
        spread(grid, nx, ny, kernel, 3, 3, new int[] {5}, new int[] {4}, new double[] {2}, 1);
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                assertEquals(2 * kernel[(dx + 1) + 3 * (dy + 1)], grid[(5 + dx) + nx * (4 + dy)],
                        "kernel offset (" + dx + ", " + dy + ")");
            }
        }
        // Element kx0=2, ky0=0 (weight 3: last column, first row) goes to x+1, y-1.
        assertEquals(2 * 3.0, grid[6 + nx * 3]);
        assertEquals(9, Arrays.stream(grid).filter(v -> v != 0).count(), "no other cell touched");
    }

    static Stream<Arguments> nonSquareKernels() {
        return Stream.of(Arguments.of(5, 3), Arguments.of(3, 7), Arguments.of(1, 9), Arguments.of(9, 1), Arguments.of(11, 5));
    }

    /** Non-square kernels (kx != ky), checked cell by cell against the layout formula. */
    @ParameterizedTest(name = "kx={0}, ky={1}")
    @MethodSource("nonSquareKernels")
    void nonSquareKernelsKeepTheirAxes(int kx, int ky) {
        int nx = 23;
        int ny = 17;
        int px = 11;
        int py = 8;
        double[] kernel = distinctKernel(kx, ky);
        double[] grid = new double[nx * ny];
        spread(grid, nx, ny, kernel, kx, ky, new int[] {px}, new int[] {py}, new double[] {0.5}, 1);
        double[] expected = new double[nx * ny];
        for (int gy = 0; gy < ny; gy++) {
            for (int gx = 0; gx < nx; gx++) {
                int kx0 = gx - px + (kx - 1) / 2;
                int ky0 = gy - py + (ky - 1) / 2;
                if (kx0 >= 0 && kx0 < kx && ky0 >= 0 && ky0 < ky) {
                    expected[gx + nx * gy] = 0.5 * kernel[kx0 + kx * ky0];
                }
            }
        }
        assertGridEquals(expected, grid, "kernel " + kx + "x" + ky);
    }

    // ---------------------------------------------------------------------------------------------
    // Edges

    static Stream<Arguments> edgePositions() {
        int nx = 9;
        int ny = 7;
        return Stream.of(
                Arguments.of("lower-left corner", 0, 0), Arguments.of("lower-right corner", nx - 1, 0),
                Arguments.of("upper-left corner", 0, ny - 1), Arguments.of("upper-right corner", nx - 1, ny - 1),
                Arguments.of("bottom edge", 4, 0), Arguments.of("top edge", 4, ny - 1),
                Arguments.of("left edge", 0, 3), Arguments.of("right edge", nx - 1, 3),
                Arguments.of("one left of the grid", -1, 3), Arguments.of("one right of the grid", nx, 3),
                Arguments.of("one below the grid", 4, -1), Arguments.of("one above the grid", 4, ny),
                Arguments.of("outside a corner", -2, -1), Arguments.of("beyond the kernel reach", -3, 3),
                Arguments.of("far away", 1000, -1000),
                Arguments.of("Integer.MIN_VALUE", Integer.MIN_VALUE, Integer.MIN_VALUE),
                Arguments.of("Integer.MAX_VALUE", Integer.MAX_VALUE, Integer.MAX_VALUE),
                Arguments.of("MIN_VALUE x, inside y", Integer.MIN_VALUE, 3),
                Arguments.of("inside x, MAX_VALUE y", 4, Integer.MAX_VALUE));
    }

    /** Only the part of the kernel over the grid is added; nothing wraps into another row. */
    @ParameterizedTest(name = "{0} ({1}, {2})")
    @MethodSource("edgePositions")
    void edgesClipWithoutWrapping(String where, int px, int py) {
        int nx = 9;
        int ny = 7;
        int kx = 5;
        int ky = 3;
        double[] kernel = distinctKernel(kx, ky);
        double[] grid = new double[nx * ny];
        spread(grid, nx, ny, kernel, kx, ky, new int[] {px}, new int[] {py}, new double[] {1.5}, 1);
        double[] expected = new double[nx * ny];
        referenceSpread(expected, nx, ny, kernel, kx, ky, new int[] {px}, new int[] {py}, new double[] {1.5}, 1);
        assertGridEquals(expected, grid, where);
        // Mass: exactly the weights whose target cell is inside the grid.
        double inside = 0;
        for (int ky0 = 0; ky0 < ky; ky0++) {
            for (int kx0 = 0; kx0 < kx; kx0++) {
                long gx = (long) px + kx0 - 2;
                long gy = (long) py + ky0 - 1;
                if (gx >= 0 && gx < nx && gy >= 0 && gy < ny) {
                    inside += kernel[kx0 + kx * ky0];
                }
            }
        }
        assertEquals(1.5 * inside, sum(grid), 1e-12 * Math.max(1, inside), where + ": mass inside the grid");
    }

    /** A point on the left edge must not leak into the end of the previous row. */
    @Test
    void leftEdgeDoesNotWrapIntoPreviousRow() {
        int nx = 6;
        int ny = 3;
        double[] grid = new double[nx * ny];
        spread(grid, nx, ny, new double[] {1, 2, 3, 4, 5}, 5, 1, new int[] {0}, new int[] {1}, new double[] {1}, 1);
        double[] expected = new double[nx * ny];
        expected[nx] = 3;
        expected[nx + 1] = 4;
        expected[nx + 2] = 5;
        assertGridEquals(expected, grid, "row 1 gets weights 3,4,5 at x=0..2; row 0 stays empty");
    }

    @Test
    void singleCellGridReceivesKernelCentre() {
        double[] kernel = distinctKernel(3, 5);
        double[] grid = {1.0};
        spread(grid, 1, 1, kernel, 3, 5, new int[] {0}, new int[] {0}, new double[] {2}, 1);
        assertGridEquals(new double[] {1.0 + 2 * kernel[1 + 3 * 2]}, grid, "1x1 grid");
    }

    @Test
    void oneByOneKernelAddsOneCellPerPoint() {
        int nx = 4;
        int ny = 3;
        double[] grid = new double[nx * ny];
        spread(grid, nx, ny, new double[] {0.5}, 1, 1, new int[] {3, 0, 4, 1}, new int[] {2, 0, 0, -1},
                new double[] {2, 4, 8, 16}, 4);
        double[] expected = new double[nx * ny];
        expected[3 + nx * 2] = 1;
        expected[0] = 2;
        assertGridEquals(expected, grid, "1x1 kernel; points (4,0) and (1,-1) are outside");
    }

    // ---------------------------------------------------------------------------------------------
    // Accumulation and point counts

    @Test
    void manyPointsAccumulateIntoTheSameCellInOrder() {
        int n = 1000;
        int[] ix = new int[n];
        int[] iy = new int[n];
        double[] foot = new double[n];
        SplittableRandom random = new SplittableRandom(7);
        double expected = 0;
        for (int p = 0; p < n; p++) {
            ix[p] = 1;
            iy[p] = 1;
            foot[p] = random.nextDouble() * Math.pow(10, random.nextInt(-8, 8));
            expected += foot[p];
        }
        double[] grid = new double[9];
        spread(grid, 3, 3, new double[] {1}, 1, 1, ix, iy, foot, n);
        assertEquals(expected, grid[4], tolerance() * Math.abs(expected), "sum in point order");
        // And through a 3x3 kernel: every cell of the neighbourhood accumulates all points.
        double[] kernel = distinctKernel(3, 3);
        double[] g2 = new double[9];
        double[] want = new double[9];
        spread(g2, 3, 3, kernel, 3, 3, ix, iy, foot, n);
        referenceSpread(want, 3, 3, kernel, 3, 3, ix, iy, foot, n);
        assertGridEquals(want, g2, "1000 points through a 3x3 kernel");
    }

    @Test
    void addsToExistingGridValues() {
        double[] grid = new double[25];
        Arrays.fill(grid, 10.0);
        spread(grid, 5, 5, new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, 3, 3, new int[] {2}, new int[] {2}, new double[] {0.5}, 1);
        assertEquals(10.5, grid[2 + 5 * 2]);
        assertEquals(10.0, grid[0]);
        assertEquals(25 * 10.0 + 9 * 0.5, sum(grid), 1e-12);
    }

    @Test
    void zeroPointsLeaveTheGridUntouched() {
        double[] grid = new double[12];
        Arrays.fill(grid, 3.0);
        spread(grid, 4, 3, new double[] {1}, 1, 1, new int[] {1, 2}, new int[] {1, 2}, new double[] {1, 1}, 0);
        spread(grid, 4, 3, new double[] {1}, 1, 1, new int[0], new int[0], new double[0], 0);
        double[] expected = new double[12];
        Arrays.fill(expected, 3.0);
        assertGridEquals(expected, grid, "n = 0");
    }

    /** Only the first n entries of ix, iy and foot are used. */
    @Test
    void onlyTheFirstNPointsAreUsed() {
        int nx = 6;
        int ny = 6;
        int[] ix = {1, 4, 2, 3, 3};
        int[] iy = {1, 4, 2, 3, 3};
        double[] foot = {1, 2, 1e6, 1e6, 1e6};
        double[] grid = new double[nx * ny];
        spread(grid, nx, ny, new double[] {1}, 1, 1, ix, iy, foot, 2);
        double[] expected = new double[nx * ny];
        expected[1 + nx] = 1;
        expected[4 + nx * 4] = 2;
        assertGridEquals(expected, grid, "n = 2 of 5");
    }

    // ---------------------------------------------------------------------------------------------
    // Non-finite foot: propagates like any value (no check), identically in every implementation

    @Test
    void nanFootMakesEveryCoveredCellNaN() {
        int nx = 6;
        int ny = 5;
        double[] kernel = {0, 1, 1, 1, 1, 1, 1, 1, 1}; // NaN * 0 is NaN as well
        double[] grid = new double[nx * ny];
        spread(grid, nx, ny, kernel, 3, 3, new int[] {1, 4}, new int[] {1, 3}, new double[] {Double.NaN, 1}, 2);
        for (int gy = 0; gy < ny; gy++) {
            for (int gx = 0; gx < nx; gx++) {
                double v = grid[gx + nx * gy];
                boolean underNan = gx <= 2 && gy <= 2;
                boolean underOne = gx >= 3 && gx <= 5 && gy >= 2 && gy <= 4;
                if (underNan) {
                    assertTrue(Double.isNaN(v), "cell (" + gx + "," + gy + ") under the NaN point");
                } else if (underOne) {
                    assertEquals(kernel[(gx - 3) + 3 * (gy - 2)], v, "cell (" + gx + "," + gy + ") under the finite point");
                } else {
                    assertEquals(0.0, v, "cell (" + gx + "," + gy + ") untouched");
                }
            }
        }
    }

    @Test
    void infiniteFootGivesInfinityAndNaNWhereTheWeightIsZero() {
        double[] grid = new double[9];
        spread(grid, 3, 3, new double[] {0, 1, 0, 1, 2, 1, 0, 1, 0}, 3, 3, new int[] {1}, new int[] {1},
                new double[] {Double.POSITIVE_INFINITY}, 1);
        double[] expected = new double[9];
        referenceSpread(expected, 3, 3, new double[] {0, 1, 0, 1, 2, 1, 0, 1, 0}, 3, 3, new int[] {1}, new int[] {1},
                new double[] {Double.POSITIVE_INFINITY}, 1);
        assertTrue(Double.isNaN(expected[0]) && expected[4] == Double.POSITIVE_INFINITY, "reference semantics");
        assertGridEquals(expected, grid, "+Inf foot");
    }

    // ---------------------------------------------------------------------------------------------
    // Argument errors: IllegalArgumentException, grid untouched

    static Stream<Arguments> invalidArguments() {
        return Stream.of(
                Arguments.of("grid shorter than nx*ny", 11, 4, 3, 1, 1, 1, 2, 2, 2, 1),
                Arguments.of("grid longer than nx*ny", 13, 4, 3, 1, 1, 1, 2, 2, 2, 1),
                Arguments.of("kernel shorter than kx*ky", 12, 4, 3, 8, 3, 3, 2, 2, 2, 1),
                Arguments.of("kernel longer than kx*ky", 12, 4, 3, 10, 3, 3, 2, 2, 2, 1),
                Arguments.of("even kx", 12, 4, 3, 6, 2, 3, 2, 2, 2, 1),
                Arguments.of("even ky", 12, 4, 3, 6, 3, 2, 2, 2, 2, 1),
                Arguments.of("zero kx", 12, 4, 3, 0, 0, 1, 2, 2, 2, 1),
                Arguments.of("negative ky", 12, 4, 3, 3, 3, -1, 2, 2, 2, 1),
                Arguments.of("zero nx", 0, 0, 3, 1, 1, 1, 2, 2, 2, 1),
                Arguments.of("negative ny", 12, -4, -3, 1, 1, 1, 2, 2, 2, 1),
                Arguments.of("n > ix length", 12, 4, 3, 1, 1, 1, 1, 2, 2, 2),
                Arguments.of("n > iy length", 12, 4, 3, 1, 1, 1, 2, 1, 2, 2),
                Arguments.of("n > foot length", 12, 4, 3, 1, 1, 1, 2, 2, 1, 2),
                Arguments.of("negative n", 12, 4, 3, 1, 1, 1, 2, 2, 2, -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidArguments")
    void invalidArgumentsAreRejected(String what, int gridLength, int nx, int ny, int kernelLength, int kx, int ky,
                                     int ixLength, int iyLength, int footLength, int n) {
        double[] grid = new double[gridLength];
        Arrays.fill(grid, 5.0);
        double[] kernel = new double[kernelLength];
        Arrays.fill(kernel, 1.0);
        int[] ix = new int[ixLength];
        int[] iy = new int[iyLength];
        double[] foot = new double[footLength];
        Arrays.fill(foot, 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spread(grid, nx, ny, kernel, kx, ky, ix, iy, foot, n), what);
        assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "message for " + what);
        for (double v : grid) {
            assertEquals(5.0, v, "grid untouched after " + what);
        }
    }

    @Test
    void argumentMessagesNameTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spread(new double[12], 4, 3, new double[6], 2, 3, new int[1], new int[1], new double[1], 1));
        assertTrue(e.getMessage().contains("kx=2") && e.getMessage().contains("ky=3"), e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------
    // Randomized comparison with the reference loop

    @Test
    void randomizedShapesMatchTheReferenceLoop() {
        SplittableRandom random = new SplittableRandom(20151210L);
        for (int trial = 0; trial < 300; trial++) {
            int nx = random.nextInt(1, 41);
            int ny = random.nextInt(1, 41);
            int kx = 2 * random.nextInt(0, 9) + 1;
            int ky = 2 * random.nextInt(0, 9) + 1;
            int n = random.nextInt(0, 40);
            int extra = random.nextInt(0, 3);
            double[] kernel = random.doubles((long) kx * ky).toArray();
            int[] ix = new int[n + extra];
            int[] iy = new int[n + extra];
            double[] foot = new double[n + extra];
            for (int p = 0; p < n + extra; p++) {
                ix[p] = random.nextInt(-kx, nx + kx);   // many near or beyond the edges
                iy[p] = random.nextInt(-ky, ny + ky);
                foot[p] = random.nextDouble() * Math.pow(10, random.nextInt(-6, 3));
            }
            double[] grid = random.doubles((long) nx * ny).toArray();
            double[] expected = grid.clone();
            referenceSpread(expected, nx, ny, kernel, kx, ky, ix, iy, foot, n);
            spread(grid, nx, ny, kernel, kx, ky, ix, iy, foot, n);
            assertGridEquals(expected, grid, "trial " + trial + ": grid " + nx + "x" + ny + ", kernel " + kx + "x" + ky
                    + ", n=" + n);
        }
    }

    @Test
    void nameIsNotBlank() {
        assertFalse(spreader.name().isBlank());
    }
}
