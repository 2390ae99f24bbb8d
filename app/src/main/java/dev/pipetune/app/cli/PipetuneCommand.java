package dev.pipetune.app.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code pipetune} command and its subcommands. {@link #newCommandLine} builds the picocli command line with
 * pipetune's exit codes: 0 for success, 2 for an invalid pipeline file or bad usage, 1 for anything else that
 * fails, reported in one line without a stack trace.
 */
@Command(name = "pipetune",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Profile and tune Ray Data style batch pipelines.",
        subcommands = {RunCommand.class, ValidateCommand.class, SampleDataCommand.class, BenchCommand.class,
            CheckCommand.class, CompareCommand.class, ExportCommand.class, TuneCommand.class,
            CommandLine.HelpCommand.class})
public final class PipetuneCommand implements Runnable {

    /** Exit code of a successful command. */
    public static final int SUCCESS = 0;
    /** Exit code of a command that failed while working. */
    public static final int FAILURE = 1;
    /** Exit code of an invalid pipeline file or bad usage. */
    public static final int INVALID = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Builds the command line, writing normal output to {@code out} and problems to {@code err}.
     *
     * @param out where results go
     * @param err where errors go
     * @return the command line, ready to {@link CommandLine#execute execute}
     */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new PipetuneCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            failed.getErr().println("pipetune: " + failed.getCommandName() + " failed: " + exception);
            failed.getErr().flush();
            return FAILURE;
        });
        return commandLine;
    }
}
