package org.stilt.core.transport;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.time.Instant;
import java.util.Objects;

/**
 * One met time converted to the kernel's internal levels on a sub-grid, in one off-heap block of
 * {@code float}s (a direct, native-order buffer) that the Fortran kernel reads in place
 * (docs/transport.md, "kernel frame"):
 * <ul>
 *   <li>2-D block: {@link #N2D} fields, each {@code wx·wy} values, {@code [field][y][x]};</li>
 *   <li>3-D block: {@link #N3D} fields, each {@code wx·wy·nz} values, {@code [field][y][x][k]}
 *       (a column's levels are contiguous). Fortran sees {@code f2(wx,wy,N2D)} and
 *       {@code f3(nz,wx,wy,N3D)}.</li>
 * </ul>
 * 2-D fields: terrain height (m), surface pressure (hPa), metres per grid unit in x and in y,
 * mixed-layer depth from the file (m), sensible heat flux (W m⁻²), friction velocity (m s⁻¹),
 * latent heat flux, downward short-wave flux, 2-m temperature (K), mixed-layer depth (m, KMIXD rule). 3-D fields: u and v (m s⁻¹,
 * grid-relative), vertical velocity in scaled height (m s⁻¹, positive up), temperature (K),
 * pressure (hPa), air density (kg m⁻³), specific humidity (kg/kg), potential temperature (K),
 * relative humidity (fraction, 0–1).
 * Missing inputs are NaN.
 *
 * <p>Thread-safety: immutable after {@link ProfileConverter} filled it; safe to read from many
 * threads (reads use absolute indexing). The memory is freed by the garbage collector.
 */
public final class KernelFrame {

    public static final int F2_ZSFC = 0;
    public static final int F2_PSFC = 1;
    public static final int F2_GX = 2;
    public static final int F2_GY = 3;
    public static final int F2_PBLH = 4;
    public static final int F2_SHTF = 5;
    public static final int F2_USTR = 6;
    public static final int F2_LHTF = 7;
    public static final int F2_DSWF = 8;
    public static final int F2_T02M = 9;
    /** Mixed-layer depth by the converter's KMIXD rule, m (docs/transport.md "Mixed-layer depth"). */
    public static final int F2_MLHT = 10;
    /**
     * Roughness length z₀, m, of each grid point (filled by {@link ArlFrameSource} from its
     * {@link RoughnessSource}, not by the converters; docs/transport.md "Turbulence").
     */
    public static final int F2_Z0 = 11;
    /** Number of 2-D fields. */
    public static final int N2D = 12;

    public static final int F3_U = 0;
    public static final int F3_V = 1;
    public static final int F3_W = 2;
    public static final int F3_T = 3;
    public static final int F3_P = 4;
    public static final int F3_RHO = 5;
    public static final int F3_Q = 6;
    public static final int F3_THETA = 7;
    /**
     * Relative humidity (fraction, 0–1, capped), from which with T and p the kernels form the
     * density at a particle as hycs_std does ({@link ProfileConverter#densityBetween}).
     */
    public static final int F3_RH = 8;
    /** Number of 3-D fields. */
    public static final int N3D = 9;

    private final int x0;
    private final int y0;
    private final int wx;
    private final int wy;
    private final int nz;
    private final Instant validTime;
    private final ByteBuffer bytes;
    private final FloatBuffer data;

    /** Allocates a frame (values zero until filled). */
    public KernelFrame(int x0, int y0, int wx, int wy, int nz, Instant validTime) {
        this.x0 = x0;
        this.y0 = y0;
        this.wx = wx;
        this.wy = wy;
        this.nz = nz;
        this.validTime = Objects.requireNonNull(validTime, "validTime");
        long floats = (long) wx * wy * (N2D + (long) N3D * nz);
        if (wx < 2 || wy < 2 || nz < 2 || floats * Float.BYTES > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("kernel frame " + wx + " × " + wy + " × " + nz + " levels ("
                    + floats * Float.BYTES + " bytes); expected at least 2 × 2 × 2 and at most 2 GiB: use a smaller"
                    + " met window");
        }
        this.bytes = ByteBuffer.allocateDirect((int) (floats * Float.BYTES)).order(ByteOrder.nativeOrder());
        this.data = bytes.asFloatBuffer();
    }

    /**
     * Copies every field of {@code part} (a frame of the same levels covering full-grid points
     * {@code part.x0() ..} × {@code part.y0() ..} inside this frame) into this frame at its place:
     * the merge step of a frame converted in parts (row bands, or the strips a grown met window
     * adds to a frame it already had).
     *
     * @throws IllegalArgumentException if the part's levels differ or it does not lie inside this frame
     */
    public void copyFrom(KernelFrame part) {
        int di = part.x0 - x0;
        int dj = part.y0 - y0;
        if (part.nz != nz || di < 0 || dj < 0 || di + part.wx > wx || dj + part.wy > wy) {
            throw new IllegalArgumentException("part at (" + part.x0 + ", " + part.y0 + ") of " + part.wx + " × "
                    + part.wy + " points and " + part.nz + " levels does not fit the frame at (" + x0 + ", " + y0
                    + ") of " + wx + " × " + wy + " points and " + nz + " levels");
        }
        FloatBuffer src = part.data.duplicate();
        FloatBuffer dst = data.duplicate();
        for (int f = 0; f < N2D; f++) {
            for (int j = 0; j < part.wy; j++) {
                int from = (int) part.index2(f, 0, j);
                src.limit(from + part.wx).position(from);
                dst.position((int) index2(f, di, dj + j));
                dst.put(src);
            }
        }
        for (int f = 0; f < N3D; f++) {
            for (int j = 0; j < part.wy; j++) {
                int from = (int) part.index3(f, 0, j, 0);
                src.limit(from + part.wx * nz).position(from);
                dst.position((int) index3(f, di, dj + j, 0));
                dst.put(src);
            }
        }
    }

    /** 0-based column of the sub-grid's first point in the full grid. */
    public int x0() {
        return x0;
    }

    /** 0-based row of the sub-grid's first point in the full grid. */
    public int y0() {
        return y0;
    }

    public int wx() {
        return wx;
    }

    public int wy() {
        return wy;
    }

    /** Number of internal levels. */
    public int nz() {
        return nz;
    }

    public Instant validTime() {
        return validTime;
    }

    /**
     * The whole block as a direct native-order buffer, for the native kernel (which reads it in
     * place). Callers must not write to it.
     */
    public ByteBuffer buffer() {
        return bytes.duplicate().order(ByteOrder.nativeOrder());
    }

    /** Index (in floats) of a 2-D value. */
    public long index2(int field, int i, int j) {
        return (long) field * wx * wy + (long) j * wx + i;
    }

    /** Index (in floats) of a 3-D value. */
    public long index3(int field, int i, int j, int k) {
        return (long) wx * wy * N2D + (((long) field * wy + j) * wx + i) * nz + k;
    }

    public float get2(int field, int i, int j) {
        return data.get((int) index2(field, i, j));
    }

    public float get3(int field, int i, int j, int k) {
        return data.get((int) index3(field, i, j, k));
    }

    void set2(int field, int i, int j, float v) {
        data.put((int) index2(field, i, j), v);
    }

    void set3(int field, int i, int j, int k, float v) {
        data.put((int) index3(field, i, j, k), v);
    }
}
