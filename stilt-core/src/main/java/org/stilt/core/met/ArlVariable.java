package org.stilt.core.met;

/**
 * One variable of a level in an ARL index: its 4-character name and the checksum of its packed
 * bytes (docs/met.md, "Checksum").
 *
 * @param name     four-character ARL name, e.g. {@code UWND}
 * @param checksum 0..255 as written in the index
 *
 * <p>Thread-safety: immutable value.
 */
public record ArlVariable(String name, int checksum) {
    public ArlVariable {
        if (name.length() != 4) {
            throw new IllegalArgumentException("ARL variable name '" + name + "' must have 4 characters");
        }
    }
}
