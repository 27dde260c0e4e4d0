package org.stilt.core.met.window;

import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.stilt.core.InvalidInputException;
import org.stilt.core.met.ArlGrid;
import org.stilt.core.met.GridProjection;
import org.stilt.core.met.VerticalCoordinate;

/**
 * Where each value of a {@link MetFrame} lies (docs/met-window.md, "Frame layout"). A frame is one
 * block of {@code float32} in the platform's byte order: first the surface block
 * {@code sfc[nsfc][wy][wx]}, then the upper block {@code upper[nupper][nlev][wy][wx]}, in C order
 * (x fastest). In Fortran terms the same memory is {@code sfc(wx, wy, nsfc)} followed by
 * {@code upper(wx, wy, nlev, nupper)}. Sub-grid point (i, j) (0-based) is full-grid point
 * ({@code x0 + i + 1}, {@code y0 + j + 1}) in the file's 1-based numbering; upper level k (0-based)
 * is the file's level {@code k + 1}.
 *
 * @param validTime         valid time of the frame
 * @param grid              the full grid (projection parameters: {@link #projection()})
 * @param subGrid           the frame's sub-grid of {@code grid}
 * @param verticalCoordinate the levels' coordinate system
 * @param levelValues       the upper levels' coordinate values as the index lists them (σ, hPa, ...),
 *                          {@code nlev} values, level 1 first
 * @param topPressureHpa    the index's RESERVED field (p_top of σ/hybrid data; 0 for HRRR)
 * @param surfaceVariables  ARL names of the surface planes in order
 * @param upperVariables    ARL names of the upper variables in order
 *
 * <p>Thread-safety: immutable value ({@code levelValues} is copied on the way in and out).
 */
public record MetFrameLayout(Instant validTime, ArlGrid grid, SubGrid subGrid, VerticalCoordinate verticalCoordinate,
                             double[] levelValues, double topPressureHpa, List<String> surfaceVariables,
                             List<String> upperVariables) {

    /** Bytes per value. */
    public static final int BYTES_PER_VALUE = Float.BYTES;

    /** Byte order of every frame: the platform's, so native code reads it in place. */
    public static final ByteOrder BYTE_ORDER = ByteOrder.nativeOrder();

    public MetFrameLayout {
        Objects.requireNonNull(validTime, "validTime");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(subGrid, "subGrid");
        levelValues = levelValues.clone();
        surfaceVariables = List.copyOf(surfaceVariables);
        upperVariables = List.copyOf(upperVariables);
        subGrid.requireInside(grid);
        long floats = ((long) surfaceVariables.size() + (long) upperVariables.size() * levelValues.length)
                * subGrid.points();
        if (floats * BYTES_PER_VALUE > Integer.MAX_VALUE) {
            throw new InvalidInputException("a met frame of " + subGrid + " with " + surfaceVariables.size()
                    + " surface and " + upperVariables.size() + " × " + levelValues.length + " upper planes needs "
                    + floats * BYTES_PER_VALUE + " bytes; one frame holds at most " + Integer.MAX_VALUE
                    + " (use a smaller region)");
        }
    }

    @Override
    public double[] levelValues() {
        return levelValues.clone();
    }

    /** Number of surface variables. */
    public int nsfc() {
        return surfaceVariables.size();
    }

    /** Number of upper variables. */
    public int nupper() {
        return upperVariables.size();
    }

    /** Number of upper levels. */
    public int nlev() {
        return levelValues.length;
    }

    /** Values per horizontal plane, {@code wx·wy}. */
    public int planeSize() {
        return subGrid.points();
    }

    /** Value offset of surface variable {@code v}'s plane. */
    public int surfaceOffset(int v) {
        Objects.checkIndex(v, nsfc());
        return v * planeSize();
    }

    /** Value offset of the upper block. */
    public int upperBlockOffset() {
        return nsfc() * planeSize();
    }

    /** Value offset of upper variable {@code v} at upper level {@code k} (0-based, file level k+1). */
    public int upperOffset(int v, int k) {
        Objects.checkIndex(v, nupper());
        Objects.checkIndex(k, nlev());
        return upperBlockOffset() + (v * nlev() + k) * planeSize();
    }

    /** Values in the frame. */
    public int valueCount() {
        return (nsfc() + nupper() * nlev()) * planeSize();
    }

    /** Bytes in the frame. */
    public long byteSize() {
        return (long) valueCount() * BYTES_PER_VALUE;
    }

    /** Position of a surface variable, or −1. */
    public int surfaceIndex(String name) {
        return surfaceVariables.indexOf(name);
    }

    /** Position of an upper variable, or −1. */
    public int upperIndex(String name) {
        return upperVariables.indexOf(name);
    }

    /** The grid's projection (1-based full-grid coordinates). */
    public GridProjection projection() {
        return grid.projection();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetFrameLayout l && validTime.equals(l.validTime) && grid.equals(l.grid)
                && subGrid.equals(l.subGrid) && verticalCoordinate == l.verticalCoordinate
                && java.util.Arrays.equals(levelValues, l.levelValues)
                && Double.compare(topPressureHpa, l.topPressureHpa) == 0
                && surfaceVariables.equals(l.surfaceVariables) && upperVariables.equals(l.upperVariables);
    }

    @Override
    public int hashCode() {
        return Objects.hash(validTime, grid, subGrid, verticalCoordinate, java.util.Arrays.hashCode(levelValues),
                topPressureHpa, surfaceVariables, upperVariables);
    }

    @Override
    public String toString() {
        return "MetFrameLayout[" + validTime + ", " + subGrid + ", sfc " + surfaceVariables + ", upper "
                + upperVariables + " × " + nlev() + " levels, " + byteSize() + " bytes]";
    }
}
