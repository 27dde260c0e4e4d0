package org.stilt.cli;

import picocli.CommandLine.Command;

/**
 * {@code stilt slurm}: the SLURM backend's commands, until {@code stilt run --backend slurm} delegates
 * to {@link SlurmBackend} ({@code docs/hpc.md}).
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "slurm", mixinStandardHelpOptions = true,
        description = "Run a project's simulations as a SLURM job array of pull workers (docs/hpc.md).",
        subcommands = {SlurmSubmitCommand.class})
final class SlurmCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
