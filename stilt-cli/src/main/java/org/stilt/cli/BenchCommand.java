package org.stilt.cli;

import picocli.CommandLine.Command;

/**
 * {@code stilt bench}: benchmarks of the hot paths, each printing a ratio against a baseline
 * measured in the same run.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks of the hot paths (ratios against baselines measured in the same run).",
        subcommands = {BenchFootprintCommand.class, BenchSpreaderCommand.class, BenchMetUnpackCommand.class,
            BenchMetWindowCommand.class, BenchTransportCommand.class, BenchParticlesCommand.class,
            BenchRegistryCommand.class})
final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
