package org.stilt.cli;

import java.io.PrintWriter;

import org.stilt.core.StiltException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one clear line on stderr and a named exit code; the stack trace is
 * printed only with {@code --verbose}.
 *
 * <p>Thread-safety: stateless apart from the verbose flag set once at start-up; one per process.
 */
final class ExceptionHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private final boolean verbose;

    ExceptionHandler(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandName() + ": error: " + oneLine(ex));
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return exitCode(ex);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage()
                + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** The exit code for an exception thrown by a subcommand. */
    static int exitCode(Throwable ex) {
        if (ex instanceof StiltException se) {
            return switch (se.kind()) {
                case INVALID_INPUT -> ExitCodes.INVALID_INPUT;
                case INPUT_UNREADABLE -> ExitCodes.INPUT_UNREADABLE;
                case OUTPUT_FAILED -> ExitCodes.OUTPUT_FAILED;
                case NATIVE_UNAVAILABLE -> ExitCodes.NATIVE_UNAVAILABLE;
                case KERNEL_FAILED -> ExitCodes.KERNEL_FAILED;
                case MET_UNAVAILABLE -> ExitCodes.MET_UNAVAILABLE;
                case REGISTRY_UNAVAILABLE -> ExitCodes.REGISTRY_UNAVAILABLE;
                case CANCELLED -> ExitCodes.INTERRUPTED;
                case SCHEDULER_FAILED -> ExitCodes.SCHEDULER_FAILED;
                case INTERNAL -> ExitCodes.INTERNAL;
            };
        }
        if (ex instanceof IllegalArgumentException) {
            return ExitCodes.INVALID_INPUT;
        }
        return ExitCodes.INTERNAL;
    }

    private static String oneLine(Throwable ex) {
        String msg = ex.getMessage();
        if (!(ex instanceof StiltException) && !(ex instanceof IllegalArgumentException)) {
            msg = "internal error (" + ex.getClass().getSimpleName() + "): " + msg
                    + "; please report it with the output of --verbose";
        }
        return msg == null ? ex.getClass().getSimpleName() : msg.replace('\n', ' ');
    }
}
