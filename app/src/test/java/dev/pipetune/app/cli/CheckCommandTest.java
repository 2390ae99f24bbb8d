package dev.pipetune.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.profiler.checklist.ConfirmationStore;
import dev.pipetune.profiler.recording.Environment;
import dev.pipetune.profiler.recording.PipelineSource;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.recording.RunInfo;
import dev.pipetune.profiler.recording.SampleTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckCommandTest {

    private static final String PIPELINE = """
            name: etl
            context:
              eager_free: true
              enable_auto_log_stats: true
              max_errored_blocks: 2
            pipeline:
              - read_parquet:
                  name: read
                  paths: data/events
                  num_cpus: 0.025
              - write_parquet:
                  name: write
                  path: out/etl
                  num_cpus: 0.1
            """;

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T07:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path folder;

    private static Recording recording(RunInfo.RunOutcome outcome, String message) {
        OperatorMetrics read = new OperatorMetrics("ReadParquet(read)", 100, 0, 4, 0, 100, 0, 1_000_000, 0,
                800L << 20, 60_000_000_000L, 30_000_000_000L, 0, 0, 10, 11, 12, 0, 0, 0, 0, 0, true);
        OperatorMetrics write = new OperatorMetrics("Write(write)", 100, 0, 4, 100, 100, 1_000_000, 1_000_000,
                800L << 20, 800L << 20, 60_000_000_000L, 10_000_000_000L, 0, 0, 10, 11, 12, 0, 0, 0, 0, 0, true);
        return new Recording(Recording.FORMAT_VERSION, true, new PipelineSource("etl.yaml", PIPELINE, List.of()),
                new Environment("Test CPU", 8, 4, 16L << 30, List.of(), "no NVML", "Linux", "25", "0.1.0", "host"),
                new RunInfo(Instant.parse("2026-11-26T06:00:00Z"), 60_000, outcome, message, 8, 0, 1L << 30),
                SampleTable.empty(), List.of(), List.of(), List.of(read, write));
    }

    private CliResult check(Map<String, Recording> recordings, String... arguments) {
        CheckCommand.RecordingLoader loader = file -> {
            Recording found = recordings.get(file.getFileName().toString());
            if (found == null) {
                throw new NoSuchFileException(file.toString(), null, "no such recording");
            }
            return found;
        };
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new CheckCommand(loader, CLOCK));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(arguments);
        return new CliResult(exitCode, out.toString(), err.toString());
    }

    private String path(String name) {
        return folder.resolve(name).toString();
    }

    @Test
    void aRunWithoutWarningsExitsZeroAndPrintsTheReport() {
        CliResult result = check(Map.of("good.ptrec", recording(RunInfo.RunOutcome.SUCCEEDED, "")),
                path("good.ptrec"));
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("pipetune check: etl (etl.yaml)", "Success metrics", "Findings",
                "Pre-deployment checklist", "[ ] (needs confirmation) Input validation implemented");
    }

    @Test
    void aWarningExitsThreeSoThatCiFails() {
        CliResult result = check(Map.of("bad.ptrec", recording(RunInfo.RunOutcome.FAILED, "task failed: boom")),
                path("bad.ptrec"));
        assertThat(result.exitCode()).isEqualTo(CheckCommand.WARNINGS);
        assertThat(result.out()).contains("[WARN]", "the run failed: task failed: boom");
    }

    @Test
    void anUnreadableRecordingExitsOne() {
        CliResult result = check(Map.of(), path("absent.ptrec"));
        assertThat(result.exitCode()).isEqualTo(PipetuneCommand.FAILURE);
        assertThat(result.err()).contains("absent.ptrec");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void jsonGoesToAFileWithTheDocumentedSchema() throws IOException {
        Path report = folder.resolve("out").resolve("report.json");
        CliResult result = check(Map.of("good.ptrec", recording(RunInfo.RunOutcome.SUCCEEDED, "")),
                path("good.ptrec"), "--format", "JSON", "-o", report.toString(), "--baseline-rows-per-second",
                "1000");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEmpty();
        JsonNode root = new ObjectMapper().readTree(report.toFile());
        assertThat(root.get("schema").asText()).isEqualTo("pipetune-check-report");
        assertThat(root.get("baseline").get("rowsPerSecond").asDouble()).isEqualTo(1000);
        assertThat(root.get("verdict").get("passed").asBoolean()).isTrue();
        try (var files = Files.list(report.getParent())) {
            assertThat(files).containsExactly(report);
        }
    }

    @Test
    void aSlowerRunThanTheBaselineRecordingIsAWarning() {
        Recording fast = recording(RunInfo.RunOutcome.SUCCEEDED, "");
        Recording slow = new Recording(fast.formatVersion(), true, fast.pipeline(), fast.environment(),
                new RunInfo(fast.run().start(), 120_000, RunInfo.RunOutcome.SUCCEEDED, "", 8, 0, 1L << 30),
                fast.samples(), List.of(), List.of(), fast.finalOperators());
        CliResult result = check(Map.of("fast.ptrec", fast, "slow.ptrec", slow), path("slow.ptrec"),
                "--baseline", path("fast.ptrec"));
        assertThat(result.exitCode()).isEqualTo(CheckCommand.WARNINGS);
        assertThat(result.out()).contains("is 50% of the baseline");
    }

    @Test
    void markdownAndHtmlFormats() {
        Map<String, Recording> recordings = Map.of("good.ptrec", recording(RunInfo.RunOutcome.SUCCEEDED, ""));
        assertThat(check(recordings, path("good.ptrec"), "--format", "md").out())
                .startsWith("# pipetune check: etl").contains("## Pre-deployment checklist");
        assertThat(check(recordings, path("good.ptrec"), "--format", "html").out())
                .startsWith("<!DOCTYPE html>").contains("<svg");
        CliResult unknown = check(recordings, path("good.ptrec"), "--format", "pdf");
        assertThat(unknown.exitCode()).isEqualTo(PipetuneCommand.INVALID);
        assertThat(unknown.err()).contains("expected text, json, md or html");
    }

    @Test
    void confirmationsAreSavedNextToThePipelineAndMarkTheirItems() throws IOException {
        Path pipeline = folder.resolve("etl.yaml");
        Files.writeString(pipeline, PIPELINE);
        Map<String, Recording> recordings = Map.of("good.ptrec", recording(RunInfo.RunOutcome.SUCCEEDED, ""));
        CliResult result = check(recordings, path("good.ptrec"), "--pipeline", pipeline.toString(), "--confirm",
                "data-quality.input-validation=ids are checked in step valid");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("[x] (confirmed) Input validation implemented: ids are checked in step valid");
        ConfirmationStore saved = ConfirmationStore.read(folder.resolve("etl.checklist.json"));
        assertThat(saved.find("data-quality.input-validation").orElseThrow().date())
                .isEqualTo(LocalDate.of(2026, 11, 26));

        CliResult again = check(recordings, path("good.ptrec"), "--pipeline", pipeline.toString());
        assertThat(again.out()).contains("[x] (confirmed) Input validation implemented");
    }

    @Test
    void anUnknownChecklistItemOrAnInvalidPipelineIsUsageError() throws IOException {
        Map<String, Recording> recordings = Map.of("good.ptrec", recording(RunInfo.RunOutcome.SUCCEEDED, ""));
        CliResult unknown = check(recordings, path("good.ptrec"), "--confirm", "data-quality.nothing=yes");
        assertThat(unknown.exitCode()).isEqualTo(PipetuneCommand.INVALID);
        assertThat(unknown.err()).contains("no checklist item 'data-quality.nothing'");

        Path broken = folder.resolve("broken.yaml");
        Files.writeString(broken, "pipeline: [");
        CliResult invalid = check(recordings, path("good.ptrec"), "--pipeline", broken.toString());
        assertThat(invalid.exitCode()).isEqualTo(PipetuneCommand.INVALID);
        assertThat(invalid.err()).contains("broken.yaml");
    }
}
