package org.stilt.core.plot;

/**
 * A rectangle of image pixels: columns {@code x .. x+width-1}, rows {@code y .. y+height-1} (row 0 at the top).
 *
 * @param x      left column
 * @param y      top row
 * @param width  columns
 * @param height rows
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public record PixelBox(int x, int y, int width, int height) {

    /** Whether pixel (px, py) lies inside. */
    public boolean contains(int px, int py) {
        return px >= x && px < x + width && py >= y && py < y + height;
    }
}
