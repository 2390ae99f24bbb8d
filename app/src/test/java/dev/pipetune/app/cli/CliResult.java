package dev.pipetune.app.cli;

import dev.pipetune.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * What one in-process run of the command line printed and returned.
 *
 * @param exitCode the exit code
 * @param out standard output
 * @param err standard error
 */
record CliResult(int exitCode, String out, String err) {

    /** Runs {@code pipetune} with the arguments, in this JVM, capturing its output. */
    static CliResult run(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Main.run(arguments, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliResult(exitCode, out.toString(), err.toString());
    }
}
