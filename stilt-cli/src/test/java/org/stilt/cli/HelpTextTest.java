package org.stilt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command's help renders cleanly: picocli formats help texts with {@code String.format}, so
 * a bare {@code %} (e.g. "sigzierr (%)") made {@code stilt trajectory --help} print
 * "[picocli WARN] Could not format ..." to stderr. picocli's warnings go to the process's stderr
 * as it was when picocli loaded, so the usage messages of all commands are rendered in a child
 * JVM ({@link RenderAll}) whose output is checked.
 *
 * <p>Thread-safety: JUnit creates one instance per test method; not shared.
 */
class HelpTextTest {

    @TempDir
    Path dir;

    /** Renders every command's usage message; prints how many. */
    static final class RenderAll {
        public static void main(String[] args) {
            List<CommandLine> all = new ArrayList<>();
            collect(new CommandLine(new StiltCommand()), all);
            for (CommandLine cl : all) {
                if (cl.getUsageMessage(CommandLine.Help.Ansi.OFF).isBlank()) {
                    throw new IllegalStateException("empty help of " + cl.getCommandName());
                }
            }
            System.out.println("rendered " + all.size());
        }

        private static void collect(CommandLine cl, List<CommandLine> all) {
            all.add(cl);
            for (CommandLine sub : cl.getSubcommands().values()) {
                collect(sub, all);
            }
        }
    }

    @Test
    void everyCommandsHelpRendersWithoutWarnings() throws IOException, InterruptedException {
        Path log = dir.resolve("help.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RenderAll.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "rendering the help texts timed out");
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.matches("(?s).*rendered [2-9][0-9].*"), out);
        assertFalse(out.contains("WARN"), out);
    }
}
