package org.stilt.core.rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.stilt.core.InvalidInputException;

/**
 * Philox4x32-10 against the Random123 known-answer vectors (file {@code kat_vectors} of the
 * Random123 distribution, lines {@code philox4x32 10}).
 *
 * <p>Thread-safety: JUnit creates one instance per test method; not shared.
 */
class Philox4x32Test {

    private static int[] block(int c0, int c1, int c2, int c3, int k0, int k1) {
        int[] out = new int[4];
        Philox4x32.block(c0, c1, c2, c3, k0, k1, out);
        return out;
    }

    @Test
    void zeros() {
        assertArrayEquals(new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}, block(0, 0, 0, 0, 0, 0));
    }

    @Test
    void allOnes() {
        assertArrayEquals(new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}, block(-1, -1, -1, -1, -1, -1));
    }

    @Test
    void piDigits() {
        assertArrayEquals(new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1},
                block(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0));
    }

    @Test
    void shortOutputIsRejected() {
        assertThrows(InvalidInputException.class, () -> Philox4x32.block(0, 0, 0, 0, 0, 0, new int[3]));
    }
}
