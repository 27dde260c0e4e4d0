package org.stilt.core.plot;

import java.util.ArrayList;
import java.util.List;

import org.stilt.core.InvalidInputException;

/**
 * A logarithmic colour scale for footprint values: {@code t = log10(v / vmin) / log10(vmax / vmin)}, mapped through
 * {@link Viridis}. Values above {@code vmax} take the top colour, positive values below {@code vmin} the bottom
 * colour; zero, negative and NaN values have no colour.
 *
 * @param vmin lowest value of the scale, ppm / (µmol m⁻² s⁻¹), finite and &gt; 0
 * @param vmax highest value of the scale, same units, finite and &gt; {@code vmin}
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public record LogColorScale(double vmin, double vmax) {

    public LogColorScale {
        if (!(vmin > 0) || !Double.isFinite(vmin)) {
            throw new InvalidInputException("colour scale vmin must be a finite value > 0 (got " + vmin + ")");
        }
        if (!(vmax > vmin) || !Double.isFinite(vmax)) {
            throw new InvalidInputException("colour scale vmax must be finite and greater than vmin " + vmin
                    + " (got " + vmax + ")");
        }
    }

    /** Whether {@code v} gets a colour (it is &gt; 0 and not NaN). */
    public static boolean coloured(double v) {
        return v > 0;
    }

    /** Position of {@code v} along the colormap, clamped to 0..1 (meaningful only for {@link #coloured} values). */
    public double fraction(double v) {
        return Math.clamp(Math.log(v / vmin) / Math.log(vmax / vmin), 0.0, 1.0);
    }

    /** The colour of {@code v} as 0xAARRGGBB: opaque viridis for coloured values, fully transparent otherwise. */
    public int argb(double v) {
        return coloured(v) ? 0xFF000000 | Viridis.rgb(fraction(v)) : 0;
    }

    /**
     * Decade ticks (powers of ten) inside the scale, at most {@code maxTicks} of them (every k-th decade when the
     * range is wider), ascending.
     */
    public List<Integer> decadeExponents(int maxTicks) {
        int lo = (int) Math.ceil(Math.log10(vmin) - 1e-6);
        int hi = (int) Math.floor(Math.log10(vmax) + 1e-6);
        int n = hi - lo + 1;
        int step = Math.max(1, (int) Math.ceil(n / (double) Math.max(1, maxTicks)));
        List<Integer> out = new ArrayList<>();
        for (int e = hi; e >= lo; e -= step) {
            out.addFirst(e);
        }
        return out;
    }
}
