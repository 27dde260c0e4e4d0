package org.stilt.core.met;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * ARL's one-byte differential packing of a 2-D field (docs/met.md, "Packing").
 *
 * <p>Unpacking: {@code v(i,j) = (byte − 127) / 2^(7−NEXP) + v(i−1,j)}, each row starting from the
 * first value of the previous row and the first row from VAR1; summed in single precision as
 * HYSPLIT's readers do. Packing: NEXP from the largest coded difference and a feedback encoder that
 * tracks the value a reader reconstructs, so the error stays within half a step.
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
public final class ArlPacking {

    private ArlPacking() {
    }

    /** The packed form of one field. */
    public record Packed(byte[] bytes, int exponent, float precision, float firstValue, int checksum) {
    }

    /**
     * Unpacks {@code nx·ny} bytes of {@code src} starting at {@code srcOffset} into {@code dst}
     * (x fastest) starting at {@code dstOffset}. Each row is first copied out of the buffer in bulk
     * so that the running sum is a plain array loop whatever the buffer's kind (heap, direct,
     * mapped); the arithmetic is the same single-precision sequence as the specification's loop,
     * so results are bit-identical to it.
     */
    public static void unpack(ByteBuffer src, int srcOffset, int nx, int ny, int exponent, float firstValue,
                              float[] dst, int dstOffset) {
        unpack(src, srcOffset, nx, ny, exponent, firstValue, 0f, dst, dstOffset);
    }

    /**
     * {@link #unpack(ByteBuffer, int, int, int, int, float, float[], int)} storing values below
     * {@code precision} as zero ({@link #zeroBelowPrecision}'s rule) in the same pass; a precision
     * ≤ 0 gives the exact unpack.
     */
    public static void unpack(ByteBuffer src, int srcOffset, int nx, int ny, int exponent, float firstValue,
                              float precision, float[] dst, int dstOffset) {
        if (src.hasArray() && !src.isReadOnly()) {
            unpack(src.array(), src.arrayOffset() + srcOffset, nx, ny, exponent, firstValue, precision, dst,
                    dstOffset);
            return;
        }
        float inv = (float) Math.scalb(1.0, exponent - 7);
        float rowStart = firstValue;
        byte[] row = new byte[nx];
        int s = srcOffset;
        int d = dstOffset;
        for (int j = 0; j < ny; j++) {
            src.get(s, row, 0, nx);
            rowStart = precision > 0f ? unpackRowZeroing(row, 0, nx, inv, rowStart, precision, dst, d)
                    : unpackRow(row, 0, nx, inv, rowStart, dst, d);
            s += nx;
            d += nx;
        }
    }

    /** Unpacks from a byte array (see {@link #unpack(ByteBuffer, int, int, int, int, float, float[], int)}). */
    public static void unpack(byte[] src, int srcOffset, int nx, int ny, int exponent, float firstValue,
                              float[] dst, int dstOffset) {
        unpack(src, srcOffset, nx, ny, exponent, firstValue, 0f, dst, dstOffset);
    }

    /** Unpacks from a byte array storing values below {@code precision} as zero (≤ 0: exact). */
    public static void unpack(byte[] src, int srcOffset, int nx, int ny, int exponent, float firstValue,
                              float precision, float[] dst, int dstOffset) {
        float inv = (float) Math.scalb(1.0, exponent - 7);
        float rowStart = firstValue;
        int s = srcOffset;
        int d = dstOffset;
        for (int j = 0; j < ny; j++) {
            rowStart = precision > 0f ? unpackRowZeroing(src, s, nx, inv, rowStart, precision, dst, d)
                    : unpackRow(src, s, nx, inv, rowStart, dst, d);
            s += nx;
            d += nx;
        }
    }

