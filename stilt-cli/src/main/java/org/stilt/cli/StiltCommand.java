package org.stilt.cli;

import java.util.Arrays;

import org.stilt.core.EngineInfo;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code stilt} command: the composition root that wires kernels, outputs and executors.
 * Each subcommand is a thin layer over the same Java API a library user calls.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "stilt", mixinStandardHelpOptions = true, versionProvider = StiltCommand.Version.class,
        description = "STILT: Stochastic Time-Inverted Lagrangian Transport footprints.",
        subcommands = {InitCommand.class, ConfigCommand.class, RunCommand.class, FootprintCommand.class,
                PlotCommand.class, TrajectoryCommand.class,
                RegisterCommand.class, StatusCommand.class, RequeueCommand.class, PullWorkerCommand.class,
                SlurmCommand.class, ServeCommand.class, MetCommand.class, BenchCommand.class, DoctorCommand.class, CommandLine.HelpCommand.class})
public final class StiltCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns the exit code (used by tests and {@link #main}). */
    public static int execute(String[] args, java.io.PrintWriter out, java.io.PrintWriter err) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        ExceptionHandler handler = new ExceptionHandler(verbose);
        CommandLine cl = new CommandLine(new StiltCommand())
                .setExecutionExceptionHandler(handler)
                .setParameterExceptionHandler(handler);
        if (out != null) {
            cl.setOut(out);
        }
        if (err != null) {
            cl.setErr(err);
        }
        return cl.execute(args);
    }

    public static void main(String[] args) {
        System.exit(execute(args, null, null));
    }

    /** {@code stilt --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {EngineInfo.nameAndVersion(), "Java " + Runtime.version()};
        }
    }
}
