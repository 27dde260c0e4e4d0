package org.stilt.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs the {@code stilt} command in-process and captures exit code, stdout and stderr.
 *
 * @param exitCode the command's exit code
 * @param out      what it printed on stdout
 * @param err      what it printed on stderr
 */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StiltCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Non-blank lines printed on stderr. */
    long errLines() {
        return err.lines().filter(l -> !l.isBlank()).count();
    }
}