    /** One row: the running sum from the previous row's first value; returns this row's first value. */
    private static float unpackRow(byte[] src, int s, int nx, float inv, float previousRowStart, float[] dst, int d) {
        float v = ((src[s] & 0xff) - 127) * inv + previousRowStart;
        float first = v;
        dst[d] = v;
        for (int i = 1; i < nx; i++) {
            v = ((src[s + i] & 0xff) - 127) * inv + v;
            dst[d + i] = v;
        }
        return first;
    }

    /**
     * {@link #unpackRow} storing values of columns 1.. below {@code precision} as zero (branch-free,
     * off the running sum's dependency chain; the sum goes on with the unrounded value).
     */
    private static float unpackRowZeroing(byte[] src, int s, int nx, float inv, float previousRowStart,
                                          float precision, float[] dst, int d) {
        int pb = Float.floatToRawIntBits(precision);
        float v = ((src[s] & 0xff) - 127) * inv + previousRowStart;
        float first = v;
        dst[d] = v;
        for (int i = 1; i < nx; i++) {
            v = ((src[s + i] & 0xff) - 127) * inv + v;
            dst[d + i] = zeroIfBelow(v, pb);
        }
        return first;
    }

    /**
     * {@code v}, or 0 when {@code |v|} is below the precision whose bits are {@code precisionBits}
     * (NaN stays). Branch-free: for non-negative floats the bit patterns order as the values, so
     * {@code (bits(|v|) − bits(precision)) >> 31} is all ones exactly when {@code |v| < precision}.
     */
    private static float zeroIfBelow(float v, int precisionBits) {
        int vb = Float.floatToRawIntBits(v);
        return Float.intBitsToFloat(vb & ~(((vb & 0x7fffffff) - precisionBits) >> 31));
    }

    /**
     * Reads values below the record's precision as zero, as HYSPLIT's reader does ({@code |v| <
     * PREC → 0}, the label's precision field; docs/met.md "Precision zeros"): in columns 1 and up of
     * each row (the first column keeps its value, as in NOAA's published unpacker), after the running sum, which goes
     * on with the unrounded value. {@code dst} holds {@code rows} rows of {@code width} values whose
     * first column is column {@code x0} of the grid. A precision ≤ 0 (or NaN) changes nothing.
     */
    public static void zeroBelowPrecision(float[] dst, int offset, int width, int rows, int x0, float precision) {
        if (!(precision > 0f)) {
            return;
        }
        int from = x0 == 0 ? 1 : 0;
        int pb = Float.floatToRawIntBits(precision);
        for (int r = 0; r < rows; r++) {
            for (int c = offset + r * width + from, end = offset + (r + 1) * width; c < end; c++) {
                dst[c] = zeroIfBelow(dst[c], pb);
            }
        }
    }

    /**
     * Unpacks a sub-window (columns {@code x0..x0+wx-1}, rows {@code y0..y0+wy-1}, 0-based) of a
     * packed field into {@code dst} at its current position, x fastest, advancing the position by
     * {@code wx·wy}. Only what the window depends on is read: the first-column chain of rows
     * {@code 0..y0+wy-1} and, of the window's rows, columns {@code 0..x0+wx-1} (ARL's differences
     * chain along each row from its first value). The result is bit-identical to {@link #unpack}
     * at the same points: every value is the same single-precision sum in the same order; rows are
     * walked four at a time only so that their independent sums overlap in the CPU.
     *
     * <p>Uses a per-thread scratch area (a few kB per thread, kept for the thread's life).
     */
    public static void unpackWindow(ByteBuffer src, int srcOffset, int nx, int ny, int exponent, float firstValue,
                                    int x0, int y0, int wx, int wy, FloatBuffer dst) {
        unpackWindow(src, srcOffset, nx, ny, exponent, firstValue, 0f, x0, y0, wx, wy, dst);
    }

