package org.stilt.core.footprint;

/**
 * The outcome of a footprint calculation: a {@link Footprint} grid, or an {@link EmptyFootprint}
 * when no particle row with {@code foot > 0} falls inside the (buffered) domain. R-STILT returns
 * NULL and writes nothing in the empty case; callers here record it as "complete, empty".
 *
 * <p>Thread-safety: implementations are immutable values.
 */
public sealed interface FootprintResult permits Footprint, EmptyFootprint {

    /** True for {@link EmptyFootprint}. */
    default boolean isEmpty() {
        return this instanceof EmptyFootprint;
    }
}
