package org.stilt.cli;

import picocli.CommandLine.Command;

/**
 * {@code stilt met}: inspect, find and synthesise ARL meteorology files.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "met", mixinStandardHelpOptions = true,
        description = "Inspect, find and synthesise ARL meteorology files.",
        subcommands = {MetFindCommand.class, MetInfoCommand.class, MetSynthCommand.class})
final class MetCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