    /**
     * {@link #unpackWindow(ByteBuffer, int, int, int, int, float, int, int, int, int, FloatBuffer)} with
     * values below {@code precision} read as zero ({@link #zeroBelowPrecision}).
     */
    public static void unpackWindow(ByteBuffer src, int srcOffset, int nx, int ny, int exponent, float firstValue,
                                    float precision, int x0, int y0, int wx, int wy, FloatBuffer dst) {
        if (x0 < 0 || y0 < 0 || wx < 1 || wy < 1 || x0 + wx > nx || y0 + wy > ny) {
            throw new IllegalArgumentException("window x " + x0 + "+" + wx + ", y " + y0 + "+" + wy
                    + " is not inside the " + nx + " × " + ny + " grid");
        }
        WindowScratch s = WindowScratch.get(wy, x0 + wx, wx);
        float[] step = s.step(exponent);
        int xEnd = x0 + wx;
        float[] starts = s.starts;
        float rowStart = firstValue;
        int yEnd = y0 + wy;
        for (int j = 0; j < yEnd; j++) {
            rowStart = step[src.get(srcOffset + j * nx) & 0xff] + rowStart;
            if (j >= y0) {
                starts[j - y0] = rowStart;
            }
        }
        byte[] bytes = s.bytes;
        float[] out = s.out;
        int r = 0;
        for (; r + 8 <= wy; r += 8) {
            for (int q = 0; q < 8; q++) {
                src.get(srcOffset + (y0 + r + q) * nx, bytes, q * xEnd, xEnd);
            }
            unpackRows8(bytes, xEnd, step, starts, r, x0, wx, out);
            zeroBelowPrecision(out, 0, wx, 8, x0, precision);
            dst.put(out, 0, 8 * wx);
        }
        for (; r + 4 <= wy; r += 4) {
            for (int q = 0; q < 4; q++) {
                src.get(srcOffset + (y0 + r + q) * nx, bytes, q * xEnd, xEnd);
            }
            unpackRows4(bytes, xEnd, step, starts, r, x0, wx, out);
            zeroBelowPrecision(out, 0, wx, 4, x0, precision);
            dst.put(out, 0, 4 * wx);
        }
        for (; r < wy; r++) {
            src.get(srcOffset + (y0 + r) * nx, bytes, 0, xEnd);
            unpackRow(bytes, 0, step, starts[r], x0, xEnd, out, 0);
            zeroBelowPrecision(out, 0, wx, 1, x0, precision);
            dst.put(out, 0, wx);
        }
    }

    /** One row: running sum from {@code start}, storing columns {@code x0..xEnd-1} at {@code o}. */
    private static void unpackRow(byte[] b, int bo, float[] step, float start, int x0, int xEnd, float[] out, int o) {
        float v = start;
        if (x0 == 0) {
            out[o] = v;
        }
        int i = 1;
        for (; i < x0; i++) {
            v = step[b[bo + i] & 0xff] + v;
        }
        for (; i < xEnd; i++) {
            v = step[b[bo + i] & 0xff] + v;
            out[o + i - x0] = v;
        }
    }

    /** Four consecutive rows at once (independent sums); bytes of row q at {@code q·xEnd}. */
    private static void unpackRows4(byte[] b, int xEnd, float[] step, float[] starts, int r, int x0, int wx,
                                    float[] out) {
        float v0 = starts[r];
        float v1 = starts[r + 1];
        float v2 = starts[r + 2];
        float v3 = starts[r + 3];
        int b1 = xEnd;
        int b2 = 2 * xEnd;
        int b3 = 3 * xEnd;
        int o1 = wx;
        int o2 = 2 * wx;
        int o3 = 3 * wx;
        if (x0 == 0) {
            out[0] = v0;
            out[o1] = v1;
            out[o2] = v2;
            out[o3] = v3;
        }
        int i = 1;
        for (; i < x0; i++) {
            v0 = step[b[i] & 0xff] + v0;
            v1 = step[b[b1 + i] & 0xff] + v1;
            v2 = step[b[b2 + i] & 0xff] + v2;
            v3 = step[b[b3 + i] & 0xff] + v3;
        }
        for (; i < xEnd; i++) {
            int k = i - x0;
            v0 = step[b[i] & 0xff] + v0;
            v1 = step[b[b1 + i] & 0xff] + v1;
            v2 = step[b[b2 + i] & 0xff] + v2;
            v3 = step[b[b3 + i] & 0xff] + v3;
            out[k] = v0;
            out[o1 + k] = v1;
            out[o2 + k] = v2;
            out[o3 + k] = v3;
        }
    }

