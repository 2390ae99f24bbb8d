package dev.pipetune.app;

import dev.pipetune.app.cli.PipetuneCommand;
import dev.pipetune.app.gui.BundledExamples;
import dev.pipetune.app.gui.PipetuneApplication;
import dev.pipetune.app.gui.Project;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Entry point of the {@code pipetune} launcher: with arguments it runs the command line, but for one existing
 * recording or pipeline file, which the workbench opens (as a desktop's file association passes it); without any it
 * opens the
 * workbench window on the project named by the system property {@code pipetune.project}, else {@code examples} under
 * the working directory, else (in an installed pipetune) the user's copy of the bundled examples.
 */
public final class Main {

    private Main() {
    }

    /**
     * Runs pipetune and exits with the command's exit code.
     *
     * @param arguments the command-line arguments
     */
    public static void main(String[] arguments) {
        MallocTuning.apply(System.getenv());
        String trainingData = System.getProperty(AOT_TRAINING_PROPERTY);
        if (trainingData != null && !trainingData.isBlank()) {
            runTrainingWorkloads(Path.of(trainingData), new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        }
        if (arguments.length == 0 || arguments.length == 1 && PipetuneApplication.opens(Path.of(arguments[0]))) {
            if (arguments.length == 1) {
                // A desktop's "open with" passes a recording or a pipeline file: the workbench opens it.
                System.setProperty(PipetuneApplication.OPEN_PROPERTY, Path.of(arguments[0]).toAbsolutePath()
                        .toString());
            }
            System.exit(openWorkbench(new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(arguments, out, err));
    }

    /**
     * The system property naming a folder of sample data (as {@code pipetune sample-data} writes it) on which the
     * native packages' ahead-of-time training run runs the reference workloads before opening the window, so that
     * the AOT cache holds the engine's classes and method profiles as well as the workbench's.
     */
    public static final String AOT_TRAINING_PROPERTY = "pipetune.aotTraining";

    /** Runs W1-W3 three times on the training data, their JSON lines discarded; a failure is only reported. */
    private static void runTrainingWorkloads(Path data, PrintWriter err) {
        int exitCode = run(new String[] {"bench", "--data", data.toString(), "--out",
            data.resolve("bench-out").toString(), "--reps", "3"}, new PrintWriter(Writer.nullWriter()), err);
        if (exitCode != PipetuneCommand.SUCCESS) {
            err.println("pipetune: the training workloads failed (exit code " + exitCode + ")");
        }
    }

    /** Opens the workbench and waits until its window closes; says why when it cannot open (e.g. no display). */
    private static int openWorkbench(PrintWriter err) {
        try {
            BundledExamples.chooseProjectFolder().ifPresent(folder -> System.setProperty(Project.PROJECT_PROPERTY,
                    folder.toString()));
        } catch (IOException cannotCopy) {
            err.println("pipetune: cannot copy the bundled examples to your home folder: " + cannotCopy.getMessage());
        }
        try {
            PipetuneApplication.launchWorkbench();
            return PipetuneCommand.SUCCESS;
        } catch (RuntimeException cannotOpen) {
            err.println("pipetune: cannot open the workbench window: " + cannotOpen.getMessage()
                    + "; the command line works without a display (pipetune --help)");
            return PipetuneCommand.FAILURE;
        }
    }

    /**
     * Runs the command line without exiting, for tests and embedders; without arguments it prints the help (the
     * workbench is opened only by {@link #main}).
     *
     * @param arguments the command-line arguments
     * @param out where results go
     * @param err where errors go
     * @return the exit code
     */
    public static int run(String[] arguments, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = PipetuneCommand.newCommandLine(out, err);
        if (arguments.length == 0) {
            commandLine.usage(out);
            out.flush();
            return PipetuneCommand.SUCCESS;
        }
        return commandLine.execute(arguments);
    }
}
