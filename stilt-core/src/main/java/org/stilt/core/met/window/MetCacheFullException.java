package org.stilt.core.met.window;

import org.stilt.core.StiltException;

/**
 * A {@link MetFrameCache} cannot take a new frame: its budget minus the frames in use (leased or
 * being built) is smaller than the frame. The message gives every figure and how to raise the
 * budget ({@value MetFrameCache#BUDGET_PROPERTY}).
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public class MetCacheFullException extends StiltException {

    private static final long serialVersionUID = 1L;

    private final long requestedBytes;
    private final long budgetBytes;
    private final long leasedBytes;

    public MetCacheFullException(long requestedBytes, long budgetBytes, long leasedBytes, int leasedFrames) {
        super(Kind.INVALID_INPUT, "met frame cache full: a frame of " + requestedBytes + " bytes does not fit the budget of "
                + budgetBytes + " bytes " + (requestedBytes > budgetBytes ? "(it is larger than the whole budget; "
                        + leasedFrames + " frame(s) of " + leasedBytes + " bytes are in use)"
                        : "because " + leasedFrames + " frame(s) of " + leasedBytes
                                + " bytes in total are in use (leased or being built) and cannot be evicted")
                + "; raise the budget with -D"
                + MetFrameCache.BUDGET_PROPERTY + "=BYTES (and -XX:MaxDirectMemorySize), use a smaller met region,"
                + " or run fewer simulations at once");
        this.requestedBytes = requestedBytes;
        this.budgetBytes = budgetBytes;
        this.leasedBytes = leasedBytes;
    }

    /** Size of the frame that did not fit. */
    public long requestedBytes() {
        return requestedBytes;
    }

    /** The cache's budget. */
    public long budgetBytes() {
        return budgetBytes;
    }

    /** Bytes held by frames in use. */
    public long leasedBytes() {
        return leasedBytes;
    }
}
