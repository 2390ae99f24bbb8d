package dev.pipetune.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.recording.RecordingComparison;
import dev.pipetune.profiler.recording.RecordingComparison.MetricDelta;
import dev.pipetune.profiler.recording.RecordingComparison.OperatorComparison;
import dev.pipetune.profiler.recording.RecordingFiles;
import dev.pipetune.profiler.recording.RecordingFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pipetune compare BASELINE.ptrec CANDIDATE.ptrec [--format text|json]}: prints how the candidate run differs
 * from the baseline, for the run and for each operator both runs have (matched by name). Exit codes: 0 printed, 1 a
 * file that cannot be read as a recording.
 */
@Command(name = "compare",
        mixinStandardHelpOptions = true,
        description = "Compare two recordings (.ptrec): run-level and per-operator differences.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the comparison was printed", "1:a file cannot be read as a recording"})
public final class CompareCommand implements Callable<Integer> {

    /** The output formats. */
    enum Format { text, json }

    private static final String MISSING = "-";
    private static final double BYTES_PER_MEBIBYTE = 1024.0 * 1024.0;

    @Parameters(index = "0", paramLabel = "BASELINE", description = "The reference recording.")
    private Path baselineFile;

    @Parameters(index = "1", paramLabel = "CANDIDATE", description = "The recording compared with it.")
    private Path candidateFile;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json.")
    private Format format;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Recording baseline;
        Recording candidate;
        try {
            baseline = RecordingFiles.read(baselineFile);
            candidate = RecordingFiles.read(candidateFile);
        } catch (RecordingFormatException unreadable) {
            err.println("pipetune compare: " + unreadable.getMessage());
            return PipetuneCommand.FAILURE;
        } catch (NoSuchFileException missing) {
            err.println("pipetune compare: " + missing.getFile() + ": no such file");
            return PipetuneCommand.FAILURE;
        } catch (IOException unreadable) {
            err.println("pipetune compare: " + unreadable.getMessage());
            return PipetuneCommand.FAILURE;
        } finally {
            err.flush();
        }
        RecordingComparison comparison = RecordingComparison.of(baseline, candidate);
        if (format == Format.json) {
            out.println(json(comparison, baseline, candidate));
        } else {
            printText(comparison, baseline, candidate, out);
        }
        out.flush();
        return PipetuneCommand.SUCCESS;
    }

    private void printText(RecordingComparison comparison, Recording baseline, Recording candidate,
            PrintWriter out) {
        out.printf(Locale.ROOT, "baseline:  %s (%s, %s)%n", baselineFile, baseline.pipeline().fileName(),
                describe(baseline));
        out.printf(Locale.ROOT, "candidate: %s (%s, %s)%n", candidateFile, candidate.pipeline().fileName(),
                describe(candidate));
        out.println();
        printTable("run", comparison.run(), out);
        for (OperatorComparison operator : comparison.operators()) {
            out.println();
            printTable(operator.operator(), operator.metrics(), out);
        }
        if (!comparison.onlyInBaseline().isEmpty()) {
            out.println();
            out.println("only in the baseline: " + String.join(", ", comparison.onlyInBaseline()));
        }
        if (!comparison.onlyInCandidate().isEmpty()) {
            out.println();
            out.println("only in the candidate: " + String.join(", ", comparison.onlyInCandidate()));
        }
    }

    private static String describe(Recording recording) {
        String outcome = recording.run().outcome().name().toLowerCase(Locale.ROOT);
        return recording.complete() ? outcome : outcome + ": a partial recording, the run did not end";
    }

    private static void printTable(String title, List<MetricDelta> metrics, PrintWriter out) {
        out.println(title);
        out.printf(Locale.ROOT, "  %-18s %18s %18s %18s %9s%n", "", "baseline", "candidate", "change", "change%");
        for (MetricDelta metric : metrics) {
            out.printf(Locale.ROOT, "  %-18s %18s %18s %18s %9s%n", metric.name(),
                    value(metric.baseline(), metric.unit(), false), value(metric.candidate(), metric.unit(), false),
                    value(metric.change(), metric.unit(), true), percent(metric.relativeChange()));
        }
    }

    private static String value(double value, String unit, boolean signed) {
        if (!Double.isFinite(value)) {
            return MISSING;
        }
        String sign = signed ? "+" : "";
        return switch (unit) {
            case "s" -> String.format(Locale.ROOT, "%" + sign + ".3f s", value);
            case "ms" -> String.format(Locale.ROOT, "%" + sign + ".2f ms", value);
            case "rows" -> String.format(Locale.ROOT, "%" + sign + ".0f", value);
            case "rows/s" -> String.format(Locale.ROOT, "%" + sign + ".1f rows/s", value);
            case "bytes" -> String.format(Locale.ROOT, "%" + sign + ".1f MiB", value / BYTES_PER_MEBIBYTE);
            default -> String.format(Locale.ROOT, "%" + sign + ".3f %s", value, unit);
        };
    }

    private static String percent(double relative) {
        return Double.isFinite(relative) ? String.format(Locale.ROOT, "%+.1f%%", relative * 100) : MISSING;
    }

    private String json(RecordingComparison comparison, Recording baseline, Recording candidate) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.set("baseline", recording(mapper, baselineFile, baseline));
        root.set("candidate", recording(mapper, candidateFile, candidate));
        root.set("run", metrics(mapper, comparison.run()));
        ArrayNode operators = root.putArray("operators");
        for (OperatorComparison operator : comparison.operators()) {
            ObjectNode node = operators.addObject();
            node.put("name", operator.operator());
            node.set("metrics", metrics(mapper, operator.metrics()));
        }
        comparison.onlyInBaseline().forEach(root.putArray("only_in_baseline")::add);
        comparison.onlyInCandidate().forEach(root.putArray("only_in_candidate")::add);
        return mapper.writeValueAsString(root);
    }

    private static ObjectNode recording(ObjectMapper mapper, Path file, Recording recording) {
        ObjectNode node = mapper.createObjectNode();
        node.put("file", file.toString());
        node.put("pipeline", recording.pipeline().fileName());
        node.put("outcome", recording.run().outcome().name());
        node.put("complete", recording.complete());
        return node;
    }

    /** Each metric under its name: unit, baseline, candidate, change and relative_change (null where unknown). */
    private static ObjectNode metrics(ObjectMapper mapper, List<MetricDelta> metrics) {
        ObjectNode node = mapper.createObjectNode();
        for (MetricDelta metric : metrics) {
            ObjectNode entry = node.putObject(metric.name());
            entry.put("unit", metric.unit());
            number(entry, "baseline", metric.baseline());
            number(entry, "candidate", metric.candidate());
            number(entry, "change", metric.change());
            number(entry, "relative_change", metric.relativeChange());
        }
        return node;
    }

    private static void number(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }
}
