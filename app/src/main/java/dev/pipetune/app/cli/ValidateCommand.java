package dev.pipetune.app.cli;

import dev.pipetune.app.run.MachineResources;
import dev.pipetune.engine.pipeline.GpuCheck;
import dev.pipetune.engine.pipeline.InputCheck;
import dev.pipetune.engine.pipeline.InvalidPipelineException;
import dev.pipetune.engine.pipeline.PathExpander;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineProblem;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.engine.pipeline.SettingsCheck;
import dev.pipetune.engine.pipeline.Step;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code pipetune validate FILE...}: checks pipeline files without running them. A valid file gets one summary
 * line (and a warning per input that does not exist yet); an invalid one gets one line per problem, each naming
 * its place in the file. Exits 0 when every file is valid, 2 otherwise.
 */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Check pipeline files without running them.",
            "Prints a summary for each valid file and one line per problem, naming its place, for each invalid one."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file is valid", "2:a file is invalid or cannot be read"})
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PIPELINE", description = "Pipeline files (YAML or JSON).")
    private List<Path> files;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PipelineReader reader = new PipelineReader();
        int exitCode = PipetuneCommand.SUCCESS;
        Integer detectedGpus = null;
        for (Path file : files) {
            try {
                Pipeline pipeline = reader.read(file);
                if (detectedGpus == null && usesGpus(pipeline)) {
                    detectedGpus = MachineResources.detect().gpus();
                }
                List<PipelineProblem> gpuProblems = GpuCheck.check(pipeline, detectedGpus == null ? 0 : detectedGpus);
                if (!gpuProblems.isEmpty()) {
                    throw new InvalidPipelineException(file.toString(), gpuProblems);
                }
                out.println(file + ": " + summary(pipeline));
                for (PipelineProblem warning : InputCheck.check(pipeline, PathExpander.forFile(file))) {
                    out.println(file + ": warning: " + warning);
                }
                for (PipelineProblem warning : SettingsCheck.check(pipeline)) {
                    out.println(file + ": warning: " + warning);
                }
            } catch (InvalidPipelineException invalid) {
                for (PipelineProblem problem : invalid.problems()) {
                    err.println(file + ": " + problem);
                }
                exitCode = PipetuneCommand.INVALID;
            }
        }
        out.flush();
        err.flush();
        return exitCode;
    }

    /** Whether a step asks for GPUs: only then is the machine's GPU count needed (NVML takes a moment to load). */
    private static boolean usesGpus(Pipeline pipeline) {
        return !GpuCheck.check(pipeline, 0).isEmpty();
    }

    private static String summary(Pipeline pipeline) {
        List<Step> steps = pipeline.steps();
        String flow = steps.stream().map(step -> step.kind().fileName()).collect(Collectors.joining(" -> "));
        return "valid pipeline '" + pipeline.name() + "' with " + steps.size()
                + (steps.size() == 1 ? " step: " : " steps: ") + flow;
    }
}
