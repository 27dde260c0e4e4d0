package org.stilt.core.plot;

/**
 * The viridis colormap (van der Walt and Smith, matplotlib 2.0, 2015): perceptually uniform, readable in grey
 * scale and by colour-blind readers. Computed by linear interpolation in sRGB between its nine published anchor
 * points at t = 0, 1/8, ..., 1 (R viridisLite {@code viridis(9)}); the interpolated colours differ from
 * matplotlib's 256-entry table by a few units of 255 at most.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class Viridis {

    /** Anchor colours as 0xRRGGBB, dark purple (t = 0) to yellow (t = 1). */
    private static final int[] ANCHORS = {0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21908C, 0x27AD81, 0x5DC863,
            0xAADC32, 0xFDE725};

    private Viridis() {
    }

    /**
     * The colour at {@code t}, as 0xRRGGBB (no alpha).
     *
     * @param t position along the colormap, 0..1; values outside are clamped, NaN gives the t = 0 colour
     */
    public static int rgb(double t) {
        double c = Double.isNaN(t) ? 0 : Math.clamp(t, 0.0, 1.0);
        double p = c * (ANCHORS.length - 1);
        int i = Math.min((int) p, ANCHORS.length - 2);
        double f = p - i;
        int a = ANCHORS[i];
        int b = ANCHORS[i + 1];
        int r = mix(a >> 16 & 0xFF, b >> 16 & 0xFF, f);
        int g = mix(a >> 8 & 0xFF, b >> 8 & 0xFF, f);
        int bl = mix(a & 0xFF, b & 0xFF, f);
        return r << 16 | g << 8 | bl;
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
