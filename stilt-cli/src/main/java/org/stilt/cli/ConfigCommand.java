package org.stilt.cli;

import picocli.CommandLine.Command;

/**
 * {@code stilt config}: inspect a project's configuration.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Inspect a project's configuration.",
        subcommands = {ConfigCheckCommand.class})
final class ConfigCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
