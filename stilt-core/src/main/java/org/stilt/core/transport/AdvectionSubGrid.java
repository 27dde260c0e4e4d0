package org.stilt.core.transport;

/**
 * The square met sub-grid whose coordinates hycs_std advects particle positions in, as inferred
 * from its deterministic reference runs (docs/transport.md "Positions and their precision").
 *
 * <p>hycs_std holds a particle's horizontal position in single precision relative to the corner of
 * a met sub-grid that follows the particles, and its corrector is P₁ = ½(P + P′ + V(P′)·Δt). The
 * rounding of that sum depends on the binade of the coordinate, so the same trajectory drifts by a
 * different 1e-5 … 3e-4 of its length per step in different sub-grids. The kernels reproduce it by
 * advancing {@code x − x0}, {@code y − y0} (grid units) with this sub-grid's 0-based offsets. The rule
 * itself is not documented for hycs_std; what the references fix (docs/parity.md):
 * <ul>
 *   <li>the sub-grid follows the particles: with the full-grid coordinate, or any fixed one, the
 *       references' drifts are not reproduced (det_omega: 4 896 rows over 1e-4° against 683);</li>
 *   <li>it is square, its side growing with the larger of the particles' x and y extents: on
 *       det_omega (particles spread 25 columns but less than one row) hycs_std's latitude rate
 *       changes at about −1050 min, when a square sub-grid grown with the columns puts the
 *       particles' row coordinate past 16; a sub-grid sized by each direction's own extent never
 *       does;</li>
 *   <li>its minimum half-size (MGMIN = 10 grid units), the 3-point buffer and the 2-point margin
 *       are not determined: half-sizes 3–12, buffers 2–5 and margins 1–4 fit the references
 *       equally well; so does checking it every minute, every met interval, or (as here) every
 *       met interval from the positions one interval earlier.</li>
 * </ul>
 *
 * @param x0    0-based full-grid column offset: a position's sub-grid x is {@code x − x0}
 * @param y0    0-based full-grid row offset
 * @param sizeX columns of the sub-grid (at most the full grid's)
 * @param sizeY rows of the sub-grid
 *
 * <p>Thread-safety: immutable.
 */
public record AdvectionSubGrid(int x0, int y0, int sizeX, int sizeY) {

    /** Minimum half-size of the square sub-grid, grid units (R-STILT's MGMIN = 10). */
    public static final int MIN_HALF_SIZE = 10;
    /** Grid units added to half the particles' extent when the sub-grid is placed. */
    public static final int BUFFER = 3;
    /** The sub-grid is placed again when a particle comes within this many grid units of its edge. */
    public static final int MARGIN = 2;

    public AdvectionSubGrid {
        if (x0 < 0 || y0 < 0 || sizeX < 1 || sizeY < 1) {
            throw new IllegalArgumentException("advection sub-grid offset (" + x0 + ", " + y0 + ") size " + sizeX
                    + " x " + sizeY + "; expected offsets >= 0 and sizes >= 1");
        }
    }

    /** An empty particle box: {@link #next} keeps the sub-grid. */
    public static double[] emptyBox() {
        return new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY};
    }

    /** Widens {@code box} ({xmin, xmax, ymin, ymax}, 1-based grid units) to hold the point (x, y). */
    public static void include(double[] box, double x, double y) {
        box[0] = Math.min(box[0], x);
        box[1] = Math.max(box[1], x);
        box[2] = Math.min(box[2], y);
        box[3] = Math.max(box[3], y);
    }

    /** Widens {@code box} to hold {@code other}. */
    public static void union(double[] box, double[] other) {
        box[0] = Math.min(box[0], other[0]);
        box[1] = Math.max(box[1], other[1]);
        box[2] = Math.min(box[2], other[2]);
        box[3] = Math.max(box[3], other[3]);
    }

    /** The box of the active particles of {@code state}, widened into {@code box}. */
    public static void include(double[] box, ParticleState state) {
        for (int p = 0; p < state.size(); p++) {
            if (state.status[p] == ParticleState.ACTIVE) {
                include(box, state.x[p], state.y[p]);
            }
        }
    }

    /** The sub-grid around the particles in {@code box} on a full grid of nx × ny points. */
    public static AdvectionSubGrid around(double[] box, int nx, int ny) {
        if (!(box[0] <= box[1] && box[2] <= box[3])) {
            throw new IllegalArgumentException("no particle to place the advection sub-grid around");
        }
        if (nx < 1 || ny < 1) {
            throw new IllegalArgumentException("grid " + nx + " x " + ny + "; expected at least 1 x 1");
        }
        double extent = Math.max(box[1] - box[0], box[3] - box[2]);
        int half = (int) Math.max(MIN_HALF_SIZE, Math.ceil(extent / 2.0) + BUFFER);
        int size = 2 * half + 1;
        long cx = Math.round(0.5 * (box[0] + box[1]));
        long cy = Math.round(0.5 * (box[2] + box[3]));
        int sizeX = Math.min(size, nx);
        int sizeY = Math.min(size, ny);
        int x0 = (int) Math.max(0, Math.min(cx - half - 1, nx - sizeX));
        int y0 = (int) Math.max(0, Math.min(cy - half - 1, ny - sizeY));
        return new AdvectionSubGrid(x0, y0, sizeX, sizeY);
    }

    /** Whether every particle of {@code box} is at least {@link #MARGIN} inside this sub-grid. */
    public boolean holds(double[] box) {
        return box[0] >= x0 + 1 + MARGIN && box[1] <= x0 + sizeX - MARGIN
                && box[2] >= y0 + 1 + MARGIN && box[3] <= y0 + sizeY - MARGIN;
    }

    /**
     * The sub-grid for particles in {@code box}: this one while it {@link #holds} them (or the box is
     * empty), else one placed {@link #around} them.
     */
    public AdvectionSubGrid next(double[] box, int nx, int ny) {
        if (!(box[0] <= box[1] && box[2] <= box[3]) || holds(box)) {
            return this;
        }
        return around(box, nx, ny);
    }
}
