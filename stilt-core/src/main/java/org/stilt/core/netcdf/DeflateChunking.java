package org.stilt.core.netcdf;

import java.util.Set;

import ucar.nc2.Variable;
import ucar.nc2.write.Nc4Chunking;

/**
 * The chunking and compression policy of every NetCDF-4 file stilt-java writes: data variables are chunked
 * (about {@value #TARGET_CHUNK_BYTES} bytes per chunk, filled from the fastest-varying dimension, so a footprint
 * layer of up to 512 × 512 floats is one chunk) and compressed with deflate plus the byte-shuffle filter;
 * coordinate variables and scalars are stored contiguously, as R-STILT does.
 *
 * <p>Thread-safety: immutable; safe to share.
 */
public final class DeflateChunking implements Nc4Chunking {

    /** Deflate level used by default: a good size/speed compromise for footprints and particle tables. */
    public static final int DEFAULT_DEFLATE_LEVEL = 4;
    /** Upper bound of one chunk in bytes (1 MiB). */
    public static final int TARGET_CHUNK_BYTES = 1 << 20;

    private final int deflateLevel;
    private final boolean shuffle;
    private final int chunkBytes;
    private final Set<String> unshuffled;

    /**
     * @param deflateLevel 1 (fastest) to 9 (smallest)
     * @param shuffle      whether to apply the byte-shuffle filter before deflate
     */
    public DeflateChunking(int deflateLevel, boolean shuffle) {
        this(deflateLevel, shuffle, TARGET_CHUNK_BYTES);
    }

    /**
     * @param deflateLevel 1 (fastest) to 9 (smallest)
     * @param shuffle      whether to apply the byte-shuffle filter before deflate
     * @param chunkBytes   upper bound of one chunk in bytes (at least one element)
     */
    public DeflateChunking(int deflateLevel, boolean shuffle, int chunkBytes) {
        if (deflateLevel < 1 || deflateLevel > 9) {
            throw new IllegalArgumentException("deflate level must be 1..9 (got " + deflateLevel + ")");
        }
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunk size must be > 0 bytes (got " + chunkBytes + ")");
        }
        this.deflateLevel = deflateLevel;
        this.shuffle = shuffle;
        this.chunkBytes = chunkBytes;
        this.unshuffled = Set.of();
    }

    private DeflateChunking(DeflateChunking base, Set<String> unshuffled) {
        this.deflateLevel = base.deflateLevel;
        this.shuffle = base.shuffle;
        this.chunkBytes = base.chunkBytes;
        this.unshuffled = Set.copyOf(unshuffled);
    }

    /** This policy, except that the named variables (full names) are compressed without the shuffle filter. */
    public DeflateChunking withoutShuffle(Set<String> variableNames) {
        return new DeflateChunking(this, variableNames);
    }

    /** Deflate level {@value #DEFAULT_DEFLATE_LEVEL} with shuffle. */
    public static DeflateChunking standard() {
        return new DeflateChunking(DEFAULT_DEFLATE_LEVEL, true);
    }

    @Override
    public boolean isChunked(Variable v) {
        // unlimited dimensions require chunking; coordinate variables are small and read whole
        return v.getRank() > 0 && (v.isUnlimited() || !v.isCoordinateVariable());
    }

    @Override
    public long[] computeChunking(Variable v) {
        return chunkShape(v.getShape(), v.getElementSize(), chunkBytes);
    }

    /** The chunk shape for a variable of this shape and element size. */
    static long[] chunkShape(int[] shape, int elementSize, int chunkBytes) {
        long[] chunk = new long[shape.length];
        long budget = Math.max(1, chunkBytes / Math.max(1, elementSize));
        long product = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            long extent = Math.max(1, shape[i]);
            long room = Math.max(1, budget / product);
            chunk[i] = Math.min(extent, room);
            product *= chunk[i];
        }
        return chunk;
    }

    @Override
    public int getDeflateLevel(Variable v) {
        return deflateLevel;
    }

    @Override
    public boolean isShuffle(Variable v) {
        return shuffle && !unshuffled.contains(v.getFullName());
    }
}
