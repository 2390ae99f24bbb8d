package dev.pipetune.app.cli;

import dev.pipetune.engine.io.AtomicFile;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineWriter;
import dev.pipetune.profiler.export.BundledModel;
import dev.pipetune.profiler.export.ExportException;
import dev.pipetune.profiler.export.RayExportOptions;
import dev.pipetune.profiler.export.RayScript;
import dev.pipetune.profiler.export.RayScriptGenerator;
import dev.pipetune.profiler.export.RayVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pipetune export PIPELINE --to yaml|json|ray [-o FILE] [--ray-version 2.x] [--set STEP.KEY=VALUE]...}: writes
 * the pipeline, with the overrides applied, as a canonical pipeline file (YAML or JSON) or as a runnable Ray Data
 * Python script. Without {@code -o} the result goes to standard output; with it the file is written atomically, and a
 * script that loads a model pipetune ships (all-MiniLM-L6-v2) gets the model's files in
 * {@value BundledModel#FOLDER}/ beside it.
 * Exit codes: 0 success, 2 an invalid pipeline file, override or option, 1 a pipeline that cannot be exported (the
 * message names the step) or a file that cannot be written.
 */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        description = "Export a pipeline as a pipeline file (YAML, JSON) or a Ray Data script.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the export succeeded",
            "1:the pipeline cannot be exported to that target, or the output cannot be written",
            "2:the pipeline file or an option is invalid"})
public final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline file (YAML or JSON).")
    private Path file;

    @Option(names = "--to", required = true, paramLabel = "yaml|json|ray",
            description = "yaml or json: a canonical pipeline file; ray: a Ray Data Python script.")
    private String target;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here (default: standard output).")
    private Path output;

    @Option(names = "--ray-version", paramLabel = "2.x",
            description = "The Ray release the script targets, 2.10 or later (default: ${DEFAULT-VALUE}).")
    private String rayVersion = RayVersion.DEFAULT.toString();

    @Option(names = "--set", paramLabel = "STEP.KEY=VALUE",
            description = "Override a value before exporting, as for run (e.g. --set transform.batch_size=4096).")
    private List<String> overrides = new ArrayList<>();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!List.of("yaml", "json", "ray").contains(target)) {
            err.println("pipetune export: --to must be yaml, json or ray, got '" + target + "'");
            return PipetuneCommand.INVALID;
        }
        RayVersion version;
        try {
            version = RayVersion.parse(rayVersion);
        } catch (IllegalArgumentException unsupported) {
            err.println("pipetune export: --ray-version " + unsupported.getMessage());
            return PipetuneCommand.INVALID;
        }
        Optional<Pipeline> read = PipelineArguments.read("pipetune export", file, overrides, err);
        if (read.isEmpty()) {
            return PipetuneCommand.INVALID;
        }
        Pipeline pipeline = read.get();
        String text;
        Set<BundledModel> models = Set.of();
        try {
            text = switch (target) {
                case "yaml" -> new PipelineWriter().write(pipeline, PipelineFormat.YAML, comment());
                case "json" -> new PipelineWriter().write(pipeline, PipelineFormat.JSON, List.of());
                default -> {
                    RayScript script = script(pipeline, version, err);
                    models = script.bundledModels();
                    yield script.text();
                }
            };
        } catch (ExportException cannotExport) {
            err.println(file + ": cannot export to Ray: " + cannotExport.getMessage());
            return PipetuneCommand.FAILURE;
        }
        if (output == null) {
            out.print(text);
            out.flush();
            for (BundledModel model : models) {
                err.println("note: standard output gets the script only; export with -o SCRIPT.py to write "
                        + model.modelName() + "'s files to " + BundledModel.FOLDER + "/ beside it");
            }
            return PipetuneCommand.SUCCESS;
        }
        Path written = output;
        try {
            AtomicFile.writeString(output, text);
            err.println("wrote " + output);
            for (BundledModel model : models) {
                written = model.writeInto(output.toAbsolutePath().resolveSibling(BundledModel.FOLDER));
                err.println("wrote " + written + " (" + model.modelName() + "'s model files)");
            }
        } catch (IOException unwritable) {
            err.println("pipetune export: cannot write " + written + ": " + unwritable.getMessage());
            return PipetuneCommand.FAILURE;
        }
        return PipetuneCommand.SUCCESS;
    }

    private RayScript script(Pipeline pipeline, RayVersion version, PrintWriter err) throws ExportException {
        Path folder = file.toAbsolutePath().getParent();
        RayScript script = new RayScriptGenerator().generate(pipeline, new RayExportOptions(version, source(),
                "pipetune " + VersionProvider.version(), folder == null ? Path.of("") : folder));
        for (String note : script.notes()) {
            err.println("note: " + note);
        }
        return script;
    }

    private List<String> comment() {
        return List.of("Exported by pipetune " + VersionProvider.version() + " from " + source() + ".",
                "Canonical form: every context setting written, options in the documentation's order.");
    }

    private String source() {
        return overrides.isEmpty() ? file.toString() : file + " with --set " + String.join(" --set ", overrides);
    }
}