    /** Eight consecutive rows at once (independent sums); bytes of row q at {@code q·xEnd}. */
    private static void unpackRows8(byte[] b, int xEnd, float[] step, float[] starts, int r, int x0, int wx,
                                    float[] out) {
        float v0 = starts[r];
        float v1 = starts[r + 1];
        float v2 = starts[r + 2];
        float v3 = starts[r + 3];
        float v4 = starts[r + 4];
        float v5 = starts[r + 5];
        float v6 = starts[r + 6];
        float v7 = starts[r + 7];
        if (x0 == 0) {
            for (int q = 0; q < 8; q++) {
                out[q * wx] = starts[r + q];
            }
        }
        int i = 1;
        for (; i < x0; i++) {
            v0 = step[b[i] & 0xff] + v0;
            v1 = step[b[xEnd + i] & 0xff] + v1;
            v2 = step[b[2 * xEnd + i] & 0xff] + v2;
            v3 = step[b[3 * xEnd + i] & 0xff] + v3;
            v4 = step[b[4 * xEnd + i] & 0xff] + v4;
            v5 = step[b[5 * xEnd + i] & 0xff] + v5;
            v6 = step[b[6 * xEnd + i] & 0xff] + v6;
            v7 = step[b[7 * xEnd + i] & 0xff] + v7;
        }
        for (; i < xEnd; i++) {
            int k = i - x0;
            v0 = step[b[i] & 0xff] + v0;
            v1 = step[b[xEnd + i] & 0xff] + v1;
            v2 = step[b[2 * xEnd + i] & 0xff] + v2;
            v3 = step[b[3 * xEnd + i] & 0xff] + v3;
            v4 = step[b[4 * xEnd + i] & 0xff] + v4;
            v5 = step[b[5 * xEnd + i] & 0xff] + v5;
            v6 = step[b[6 * xEnd + i] & 0xff] + v6;
            v7 = step[b[7 * xEnd + i] & 0xff] + v7;
            out[k] = v0;
            out[wx + k] = v1;
            out[2 * wx + k] = v2;
            out[3 * wx + k] = v3;
            out[4 * wx + k] = v4;
            out[5 * wx + k] = v5;
            out[6 * wx + k] = v6;
            out[7 * wx + k] = v7;
        }
    }

    /**
     * Per-thread scratch of {@link #unpackWindow}: row starts, four rows of packed bytes, four
     * rows of output and the 256 step values {@code (b − 127)·2^(NEXP−7)} of the last exponent
     * (each exactly the product the row loop of {@link #unpack} computes).
     */
    private static final class WindowScratch {
        private static final ThreadLocal<WindowScratch> LOCAL = ThreadLocal.withInitial(WindowScratch::new);
        float[] starts = new float[0];
        byte[] bytes = new byte[0];
        float[] out = new float[0];
        private final float[] step = new float[256];
        private int stepExponent = Integer.MIN_VALUE;

        static WindowScratch get(int wy, int xEnd, int wx) {
            WindowScratch s = LOCAL.get();
            if (s.starts.length < wy) {
                s.starts = new float[wy];
            }
            if (s.bytes.length < 8 * xEnd) {
                s.bytes = new byte[8 * xEnd];
            }
            if (s.out.length < 8 * wx) {
                s.out = new float[8 * wx];
            }
            return s;
        }

        float[] step(int exponent) {
            if (exponent != stepExponent) {
                float inv = (float) Math.scalb(1.0, exponent - 7);
                for (int b = 0; b < 256; b++) {
                    step[b] = (b - 127) * inv;
                }
                stepExponent = exponent;
            }
            return step;
        }
    }

