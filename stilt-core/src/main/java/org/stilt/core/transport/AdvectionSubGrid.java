package org.stilt.core.transport;

/**
 * The met sub-grid whose coordinates hycs_std advects particle positions in, as inferred from its
 * reference runs (docs/transport.md "Positions and their precision").
 *
 * <p>hycs_std holds a particle's horizontal position in single precision relative to the corner of
 * a met sub-grid that follows the particles, and its corrector is P₁ = ½((P + P′) + V(P′)·Δt). The
 * rounding of that sum depends on the binade of the coordinate, so the same trajectory drifts by a
 * different 1e-6 … 3e-4 of its length per step in different sub-grids. The kernels reproduce it by
 * advancing {@code x − x0}, {@code y − y0} (grid units) with this sub-grid's 0-based offsets. The rule
 * is not documented for hycs_std (HYSPLIT only says that the sub-grid "depends upon the horizontal
 * distribution of end-points and the wind speed", with MGMIN its minimum size); this one is fitted
 * to what the references fix (docs/parity.md):
 * <ul>
 *   <li>the particles' box plus {@link #MARGIN} grid units on every side;</li>
 *   <li>extended ahead of the particles, on each side separately, by the distance that side of the
 *       box moved per hour, times {@link #LEAD_HOURS}: experiment E1 (one particle, 4.2 columns per
 *       hour westward) needs a coordinate of at least 32 for most of its 6 h, det_omega (0.3 rows per
 *       hour southward) less than 16 until −1050 min;</li>
 *   <li>the whole grid once that region reaches past the grid's edge: det_omega's particles, 3
 *       columns per hour westward, bring it to the west edge at about −1050 min, where hycs_std's
 *       latitude rate changes as the row coordinate becomes the full grid's (23–31, past 16).</li>
 * </ul>
 * It is placed anew every met interval from the particles at the start of the previous interval
 * and their motion over the interval before it ({@link #ahead}), so particle chunks on several
 * threads get the same one without waiting for each other. Lead times of 7–9 h fit E1 and
 * det_omega alike (6 h puts E1 at 1.44e-4°; 7 h leaves the other cases the widest margins); the
 * margin is R-STILT's MGMIN = 10.
 *
 * @param x0    0-based full-grid column offset: a position's sub-grid x is {@code x − x0}
 * @param y0    0-based full-grid row offset
 * @param sizeX columns of the sub-grid (at most the full grid's)
 * @param sizeY rows of the sub-grid
 *
 * <p>Thread-safety: immutable.
 */
public record AdvectionSubGrid(int x0, int y0, int sizeX, int sizeY) {

    /** Grid units around the particles' box on every side (R-STILT's MGMIN = 10). */
    public static final int MARGIN = 10;
    /** Hours of the particles' motion the sub-grid extends ahead of them. */
    public static final double LEAD_HOURS = 7.0;

    public AdvectionSubGrid {
        if (x0 < 0 || y0 < 0 || sizeX < 1 || sizeY < 1) {
            throw new IllegalArgumentException("advection sub-grid offset (" + x0 + ", " + y0 + ") size " + sizeX
                    + " x " + sizeY + "; expected offsets >= 0 and sizes >= 1");
        }
    }

    /** An empty particle box, for {@link #union} to widen. */
    public static double[] emptyBox() {
        return new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY};
    }

    /**
     * Widens {@code box} ({xmin, xmax, ymin, ymax}, 1-based grid units) to hold {@code other} (such
     * as {@link ParticleState#activeBounds()}).
     */
    public static void union(double[] box, double[] other) {
        box[0] = Math.min(box[0], other[0]);
        box[1] = Math.max(box[1], other[1]);
        box[2] = Math.min(box[2], other[2]);
        box[3] = Math.max(box[3], other[3]);
    }

    /**
     * The sub-grid for particles in {@code box} ({xmin, xmax, ymin, ymax}, 1-based grid units) that
     * were in {@code earlier} {@code hours} before (null: motion unknown, no lead), on a full grid of
     * nx × ny points: the box plus {@link #MARGIN} on every side and, ahead of each side that moved
     * outward, {@link #LEAD_HOURS} hours of that motion; the whole grid when that reaches past an
     * edge of it.
     */
    public static AdvectionSubGrid ahead(double[] box, double[] earlier, double hours, int nx, int ny) {
        if (!(box[0] <= box[1] && box[2] <= box[3])) {
            throw new IllegalArgumentException("no particle to place the advection sub-grid around");
        }
        if (nx < 1 || ny < 1) {
            throw new IllegalArgumentException("grid " + nx + " x " + ny + "; expected at least 1 x 1");
        }
        boolean moved = earlier != null && earlier[0] <= earlier[1] && earlier[2] <= earlier[3] && hours > 0.0;
        double lead = moved ? LEAD_HOURS / hours : 0.0;
        double xlo = box[0] - MARGIN - (moved ? Math.max(0.0, earlier[0] - box[0]) * lead : 0.0);
        double xhi = box[1] + MARGIN + (moved ? Math.max(0.0, box[1] - earlier[1]) * lead : 0.0);
        double ylo = box[2] - MARGIN - (moved ? Math.max(0.0, earlier[2] - box[2]) * lead : 0.0);
        double yhi = box[3] + MARGIN + (moved ? Math.max(0.0, box[3] - earlier[3]) * lead : 0.0);
        if (xlo < 1.0 || ylo < 1.0 || xhi > nx || yhi > ny) {
            return new AdvectionSubGrid(0, 0, nx, ny);
        }
        int x0 = (int) Math.floor(xlo) - 1;
        int y0 = (int) Math.floor(ylo) - 1;
        return new AdvectionSubGrid(x0, y0, Math.min(nx - x0, (int) Math.ceil(xhi) - x0),
                Math.min(ny - y0, (int) Math.ceil(yhi) - y0));
    }
}
