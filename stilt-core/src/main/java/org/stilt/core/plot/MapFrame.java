package org.stilt.core.plot;

/**
 * Where the footprint grid sits in the image: the plot area and the data extent it shows (the outer cell edges).
 * Use it to put further marks on a {@link RenderedMap}'s image.
 *
 * @param plot      the plot area, pixels
 * @param xMin      western (left) edge: degrees east, or projection units for projected grids
 * @param xMax      eastern (right) edge, same units
 * @param yMin      southern (bottom) edge: degrees north, or projection units
 * @param yMax      northern (top) edge, same units
 * @param projected whether x/y are projected coordinates rather than longitude/latitude
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public record MapFrame(PixelBox plot, double xMin, double xMax, double yMin, double yMax, boolean projected) {

    /** Image column (fractional, pixel edges at integers) of coordinate {@code x}. */
    public double pixelX(double x) {
        return plot.x() + (x - xMin) / (xMax - xMin) * plot.width();
    }

    /** Image row (fractional, pixel edges at integers, row 0 at the top) of coordinate {@code y}. */
    public double pixelY(double y) {
        return plot.y() + (yMax - y) / (yMax - yMin) * plot.height();
    }
}
