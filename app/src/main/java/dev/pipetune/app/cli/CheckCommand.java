package dev.pipetune.app.cli;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.pipeline.InvalidPipelineException;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.engine.pipeline.PipelineProblem;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.engine.io.AtomicFile;
import dev.pipetune.profiler.checklist.ChecklistItemDefinition;
import dev.pipetune.profiler.checklist.Checklists;
import dev.pipetune.profiler.checklist.Confirmation;
import dev.pipetune.profiler.checklist.ConfirmationStore;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.recording.RecordingFiles;
import dev.pipetune.profiler.report.CheckReport;
import dev.pipetune.profiler.report.ReportFormat;
import dev.pipetune.profiler.rules.Baseline;
import dev.pipetune.profiler.rules.RuleContext;
import dev.pipetune.profiler.rules.Rules;
import dev.pipetune.profiler.rules.RunMeasures;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pipetune check RECORDING}: judges a recorded run with the rules, and prints the success metrics, the findings
 * and the pre-deployment checklist. Exits 0 when no rule found a WARNING, 3 when one did (so that it can gate CI), 1
 * when the recording cannot be read, 2 for an invalid {@code --pipeline} file, confirmation or usage.
 *
 * <p>Recordings are read through a {@link RecordingLoader}; {@link #defaultLoader()} is the one the command line uses.
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Check a recorded run: success metrics, findings with fixes, and the pre-deployment checklist.",
            "Checklist items a recording cannot show need a person's confirmation (--confirm), kept in a JSON file "
                    + "next to the pipeline (or the recording)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no warnings", "1:the recording cannot be read", "2:invalid pipeline file, confirmation "
                + "or usage", "3:a rule found a warning"})
public final class CheckCommand implements Callable<Integer> {

    /** Exit code when a rule found a WARNING. */
    public static final int WARNINGS = 3;

    /** Reads a recording file. */
    @FunctionalInterface
    public interface RecordingLoader {
        /**
         * Reads a recording.
         *
         * @param file the recording file
         * @return the recording
         * @throws IOException when the file cannot be read or is not a recording; the message says why
         */
        Recording load(Path file) throws IOException;
    }

    @Parameters(index = "0", paramLabel = "RECORDING", description = "A recording (.ptrec) of a run.")
    private Path recordingFile;

