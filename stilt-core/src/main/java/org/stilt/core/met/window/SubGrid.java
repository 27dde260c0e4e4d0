package org.stilt.core.met.window;

import org.stilt.core.InvalidInputException;
import org.stilt.core.met.ArlGrid;

/**
 * A rectangle of grid points inside a full ARL grid: columns {@code x0..x0+wx-1} and rows
 * {@code y0..y0+wy-1}, 0-based (grid point (1,1) of the file is (0,0) here).
 *
 * @param x0 first column, 0-based
 * @param y0 first row, 0-based
 * @param wx number of columns, at least 1
 * @param wy number of rows, at least 1
 *
 * <p>Thread-safety: immutable value.
 */
public record SubGrid(int x0, int y0, int wx, int wy) {

    public SubGrid {
        if (x0 < 0 || y0 < 0 || wx < 1 || wy < 1) {
            throw new InvalidInputException("sub-grid x0 " + x0 + ", y0 " + y0 + ", " + wx + " × " + wy
                    + "; expected x0, y0 ≥ 0 and at least 1 × 1 points");
        }
        if ((long) wx * wy > Integer.MAX_VALUE) {
            throw new InvalidInputException("sub-grid of " + wx + " × " + wy + " points is too large");
        }
    }

    /** The whole grid. */
    public static SubGrid full(ArlGrid grid) {
        return new SubGrid(0, 0, grid.nx(), grid.ny());
    }

    /** Number of points, {@code wx·wy}. */
    public int points() {
        return wx * wy;
    }

    /** One past the last column. */
    public int xEnd() {
        return x0 + wx;
    }

    /** One past the last row. */
    public int yEnd() {
        return y0 + wy;
    }

    /** Whether {@code other} lies inside this sub-grid. */
    public boolean contains(SubGrid other) {
        return other.x0 >= x0 && other.y0 >= y0 && other.xEnd() <= xEnd() && other.yEnd() <= yEnd();
    }

    /**
     * Whether the fractional 1-based grid point ({@code x}, {@code y}) and its bilinear neighbours
     * lie inside this sub-grid.
     */
    public boolean containsGridPoint(double x, double y) {
        double i = x - 1.0;
        double j = y - 1.0;
        return i >= x0 && j >= y0 && Math.ceil(i) <= xEnd() - 1 && Math.ceil(j) <= yEnd() - 1;
    }

    /** The smallest sub-grid holding both. */
    public SubGrid union(SubGrid other) {
        int ax = Math.min(x0, other.x0);
        int ay = Math.min(y0, other.y0);
        return new SubGrid(ax, ay, Math.max(xEnd(), other.xEnd()) - ax, Math.max(yEnd(), other.yEnd()) - ay);
    }

    /** Whether this sub-grid lies inside {@code grid}. */
    public boolean fitsIn(ArlGrid grid) {
        return xEnd() <= grid.nx() && yEnd() <= grid.ny();
    }

    /**
     * Checks this sub-grid lies inside {@code grid}.
     *
     * @throws InvalidInputException naming both extents when it does not
     */
    public SubGrid requireInside(ArlGrid grid) {
        if (!fitsIn(grid)) {
            throw new InvalidInputException("sub-grid " + this + " reaches column " + xEnd() + ", row " + yEnd()
                    + "; the grid has " + grid.nx() + " × " + grid.ny() + " points");
        }
        return this;
    }

    @Override
    public String toString() {
        return "x " + x0 + ".." + (xEnd() - 1) + ", y " + y0 + ".." + (yEnd() - 1) + " (" + wx + " × " + wy + ")";
    }
}
