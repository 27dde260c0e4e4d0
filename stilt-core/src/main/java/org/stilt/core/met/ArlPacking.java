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
        if (src.hasArray() && !src.isReadOnly()) {
            unpack(src.array(), src.arrayOffset() + srcOffset, nx, ny, exponent, firstValue, dst, dstOffset);
            return;
        }
        float inv = (float) Math.scalb(1.0, exponent - 7);
        float rowStart = firstValue;
        byte[] row = new byte[nx];
        int s = srcOffset;
        int d = dstOffset;
        for (int j = 0; j < ny; j++) {
            src.get(s, row, 0, nx);
            rowStart = unpackRow(row, 0, nx, inv, rowStart, dst, d);
            s += nx;
            d += nx;
        }
    }

    /** Unpacks from a byte array (see {@link #unpack(ByteBuffer, int, int, int, int, float, float[], int)}). */
    public static void unpack(byte[] src, int srcOffset, int nx, int ny, int exponent, float firstValue,
                              float[] dst, int dstOffset) {
        float inv = (float) Math.scalb(1.0, exponent - 7);
        float rowStart = firstValue;
        int s = srcOffset;
        int d = dstOffset;
        for (int j = 0; j < ny; j++) {
            rowStart = unpackRow(src, s, nx, inv, rowStart, dst, d);
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
     * Unpacks a sub-window (columns {@code x0..x0+wx-1}, rows {@code y0..y0+wy-1}, 0-based) of a
     * packed field into {@code dst} at its current position, x fastest. The running sums of rows
     * below {@code y0} and columns left of {@code x0} are still walked (ARL's differences chain
     * through them) but not stored.
     */
    public static void unpackWindow(ByteBuffer src, int srcOffset, int nx, int ny, int exponent, float firstValue,
                                    int x0, int y0, int wx, int wy, FloatBuffer dst) {
        float inv = (float) Math.scalb(1.0, exponent - 7);
        float rowStart = firstValue;
        int yEnd = y0 + wy;
        int xEnd = x0 + wx;
        for (int j = 0; j < yEnd; j++) {
            int s = srcOffset + j * nx;
            float v = ((src.get(s) & 0xff) - 127) * inv + rowStart;
            rowStart = v;
            if (j < y0) {
                continue;
            }
            if (x0 == 0) {
                dst.put(v);
            }
            for (int i = 1; i < xEnd; i++) {
                v = ((src.get(s + i) & 0xff) - 127) * inv + v;
                if (i >= x0) {
                    dst.put(v);
                }
            }
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
