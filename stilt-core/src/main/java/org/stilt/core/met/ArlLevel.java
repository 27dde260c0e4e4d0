package org.stilt.core.met;

import java.util.List;

/**
 * One level of an ARL index: its coordinate value (σ, hPa, ... per {@link VerticalCoordinate}; the
 * surface level is level 0) and its variables in record order.
 *
 * @param value     the level's coordinate value as written (F6)
 * @param variables the variables stored at this level, in file order
 *
 * <p>Thread-safety: immutable value.
 */
public record ArlLevel(double value, List<ArlVariable> variables) {
    public ArlLevel {
        variables = List.copyOf(variables);
    }

    /** Position of {@code name} in this level's record order, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < variables.size(); i++) {
            if (variables.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
