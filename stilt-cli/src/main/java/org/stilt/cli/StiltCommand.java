package org.stilt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code stilt} command: the composition root that wires kernels, outputs and executors.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "stilt", mixinStandardHelpOptions = true,
        description = "STILT: Stochastic Time-Inverted Lagrangian Transport.")
public final class StiltCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new StiltCommand()).execute(args));
    }
}
