package org.stilt.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the {@code stilt} command in a child JVM with this test JVM's class path (for commands that
 * need signals or their own environment: {@code serve}, {@code slurm submit}).
 *
 * <p>Thread-safety: stateless.
 */
final class ChildStilt {

    private ChildStilt() {
    }

    static Process start(Map<String, String> env, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                StiltCommand.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    static String classPathSeparator() {
        return File.pathSeparator;
    }
}