    @Option(names = "--pipeline", paramLabel = "FILE",
            description = "The pipeline file the run used, instead of the copy in the recording (the recording's "
                    + "--set overrides are applied to it).")
    private Path pipelineFile;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = FormatConverter.class,
            description = "text, json, md or html (default: ${DEFAULT-VALUE}).")
    private ReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE, not stdout.")
    private Path output;

    @Option(names = "--baseline", paramLabel = "RECORDING",
            description = "A recording whose throughput is the baseline.")
    private Path baselineFile;

    @Option(names = "--baseline-rows-per-second", paramLabel = "ROWS",
            description = "The baseline throughput in rows per second.")
    private Double baselineRowsPerSecond;

    @Option(names = "--confirmations", paramLabel = "FILE",
            description = "The checklist confirmations file (default: PIPELINE.checklist.json next to --pipeline, "
                    + "else next to the recording).")
    private Path confirmationsFile;

    @Option(names = "--confirm", paramLabel = "ITEM=NOTE",
            description = "Confirm a checklist item with a note, dated today, and save it before checking; "
                    + "repeatable. ITEM is an id such as data-quality.input-validation.")
    private List<String> confirm = List.of();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final RecordingLoader loader;
    private final Clock clock;

    /** Creates the command with the {@link #defaultLoader()} and the system clock. */
    public CheckCommand() {
        this(defaultLoader(), Clock.systemDefaultZone());
    }

    /**
     * Creates the command with another loader and clock (tests).
     *
     * @param loader reads recordings
     * @param clock dates confirmations
     */
    CheckCommand(RecordingLoader loader, Clock clock) {
        this.loader = requireNonNull(loader, "loader");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Returns the loader the command line reads recordings with: {@link RecordingFiles#read(Path)}.
     *
     * @return the loader
     */
    static RecordingLoader defaultLoader() {
        return RecordingFiles::read;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return check(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int check(PrintWriter out, PrintWriter err) throws IOException {
        if (baselineFile != null && baselineRowsPerSecond != null) {
            err.println("pipetune check: give --baseline or --baseline-rows-per-second, not both");
            return PipetuneCommand.INVALID;
        }
        Recording recording;
        Optional<Baseline> baseline;
        try {
            recording = loader.load(recordingFile);
            baseline = baseline();
        } catch (IOException | RuntimeException unreadable) {
            err.println("pipetune check: " + message(unreadable));
            return PipetuneCommand.FAILURE;
        }
        RuleContext context;
        if (pipelineFile != null) {
            try {
                List<PipelineOverride> overrides = recording.pipeline().overrides().stream()
                        .map(PipelineOverride::parse).toList();
                Pipeline pipeline = new PipelineReader().read(pipelineFile, overrides);
                context = RuleContext.of(recording, pipeline, baseline);
            } catch (InvalidPipelineException invalid) {
                for (PipelineProblem problem : invalid.problems()) {
                    err.println(pipelineFile + ": " + problem);
                }
                return PipetuneCommand.INVALID;
            }
        } else {
            context = RuleContext.of(recording, baseline);
        }
        Path storeFile = confirmationsFile != null ? confirmationsFile
                : ConfirmationStore.defaultFileFor(pipelineFile != null ? pipelineFile : recordingFile);
        ConfirmationStore store;
        try {
            store = ConfirmationStore.read(storeFile);
        } catch (IOException invalid) {
            err.println("pipetune check: " + invalid.getMessage());
            return PipetuneCommand.INVALID;
        }
        List<ChecklistItemDefinition> checklist = Checklists.preDeployment();
        if (!confirm.isEmpty()) {
            Optional<String> problem = addConfirmations(store, checklist);
            if (problem.isPresent()) {
                err.println("pipetune check: " + problem.get());
                return PipetuneCommand.INVALID;
            }
            store.write(storeFile);
            err.println("pipetune check: saved " + confirm.size() + " confirmation(s) to " + storeFile);
        }
        CheckReport report = CheckReport.create(context, Rules.load(), checklist, store);
        StringBuilder text = new StringBuilder();
        format.writer().write(report, text);
        if (output == null) {
            out.print(text);
        } else {
            AtomicFile.writeString(output, text.toString());
            err.println("pipetune check: wrote " + format.optionName() + " report to " + output);
        }
        return report.hasWarnings() ? WARNINGS : PipetuneCommand.SUCCESS;
    }

    private Optional<Baseline> baseline() throws IOException {
        if (baselineRowsPerSecond != null) {
            return Optional.of(new Baseline(baselineRowsPerSecond, "--baseline-rows-per-second"));
        }
        if (baselineFile == null) {
            return Optional.empty();
        }
        Recording earlier = loader.load(baselineFile);
        Path name = baselineFile.getFileName();
        return Optional.of(RunMeasures.baselineOf(earlier, name == null ? baselineFile.toString() : name.toString())
                .orElseThrow(() -> new IOException("baseline " + baselineFile + " has no throughput (no rows or no "
                        + "duration)")));
    }

    private Optional<String> addConfirmations(ConfirmationStore store, List<ChecklistItemDefinition> checklist) {
        LocalDate today = LocalDate.now(clock);
        for (String entry : confirm) {
            int equals = entry.indexOf('=');
            String item = equals < 0 ? entry : entry.substring(0, equals).strip();
            String note = equals < 0 ? "" : entry.substring(equals + 1).strip();
            if (checklist.stream().noneMatch(definition -> definition.id().equals(item))) {
                return Optional.of("--confirm " + entry + ": no checklist item '" + item + "'; items are "
                        + checklist.stream().map(ChecklistItemDefinition::id).collect(Collectors.joining(", ")));
            }
            if (note.isEmpty()) {
                return Optional.of("--confirm " + entry + ": needs ITEM=NOTE with a note saying what was checked");
            }
            store.confirm(new Confirmation(item, note, today));
        }
        return Optional.empty();
    }

    private static String message(Exception failure) {
        return failure.getMessage() == null ? failure.toString() : failure.getMessage();
    }

    /** Converts {@code --format} values, ignoring case. */
    static final class FormatConverter implements CommandLine.ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            try {
                return ReportFormat.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw new CommandLine.TypeConversionException("expected text, json, md or html, got '" + value + "'");
            }
        }
    }
}
