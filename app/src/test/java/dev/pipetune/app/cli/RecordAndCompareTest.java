package dev.pipetune.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipetune.app.Main;
import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.profiler.recording.RecordedEvent;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.recording.RecordingFiles;
import dev.pipetune.profiler.recording.RunInfo;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipetune run --record} and {@code pipetune compare} as a user runs them. */
class RecordAndCompareTest {

    private static final String PIPELINE = """
            name: etl
            pipeline:
              - read_parquet: {paths: data/events, columns: [id, value, qty, category]}
              - map_batches:
                  name: transform
                  fn: with_columns
                  fn_kwargs: {amount: "cast(qty as double) * value"}
                  batch_size: 1000
              - filter: {expr: "amount > 100"}
              - write_parquet: {path: out/etl}
            """;

    @TempDir
    static Path folder;

    private static Path recordingFile;

    @BeforeAll
    static void recordARun() throws IOException {
        CliResult data = CliResult.run("sample-data", folder.resolve("data").toString(), "--rows", "20000", "--docs",
                "10");
        assertThat(data.exitCode()).as(data.err()).isZero();
        Path pipeline = Files.writeString(folder.resolve("etl.yaml"), PIPELINE);
        recordingFile = folder.resolve("recordings/etl.ptrec");
        CliResult run = CliResult.run("run", pipeline.toString(), "--quiet", "--record", recordingFile.toString(),
                "--set", "transform.num_cpus=0.5", "--sample-hz", "50");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void theRecordingHoldsThePipelineTheOperatorsAndTheEvents() throws IOException {
        Recording recording = RecordingFiles.read(recordingFile);

        assertThat(recording.complete()).isTrue();
        assertThat(recording.run().outcome()).isEqualTo(RunInfo.RunOutcome.SUCCEEDED);
        assertThat(recording.run().durationMillis()).isPositive();
        assertThat(recording.run().cpuBudget()).isPositive();
        assertThat(recording.pipeline().fileName()).isEqualTo("etl.yaml");
        assertThat(recording.pipeline().text()).isEqualTo(PIPELINE);
        assertThat(recording.pipeline().overrides()).containsExactly("transform.num_cpus=0.5");
        assertThat(recording.environment().logicalCores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(recording.environment().memoryBytes()).isPositive();
        assertThat(recording.environment().javaVersion()).isEqualTo(Runtime.version().toString());
        assertThat(recording.environment().operatingSystem()).startsWith(System.getProperty("os.name"));

        List<String> operators = recording.finalOperators().stream().map(OperatorMetrics::name).toList();
        assertThat(operators).hasSize(3).allSatisfy(name -> assertThat(name).isNotBlank());
        assertThat(operators.get(1)).contains("MapBatches(transform)");
        assertThat(operators.getLast()).startsWith("Write(");
        assertThat(recording.finalOperators().getLast().rowsIn()).isPositive().isLessThan(20_000);
        assertThat(recording.finalOperators()).allSatisfy(metrics -> assertThat(metrics.finished()).isTrue());
        assertThat(recording.progress()).isNotEmpty();
        assertThat(recording.progress().getLast().operators()).extracting(OperatorMetrics::name)
                .containsExactlyElementsOf(operators);

        List<RecordedEvent> events = recording.events();
        assertThat(events.getFirst().kind()).isEqualTo(RecordedEvent.Kind.RUN_STARTED);
        assertThat(events.getLast().kind()).isEqualTo(RecordedEvent.Kind.RUN_FINISHED);
        assertThat(events.getLast().message()).isEqualTo("succeeded");
        for (String operator : operators) {
            assertThat(events).filteredOn(event -> event.operator().equals(operator)).extracting(RecordedEvent::kind)
                    .as(operator).startsWith(RecordedEvent.Kind.OPERATOR_STARTED)
                    .endsWith(RecordedEvent.Kind.OPERATOR_FINISHED);
        }
        assertThat(events).extracting(RecordedEvent::timeMillis).isSorted();
        try (var files = Files.list(recordingFile.getParent())) {
            assertThat(files).as("no temporary files left").containsExactly(recordingFile);
        }
    }

    @Test
    void theRecordingHoldsTheSampledSeriesOfTheRun() throws IOException {
        Recording recording = RecordingFiles.read(recordingFile);

        assertThat(recording.environment().physicalCores()).isPositive();
        assertThat(recording.environment().cpuModel()).isNotBlank();
        assertThat(recording.samples().size()).as("samples at 50 Hz in a %d ms run",
                recording.run().durationMillis()).isPositive();
        assertThat(recording.samples().timeMillis(recording.samples().size() - 1))
                .isLessThanOrEqualTo(recording.run().durationMillis());
        for (String metric : List.of("process.rss", "jvm.heap.used", "arrow.allocated", "memory.system.used")) {
            assertThat(recording.samples().values(metric)).as(metric).isPresent();
        }
        if (recording.samples().size() >= 2) {
            // CPU percentages come from the difference between two ticks: a very short run may have one.
            assertThat(recording.samples().values("cpu.core.0")).as("cpu.core.0").isPresent();
        }
        double[] rss = recording.samples().values("process.rss").orElseThrow();
        assertThat(java.util.Arrays.stream(rss).filter(value -> !Double.isNaN(value)).max().orElse(0))
                .isGreaterThan(10e6);
    }

    @Test
    void aRecordingComparedWithItselfShowsNoChange() throws IOException {
        CliResult text = CliResult.run("compare", recordingFile.toString(), recordingFile.toString());

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("baseline:  " + recordingFile + " (etl.yaml, succeeded)")
                .containsPattern("(?m)^  duration\\s+[\\d.]+ s\\s+[\\d.]+ s\\s+\\+0\\.000 s\\s+\\+0\\.0%$")
                .containsPattern("(?m)^  rows_out\\s+\\d+\\s+\\d+\\s+\\+0\\s+\\+0\\.0%$")
                .contains("MapBatches(transform)").doesNotContain("only in");

        CliResult json = CliResult.run("compare", recordingFile.toString(), recordingFile.toString(), "--format",
                "json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("baseline").get("complete").asBoolean()).isTrue();
        assertThat(root.get("operators")).hasSize(3);
        assertThat(root.get("only_in_baseline")).isEmpty();
        assertThat(root.get("run").get("duration").get("baseline").asDouble()).isPositive();
        assertNoChange(root.get("run"));
        for (JsonNode operator : root.get("operators")) {
            assertThat(operator.get("metrics").get("throughput").get("unit").asText()).isEqualTo("rows/s");
            assertNoChange(operator.get("metrics"));
        }
    }

    @Test
    void checkReadsTheRecordingFileAndJudgesTheRun() throws IOException {
        CliResult check = CliResult.run("check", recordingFile.toString(), "--format", "json");

        assertThat(check.exitCode()).as(check.err()).isIn(PipetuneCommand.SUCCESS, 3);
        JsonNode root = new ObjectMapper().readTree(check.out());
        assertThat(root.get("schema").asText()).isEqualTo("pipetune-check-report");
        assertThat(root.get("run").get("pipelineFile").asText()).isEqualTo("etl.yaml");
        assertThat(root.get("run").get("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(root.get("successMetrics")).isNotEmpty();
        assertThat(root.get("verdict").get("passed").asBoolean()).isEqualTo(check.exitCode() == 0);
    }

    @Test
    void aFileThatIsNotARecordingExitsOne() throws IOException {
        Path garbage = Files.writeString(folder.resolve("garbage.ptrec"), "not a recording");

        CliResult result = CliResult.run("compare", recordingFile.toString(), garbage.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("pipetune compare: " + garbage + ": not a pipetune recording")
                .doesNotContain("\tat ");
        CliResult missing = CliResult.run("compare", folder.resolve("absent.ptrec").toString(),
                recordingFile.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("absent.ptrec: no such file");
    }

    @Test
    void aFolderIsNotARecordingFile() throws IOException {
        Path pipeline = Files.writeString(folder.resolve("small.yaml"), PIPELINE);

        CliResult result = CliResult.run("run", pipeline.toString(), "--record", folder.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--record " + folder + " is a folder");
    }

    @Test
    void aRunKilledMidwayLeavesARecordingThatOpens() throws Exception {
        Path pipeline = Files.writeString(folder.resolve("slow.yaml"), """
                name: slow
                context: {resource_limits: {cpu: 1}}
                pipeline:
                  - read_csv: {paths: data/events_csv}
                  - repartition: {target_num_rows_per_block: 1}
                  - map_batches: {fn: with_columns, fn_kwargs: {amount: "cast(qty as double) * value"}}
                  - write_json: {path: out/slow}
                """);
        Path file = folder.resolve("killed.ptrec");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--add-opens") || argument.startsWith("--sun-misc")
                    || argument.startsWith("--enable-native-access") || argument.startsWith("-Darrow")) {
                command.add(argument);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
                pipeline.toString(), "--quiet", "--record", file.toString()));
        Path log = folder.resolve("killed.log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(file) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        String output = Files.readString(log);
        assertThat(file).as(output).exists();
        assertThat(output).as("the run ended before its first checkpoint").doesNotContain("slow:");

        Recording recording = RecordingFiles.read(file);

        assertThat(recording.complete()).isFalse();
        assertThat(recording.run().outcome()).isEqualTo(RunInfo.RunOutcome.INCOMPLETE);
        assertThat(recording.run().durationMillis()).isGreaterThanOrEqualTo(1000);
        assertThat(recording.pipeline().fileName()).isEqualTo("slow.yaml");
        assertThat(recording.progress()).isNotEmpty();
        assertThat(recording.finalOperators()).isNotEmpty();
        assertThat(recording.events().getFirst().kind()).isEqualTo(RecordedEvent.Kind.RUN_STARTED);
        CliResult compare = CliResult.run("compare", file.toString(), file.toString());
        assertThat(compare.exitCode()).as(compare.err()).isZero();
        assertThat(compare.out()).contains("a partial recording, the run did not end");
    }

    private static void assertNoChange(JsonNode metrics) {
        for (Map.Entry<String, JsonNode> metric : metrics.properties()) {
            JsonNode change = metric.getValue().get("change");
            assertThat(change.isNull() || change.asDouble() == 0).as(metric.getKey() + " " + change).isTrue();
        }
    }
}
