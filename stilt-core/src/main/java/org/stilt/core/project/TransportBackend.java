package org.stilt.core.project;

import java.util.Locale;

import org.stilt.core.InvalidInputException;

/**
 * Which transport kernel moves the particles: the YAML key {@code transport}.
 *
 * <p>Thread-safety: immutable enum.
 */
public enum TransportBackend {
    /** Our Fortran kernel, called in-process (the default). */
    NATIVE("native"),
    /** The pure-Java reference kernel (no native library needed). */
    JAVA("java"),
    /** A user-supplied HYSPLIT {@code hycs_std} executable ({@code hysplit_exe}), driven as R-STILT does. */
    HYSPLIT_EXE("hysplit-exe");

    private final String key;

    TransportBackend(String key) {
        this.key = key;
    }

    /** The YAML spelling, e.g. {@code hysplit-exe}. */
    public String key() {
        return key;
    }

    /** The backend for a YAML value, or an error naming the accepted values. */
    public static TransportBackend ofKey(String value) {
        for (TransportBackend b : values()) {
            if (b.key.equals(value.toLowerCase(Locale.ROOT))) {
                return b;
            }
        }
        throw new InvalidInputException("transport is \"" + value + "\"; expected native, java or hysplit-exe");
    }
}
