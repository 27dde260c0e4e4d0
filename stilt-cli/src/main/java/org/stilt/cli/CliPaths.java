package org.stilt.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the running CLI lives: its jar and, for a source checkout, the repository root.
 *
 * <p>Thread-safety: stateless.
 */
final class CliPaths {

    private CliPaths() {
    }

    /** The jar (or classes directory) this class was loaded from. */
    static Path codeSource() {
        try {
            return Path.of(CliPaths.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException e) {
            throw new IllegalStateException("cannot locate the stilt jar", e);
        }
    }

    /** The source checkout root (the directory holding the {@code stilt} launcher), or null. */
    static Path checkoutRoot() {
        Path p = codeSource().toAbsolutePath();
        for (int i = 0; i < 4 && p != null; i++) {
            p = p.getParent();
            if (p != null && Files.isRegularFile(p.resolve("stilt")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        return null;
    }

    /** The java executable running this process. */
    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
