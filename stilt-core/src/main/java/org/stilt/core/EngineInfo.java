package org.stilt.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Facts about this build of the engine, for provenance attributes and {@code stilt --version}.
 *
 * <p>Thread-safety: stateless apart from an immutable value loaded once; safe to share.
 */
public final class EngineInfo {

    private static final String VERSION = loadVersion();

    private EngineInfo() {
    }

    /** The engine version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return VERSION;
    }

    /** Name and version as written into output files, e.g. {@code stilt-java 0.1.0}. */
    public static String nameAndVersion() {
        return "stilt-java " + VERSION;
    }

    private static String loadVersion() {
        try (InputStream in = EngineInfo.class.getResourceAsStream("/org/stilt/core/engine.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
