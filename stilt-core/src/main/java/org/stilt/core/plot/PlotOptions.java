package org.stilt.core.plot;

import java.util.Objects;

import org.stilt.core.InvalidInputException;

/**
 * How {@link FootprintMap} draws a footprint.
 *
 * @param widthPixels  image width, {@value #MIN_WIDTH_PIXELS}..{@value #MAX_PIXELS} px
 * @param heightPixels image height, {@value #MIN_HEIGHT_PIXELS}..{@value #MAX_PIXELS} px
 * @param layers       which time layers to show (their sum, or one layer)
 * @param vmin         lowest value of the log colour scale, ppm / (µmol m⁻² s⁻¹), or null for
 *                     {@code vmax × 10^-}{@value #DEFAULT_DECADES}, raised to the smallest non-zero value shown
 * @param vmax         highest value of the colour scale, same units, or null for the largest value shown
 * @param title        the title, or null for one naming the receptor and the time
 * @param receptor     where to draw the receptor marker, or null to take it from the file's
 *                     {@code receptor_lati}/{@code receptor_long} attributes (no marker when they are absent)
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public record PlotOptions(int widthPixels, int heightPixels, LayerSelection layers, Double vmin, Double vmax,
                          String title, ReceptorPosition receptor) {

    /** Default image width, px. */
    public static final int DEFAULT_WIDTH_PIXELS = 800;
    /** Default image height, px. */
    public static final int DEFAULT_HEIGHT_PIXELS = 600;
    /** Smallest image width, px. */
    public static final int MIN_WIDTH_PIXELS = 240;
    /** Smallest image height, px. */
    public static final int MIN_HEIGHT_PIXELS = 180;
    /** Largest image width or height, px. */
    public static final int MAX_PIXELS = 10000;
    /** Decades the automatic colour scale spans below its maximum. */
    public static final int DEFAULT_DECADES = 4;

    public PlotOptions {
        Objects.requireNonNull(layers, "layers");
        if (widthPixels < MIN_WIDTH_PIXELS || widthPixels > MAX_PIXELS) {
            throw new InvalidInputException("map width must be " + MIN_WIDTH_PIXELS + ".." + MAX_PIXELS
                    + " pixels (got " + widthPixels + ")");
        }
        if (heightPixels < MIN_HEIGHT_PIXELS || heightPixels > MAX_PIXELS) {
            throw new InvalidInputException("map height must be " + MIN_HEIGHT_PIXELS + ".." + MAX_PIXELS
                    + " pixels (got " + heightPixels + ")");
        }
        if (vmin != null && !(vmin > 0 && Double.isFinite(vmin))) {
            throw new InvalidInputException("vmin must be a finite value > 0 for a log colour scale (got " + vmin
                    + ")");
        }
        if (vmax != null && !(vmax > 0 && Double.isFinite(vmax))) {
            throw new InvalidInputException("vmax must be a finite value > 0 for a log colour scale (got " + vmax
                    + ")");
        }
        if (vmin != null && vmax != null && !(vmax > vmin)) {
            throw new InvalidInputException("vmax must be greater than vmin (got vmin " + vmin + ", vmax " + vmax
                    + ")");
        }
    }

    /** 800 × 600 px, the sum of all layers, automatic colour scale, title and receptor. */
    public static PlotOptions defaults() {
        return new PlotOptions(DEFAULT_WIDTH_PIXELS, DEFAULT_HEIGHT_PIXELS, LayerSelection.sum(), null, null, null,
                null);
    }

    /** A copy with another image size. */
    public PlotOptions withSize(int width, int height) {
        return new PlotOptions(width, height, layers, vmin, vmax, title, receptor);
    }

    /** A copy showing other layers. */
    public PlotOptions withLayers(LayerSelection selection) {
        return new PlotOptions(widthPixels, heightPixels, selection, vmin, vmax, title, receptor);
    }

    /** A copy with another colour range (either may be null for automatic). */
    public PlotOptions withRange(Double min, Double max) {
        return new PlotOptions(widthPixels, heightPixels, layers, min, max, title, receptor);
    }

    /** A copy with another title (null for the automatic one). */
    public PlotOptions withTitle(String text) {
        return new PlotOptions(widthPixels, heightPixels, layers, vmin, vmax, text, receptor);
    }

    /** A copy with a receptor position (null to take it from the file). */
    public PlotOptions withReceptor(ReceptorPosition position) {
        return new PlotOptions(widthPixels, heightPixels, layers, vmin, vmax, title, position);
    }
}
