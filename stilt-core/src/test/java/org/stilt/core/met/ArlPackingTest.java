package org.stilt.core.met;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ARL packing: round trips within half a step, NOAA's exponent rule, the byte-255 clip case of
 * the real HRRR file, and bit-identity of {@link ArlPacking#unpack} with the specification's loop.
 */
class ArlPackingTest {

    @TempDir
    Path tmp;

    /** The unpacking loop as docs/hysplit-reference.md §1.4 writes it: the reference for bit-identity. */
    static float[] referenceUnpack(byte[] b, int off, int nx, int ny, int nexp, float var1) {
        float[] out = new float[nx * ny];
        float scale = (float) Math.scalb(1.0, 7 - nexp);
        float vold = var1;
        for (int j = 0; j < ny; j++) {
            float rowFirst = 0;
            for (int i = 0; i < nx; i++) {
                float v = ((b[off + j * nx + i] & 0xff) - 127) * (1.0f / scale) + vold;
                out[j * nx + i] = v;
                vold = v;
                if (i == 0) {
                    rowFirst = v;
                }
            }
            vold = rowFirst;
        }
        return out;
    }

    private static float[] smoothField(Random rnd, int nx, int ny, double amplitude) {
        float[] f = new float[nx * ny];
        double a = rnd.nextDouble() * 6;
        double c = rnd.nextDouble() * 6;
        double base = (rnd.nextDouble() - 0.5) * 1000;
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                f[j * nx + i] = (float) (base + amplitude * (Math.sin(a + 0.07 * i) * Math.cos(c + 0.05 * j))
                        + amplitude * 0.01 * rnd.nextGaussian());
            }
        }
        return f;
    }

    @Test
    void roundTripWithinHalfAStep() {
        Random rnd = new Random(42);
        for (int t = 0; t < 50; t++) {
            int nx = 2 + rnd.nextInt(80);
            int ny = 2 + rnd.nextInt(60);
            double amplitude = Math.pow(10, rnd.nextInt(9) - 4);
            float[] f = smoothField(rnd, nx, ny, amplitude);
            ArlPacking.Packed p = ArlPacking.pack(f, nx, ny);
            float[] back = new float[nx * ny];
            ArlPacking.unpack(p.bytes(), 0, nx, ny, p.exponent(), p.firstValue(), back, 0);
            double step = Math.scalb(1.0, p.exponent() - 7);
            for (int k = 0; k < f.length; k++) {
                // half a step plus float rounding of the running sum
                double tol = 0.5 * step + 4 * Math.ulp(Math.max(Math.abs(f[k]), Math.abs(back[k])))
                        + Math.abs(f[0] - p.firstValue());
                assertEquals(f[k], back[k], tol, "field " + t + " point " + k + " exponent " + p.exponent());
            }
            assertEquals(ArlPacking.checksum(p.bytes(), 0, p.bytes().length), p.checksum());
            assertEquals((float) (Math.scalb(1.0, p.exponent()) / 254.0), p.precision());
        }
    }

    @Test
    void exponentRuleAsNoaa() {
        assertEquals(1, ArlPacking.exponentFor(new float[] {5, 5, 5, 5}, 2, 2), "all differences zero");
        assertEquals(1, ArlPacking.exponentFor(new float[] {0, 1, 0, 1}, 2, 2), "RMAX 1: log2 0 >= 0 → 0 + 1");
        assertEquals(2, ArlPacking.exponentFor(new float[] {0, 3, 0, 3}, 2, 2), "RMAX 3: log2 1.58 → 1 + 1");
        assertEquals(0, ArlPacking.exponentFor(new float[] {0, 0.5f, 0, 0.5f}, 2, 2), "RMAX 0.5: exact -1 → -1 + 1");
        assertEquals(-1, ArlPacking.exponentFor(new float[] {0, 0.3f, 0, 0.3f}, 2, 2), "RMAX 0.3: log2 -1.74 → -1");
        assertEquals(4, ArlPacking.exponentFor(new float[] {0, 0, 8, 8}, 2, 2), "column difference 8: 3 + 1");
        assertEquals(-3, ArlPacking.exponentFor(new float[] {0, 0.1249f, 0, 0.1249f}, 2, 2), "just below 2^-3");
        assertEquals(-2, ArlPacking.exponentFor(new float[] {0, 0.125f, 0, 0.125f}, 2, 2), "exactly 2^-3");
    }

    /**
     * Record 786 (WWND level 11) of 20190530_00-05_hrrr: NOAA chose NEXP = -3 and wrote a byte 255
     * (128 steps); recomputing the exponent from the unpacked values gives -2. Packing with the
     * label's exponent reproduces the bytes (the encoder clips to 0..255, not 0..254), and a copy by
     * {@link ArlWriter#copyPeriod} keeps the label's exponent.
     */
    @Test
    void clipEdgeCaseOfTheRealHrrrFile() {
        ArlFile f = ArlFile.open(MetReference.hrrr("20190530_00-05_hrrr"));
        ArlPeriod period = null;
        ArlRecord rec = null;
        for (ArlPeriod p : f.periods()) {
            for (ArlRecord r : p.records()) {
                if (r.recordNumber() == 786) {
                    period = p;
                    rec = r;
                }
            }
        }
        assertEquals("WWND", rec.label().variable());
        assertEquals(11, rec.label().level());
        assertEquals(-3, rec.label().exponent());
        byte[] original = f.packedBytes(period, "WWND", 11);
        boolean has255 = false;
        for (byte b : original) {
            has255 |= (b & 0xff) == 255;
        }
        assertTrue(has255, "record 786 holds a byte 255");
        float[] values = f.read(period, "WWND", 11);
        assertEquals(-2, ArlPacking.exponentFor(values, 59, 41));
        assertArrayEquals(original, ArlPacking.pack(values, 59, 41, -3).bytes());

        Path out = tmp.resolve("copy");
        try (ArlWriter w = ArlWriter.create(out)) {
            w.copyPeriod(f, period);
        }
        ArlFile copy = ArlFile.open(out);
        ArlRecord copied = copy.record(copy.periods().get(0), "WWND", 11);
        assertEquals(-3, copied.label().exponent());
        assertArrayEquals(original, copy.packedBytes(copy.periods().get(0), "WWND", 11));
        assertEquals(List.of(), copy.checksumMismatches());
    }

    @Test
    void unpackIsBitIdenticalToTheSpecificationLoop() {
        Random rnd = new Random(7);
        for (int t = 0; t < 200; t++) {
            int nx = 2 + rnd.nextInt(70);
            int ny = 2 + rnd.nextInt(50);
            byte[] b = new byte[nx * ny + 13];
            rnd.nextBytes(b);
            int nexp = rnd.nextInt(30) - 15;
            float var1 = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(8) - 3));
            float[] expected = referenceUnpack(b, 13, nx, ny, nexp, var1);
            float[] viaArray = new float[nx * ny + 5];
            ArlPacking.unpack(b, 13, nx, ny, nexp, var1, viaArray, 5);
            ByteBuffer direct = ByteBuffer.allocateDirect(b.length).put(b).flip();
            float[] viaDirect = new float[nx * ny];
            ArlPacking.unpack(direct, 13, nx, ny, nexp, var1, viaDirect, 0);
            float[] viaReadOnly = new float[nx * ny];
            ArlPacking.unpack(ByteBuffer.wrap(b).asReadOnlyBuffer(), 13, nx, ny, nexp, var1, viaReadOnly, 0);
            float[] viaSlice = new float[nx * ny];
            ArlPacking.unpack(ByteBuffer.wrap(b, 3, b.length - 3).slice(), 10, nx, ny, nexp, var1, viaSlice, 0);
            // the same sums with values of columns 2.. below a precision read as zero, from an array
            // and from a direct buffer (rows summed together, remainder rows alone: ny is random)
            float precision = Math.abs(expected[rnd.nextInt(expected.length)]);
            float[] zeroedArray = new float[nx * ny];
            ArlPacking.unpack(b, 13, nx, ny, nexp, var1, precision, zeroedArray, 0);
            ArlFileTest.assertReadIsExactWithPrecisionZeros(zeroedArray, expected, nx, precision);
            float[] zeroedDirect = new float[nx * ny];
            ArlPacking.unpack(direct, 13, nx, ny, nexp, var1, precision, zeroedDirect, 0);
            ArlFileTest.assertReadIsExactWithPrecisionZeros(zeroedDirect, expected, nx, precision);
            for (int k = 0; k < expected.length; k++) {
                assertEquals(Float.floatToRawIntBits(expected[k]), Float.floatToRawIntBits(viaReadOnly[k]), "read-only " + k);
                assertEquals(Float.floatToRawIntBits(expected[k]), Float.floatToRawIntBits(viaSlice[k]), "slice " + k);
                assertEquals(Float.floatToRawIntBits(expected[k]), Float.floatToRawIntBits(viaArray[5 + k]), "array " + k);
                assertEquals(Float.floatToRawIntBits(expected[k]), Float.floatToRawIntBits(viaDirect[k]), "direct " + k);
            }
        }
    }

    @Test
    void unpackOfEveryRealRecordIsBitIdenticalToTheSpecificationLoop() {
        for (String name : new String[] {"20190530_00-05_hrrr", "20190530_06-11_hrrr"}) {
            ArlFile f = ArlFile.open(MetReference.hrrr(name));
            for (ArlPeriod p : f.periods()) {
                for (ArlRecord r : p.records()) {
                    ArlLabel l = r.label();
                    float[] expected = referenceUnpack(f.packedBytes(p, l.variable(), l.level()), 0, 59, 41,
                            l.exponent(), l.firstValue());
                    float[] actual = new float[expected.length];
                    f.readExact(p, l.variable(), l.level(), actual, 0);
                    for (int k = 0; k < expected.length; k++) {
                        assertEquals(Float.floatToRawIntBits(expected[k]), Float.floatToRawIntBits(actual[k]),
                                name + " record " + r.recordNumber() + " point " + k);
                    }
                    // as HYSPLIT reads it: columns 2.. below the label's precision are exact zeros
                    ArlFileTest.assertReadIsExactWithPrecisionZeros(f.read(p, l.variable(), l.level()), expected, 59,
                            l.precision());
                }
            }
        }
    }

    @Test
    void checksumHasEndAroundCarry() {
        assertEquals(0, ArlPacking.checksum(new byte[0], 0, 0));
        assertEquals(255, ArlPacking.checksum(new byte[] {(byte) 255}, 0, 1));
        assertEquals(1, ArlPacking.checksum(new byte[] {(byte) 255, 1}, 0, 2));
        assertEquals(2, ArlPacking.checksum(new byte[] {(byte) 200, 57}, 0, 2));
        byte[] b = new byte[1000];
        new Random(3).nextBytes(b);
        long sum = 0;
        for (byte x : b) {
            sum += x & 0xff;
        }
        assertEquals((int) ((sum - 1) % 255 + 1), ArlPacking.checksum(b, 0, b.length));
        assertEquals(ArlPacking.checksum(b, 0, b.length), ArlPacking.checksum(ByteBuffer.wrap(b), 0, b.length));
    }
}