    /** ARL checksum: byte sum with end-around carry, 0..255. */
    public static int checksum(byte[] bytes, int offset, int length) {
        int k = 0;
        for (int i = 0; i < length; i++) {
            k += bytes[offset + i] & 0xff;
            if (k >= 256) {
                k -= 255;
            }
        }
        return k;
    }

    /** Checksum of bytes in a buffer (absolute indexing; the position is not changed). */
    public static int checksum(ByteBuffer bytes, int offset, int length) {
        int k = 0;
        for (int i = 0; i < length; i++) {
            k += bytes.get(offset + i) & 0xff;
            if (k >= 256) {
                k -= 255;
            }
        }
        return k;
    }

    /**
     * The exponent NOAA's packer chooses for a field: {@code int(log2(RMAX))}, plus one when
     * {@code log2(RMAX) ≥ 0} or is an exact integer, with RMAX the largest |difference| that will
     * be coded; 1 when all differences are zero.
     */
    public static int exponentFor(float[] values, int nx, int ny) {
        double rmax = 0.0;
        for (int j = 0; j < ny; j++) {
            int row = j * nx;
            if (j > 0) {
                rmax = Math.max(rmax, Math.abs((double) values[row] - values[row - nx]));
            }
            for (int i = 1; i < nx; i++) {
                rmax = Math.max(rmax, Math.abs((double) values[row + i] - values[row + i - 1]));
            }
        }
        if (rmax == 0.0) {
            return 1;
        }
        double sexp = Math.log(rmax) / Math.log(2.0);
        int nexp = (int) sexp;
        if (sexp >= 0.0 || sexp == Math.rint(sexp)) {
            nexp += 1;
        }
        return nexp;
    }

    /** Packs a field with the exponent NOAA's packer would choose ({@link #exponentFor}). */
    public static Packed pack(float[] values, int nx, int ny) {
        return pack(values, nx, ny, exponentFor(values, nx, ny));
    }

    /**
     * Packs a field with a given exponent (used to re-write a field read from a file byte for byte:
     * the values a reader reconstructs lie on the exponent's steps, so the encoder reproduces the
     * bytes). Codes are clipped to 0..255: NOAA's packer writes 255 (a difference of 128 steps) when
     * a field's largest difference lies just below a power of two, as one WWND record of the real
     * HRRR files shows; a reader reconstructs it exactly.
     */
    public static Packed pack(float[] values, int nx, int ny, int exponent) {
        if (values.length < nx * ny) {
            throw new IllegalArgumentException("field has " + values.length + " values; expected " + nx * ny);
        }
        for (int i = 0; i < nx * ny; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("field value " + values[i] + " at grid point ("
                        + (i % nx + 1) + "," + (i / nx + 1) + ") is not finite; ARL fields cannot hold NaN or infinity");
            }
        }
        float var1 = values[0];
        // The reader starts from the label's E14.7 VAR1: encode against that value.
        float var1Written = (float) Double.parseDouble(ArlText.formatE14(var1).trim().replace("E", "e"));
        double scale = Math.scalb(1.0, 7 - exponent);
        float inv = (float) Math.scalb(1.0, exponent - 7);
        byte[] out = new byte[nx * ny];
        float rowStart = var1Written;
        for (int j = 0; j < ny; j++) {
            float rold = rowStart;
            for (int i = 0; i < nx; i++) {
                int k = j * nx + i;
                int ic = (int) ((values[k] - (double) rold) * scale + 127.5);
                ic = Math.max(0, Math.min(255, ic));
                out[k] = (byte) ic;
                rold = (ic - 127) * inv + rold;
                if (i == 0) {
                    rowStart = rold;
                }
            }
        }
        float precision = (float) (Math.scalb(1.0, exponent) / 254.0);
        return new Packed(out, exponent, precision, var1Written, checksum(out, 0, out.length));
    }
}
