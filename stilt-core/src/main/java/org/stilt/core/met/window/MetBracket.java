package org.stilt.core.met.window;

import java.time.Instant;
import java.util.Objects;

import org.stilt.core.InvalidInputException;

/**
 * The two frames bracketing a time and the weight of the later one for linear interpolation in
 * time: {@code value(t) = (1 − weightAfter)·before + weightAfter·after}. At an exact valid time
 * the bracket is the one the run continues in (see {@link MetWindow#bracket}); when the window has
 * a single valid time both frames are the same and the weight is 0.
 *
 * @param time        the time asked for
 * @param before      frame valid at or before {@code time}
 * @param after       frame valid at or after {@code time}
 * @param weightAfter {@code (time − before) / (after − before)}, 0..1
 *
 * <p>Thread-safety: immutable value; the frames are valid while the window that returned it
 * holds them (until it is closed, grown or releases them).
 */
public record MetBracket(Instant time, MetFrame before, MetFrame after, double weightAfter) {
    public MetBracket {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (!(weightAfter >= 0.0 && weightAfter <= 1.0)) {
            throw new InvalidInputException("bracket weight " + weightAfter + "; expected 0..1");
        }
    }

    /** Valid time of {@link #before}. */
    public Instant beforeTime() {
        return before.layout().validTime();
    }

    /** Valid time of {@link #after}. */
    public Instant afterTime() {
        return after.layout().validTime();
    }
}
