package dev.pipetune.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.execution.ExecutionEvent;
import dev.pipetune.engine.execution.ExecutionListener;
import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.engine.execution.PipelineRunException;
import dev.pipetune.engine.io.parquet.ParquetCompression;
import dev.pipetune.engine.io.parquet.ParquetWriter;
import dev.pipetune.engine.io.parquet.WriteOptions;
import dev.pipetune.engine.plan.PlanException;
import dev.pipetune.engine.run.functions.CountingModel;
import dev.pipetune.engine.run.functions.FailOnIds;
import dev.pipetune.engine.run.functions.SlowIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded engine honours Ray's resource model, the memory budget and the error rules end to end. */
class EmbeddedEngineTest {

    private static final String FUNCTIONS = "java:dev.pipetune.engine.run.functions.";
    private static final int ROWS = 400_000;

    @TempDir
    static Path data;

    @TempDir
    Path work;

    @BeforeAll
    static void generateData() throws Exception {
        EngineFixture.writeSampleData(data, ROWS, 0);
    }

    @BeforeEach
    void resetCounters() {
        SlowIdentity.reset();
        CountingModel.reset();
        FailOnIds.FAILURES.set(0);
    }

    @Test
    void halfCpuTasksRunFourAtOnceOnTwoCpusWithExactBatches() throws Exception {
        try (RunResult result = run("""
                context: {resource_limits: {cpu: 2}}
                pipeline:
                  - read_parquet: {paths: %s, columns: [id], num_cpus: 0.1}
                  - map_batches: {fn: %sSlowIdentity, batch_size: 700, num_cpus: 0.5}
                """)) {
            OperatorMetrics map = result.execution().operators().get(1);
            assertThat(map.peakTasksRunning()).isEqualTo(4);
            assertThat(map.rowsOut()).isEqualTo(ROWS);
        }
        List<Integer> sizes = List.copyOf(SlowIdentity.BATCH_SIZES);
        assertThat(sizes).hasSize(ROWS / 700 + 1);
        assertThat(sizes.stream().filter(size -> size != 700)).containsExactly(ROWS % 700);
    }

    @Test
    void concurrencyCapsTheTaskPool() throws Exception {
        try (RunResult result = run("""
                pipeline:
                  - read_parquet: {paths: %s, columns: [id], num_cpus: 0.1}
                  - map_batches: {fn: %sSlowIdentity, batch_size: 500, num_cpus: 0.1, concurrency: 3}
                """)) {
            assertThat(result.execution().operators().get(1).peakTasksRunning()).isEqualTo(3);
        }
    }

    @Test
    void anActorClassIsConstructedOnceForEachOfItsConcurrency() throws Exception {
        try (RunResult result = run("""
                pipeline:
                  - read_parquet: {paths: %s, columns: [id, value]}
                  - map_batches:
                      fn: %sCountingModel
                      fn_constructor_kwargs: {model: mini}
                      batch_size: 1000
                      num_cpus: 0.5
                      concurrency: 2
                """)) {
            assertThat(result.execution().operators().get(1).rowsOut()).isEqualTo(ROWS);
        }
        assertThat(CountingModel.CONSTRUCTED).hasValue(2);
        assertThat(CountingModel.OPENED).hasValue(2);
        assertThat(CountingModel.CLOSED).hasValue(2);
    }

    /**
     * Two actor pools of one CPU each hold both CPUs of the budget while idle; the read that feeds them still runs
     * (as the only task while nothing else runs) instead of the run waiting forever.
     */
    @Test
    @Timeout(60)
    void actorPoolsHoldingEveryCpuStillLetTheirInputBeRead() throws Exception {
        try (RunResult result = run("""
                context: {resource_limits: {cpu: 2}}
                pipeline:
                  - read_parquet: {paths: %s, columns: [id, value]}
                  - map_batches:
                      fn: %2$sCountingModel
                      fn_constructor_kwargs: {model: mini}
                      batch_size: 1000
                      num_cpus: 1
                      concurrency: 1
                  - map_batches:
                      fn: %2$sCountingModel
                      fn_constructor_kwargs: {model: mini}
                      batch_size: 700
                      num_cpus: 1
                      concurrency: 1
                """)) {
            assertThat(result.execution().operators().getLast().rowsOut()).isEqualTo(ROWS);
        }
    }

    @Test
    void repartitionMakesExactlyTheAskedBlocksKeepingOrShufflingRows() throws Exception {
        for (boolean shuffle : new boolean[] {false, true}) {
            String yaml = "pipeline:\n"
                    + "  - read_parquet: {paths: %s, columns: [id]}\n"
                    + "  - limit: {limit: 1000}\n"
                    + "  - repartition: {num_blocks: 7, shuffle: " + shuffle + "}\n";
            try (RunResult result = run(yaml)) {
                List<Block> blocks = result.execution().results();
                assertThat(blocks).hasSize(7);
                assertThat(blocks).extracting(Block::rows).allSatisfy(rows -> assertThat(rows).isBetween(142, 143));
                List<Long> ids = new ArrayList<>();
                for (Block block : blocks) {
                    BigIntVector vector = (BigIntVector) block.root().getVector("id");
                    for (int row = 0; row < block.rows(); row++) {
                        ids.add(vector.get(row));
                    }
                }
                assertThat(ids).hasSize(1000).doesNotHaveDuplicates();
                if (!shuffle) {
                    assertThat(blocks.getFirst().rows()).isEqualTo(143);
                }
            }
        }
        String yaml = "pipeline:\n"
                + "  - read_parquet: {paths: %s, columns: [id]}\n"
                + "  - repartition: {target_num_rows_per_block: 30000}\n";
        try (RunResult result = run(yaml)) {
            assertThat(result.execution().results()).extracting(Block::rows)
                    .containsOnly(30_000, ROWS % 30_000).hasSize(ROWS / 30_000 + 1);
        }
    }

    @Test
    void rowFunctionsMapFlatMapAndFilter() throws Exception {
        String yaml = "pipeline:\n"
                + "  - read_parquet: {paths: %s, columns: [id]}\n"
                + "  - limit: {limit: 1000}\n"
                + "  - map: {fn: %sRowFunctions$Doubled}\n"
                + "  - flat_map: {fn: %sRowFunctions$Repeat, fn_kwargs: {copies: 3}}\n"
                + "  - filter: {fn: %sRowFunctions$EvenIds}\n";
        try (RunResult result = EngineFixture.run(yaml.formatted(data.resolve("events"), FUNCTIONS, FUNCTIONS,
                FUNCTIONS), work)) {
            long rows = 0;
            long sumOfDoubles = 0;
            for (Block block : result.execution().results()) {
                BigIntVector doubled = (BigIntVector) block.root().getVector("double_id");
                for (int row = 0; row < block.rows(); row++) {
                    sumOfDoubles += doubled.get(row);
                }
                rows += block.rows();
            }
            assertThat(rows).isEqualTo(3 * 500);
            assertThat(result.execution().operators()).extracting(OperatorMetrics::name).contains(
                    "Map(map[2])->FlatMap(flat_map[3])->Filter(filter[4])");
            assertThat(sumOfDoubles % 4).isZero();
        }
    }

    @Test
    void blocksLargerThanTheTargetMaxBlockSizeAreSplit() throws Exception {
        try (RunResult result = run("""
                context: {target_max_block_size: 64KiB}
                pipeline:
                  - read_parquet: {paths: %s, columns: [id]}
                """)) {
            List<Block> blocks = result.execution().results();
            assertThat(blocks.stream().mapToLong(Block::rows).sum()).isEqualTo(ROWS);
            assertThat(blocks).allSatisfy(block -> assertThat(block.sizeBytes()).isLessThanOrEqualTo(70_000));
            assertThat(blocks.size()).isGreaterThanOrEqualTo(ROWS * 8 / (64 * 1024));
        }
    }

    @Test
    void aWriteNeverReplacesAFileTheInputsOrThePipelineFolder() throws Exception {
        Path notes = Files.writeString(work.resolve("notes.txt"), "keep me");
        String read = "pipeline:\n  - read_parquet: {paths: " + data.resolve("events") + ", columns: [id]}\n";
        for (String path : List.of("notes.txt", ".", data.resolve("events").toString(), data.toString())) {
            assertThatThrownBy(() -> EngineFixture.run(read + "  - write_parquet: {path: '" + path + "'}\n", work))
                    .as(path).isInstanceOf(PlanException.class)
                    .hasMessageStartingWith("pipeline[1].write_parquet.path: ");
        }
        assertThat(Files.readString(notes)).isEqualTo("keep me");
        try (Stream<Path> files = Files.list(data.resolve("events"))) {
            assertThat(files.count()).isPositive();
        }
        // An earlier output is replaced.
        for (int run = 0; run < 2; run++) {
            try (RunResult written = EngineFixture.run(read + "  - write_parquet: {path: out}\n", work)) {
                assertThat(written.execution().outcome()).isEqualTo(ExecutionEvent.Outcome.SUCCEEDED);
            }
        }
        try (Stream<Path> parts = Files.list(work.resolve("out"))) {
            assertThat(parts.map(part -> part.getFileName().toString())).isNotEmpty()
                    .allMatch(name -> name.startsWith("part-"));
        }
    }

    private static void writeColumns(Path file, Field... fields) throws IOException {
        try (RootAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(fields)), allocator);
                ParquetWriter writer = ParquetWriter.create(file, root.getSchema(),
                        WriteOptions.defaults(ParquetCompression.SNAPPY))) {
            root.allocateNew();
            root.setRowCount(3);
            writer.write(root);
        }
    }

    @Test
    void filesWhoseColumnTypesDoNotWidenToOneFailAtTheReadNamingTheFilesAndTheColumn() throws Exception {
        Path a = work.resolve("a.parquet");
        Path b = work.resolve("b.parquet");
        Path c = work.resolve("c.parquet");
        Field id = Field.nullable("id", new ArrowType.Int(64, true));
        writeColumns(a, id, Field.nullable("qty", new ArrowType.Int(32, true)));
        writeColumns(b, id, Field.nullable("qty", ArrowType.Utf8.INSTANCE));
        writeColumns(c, id);
        String typesDiffer = "pipeline[0].read_parquet: column 'qty' is string in " + b + " but int32 in " + a
                + "; every file must give a column the same type, or types that widen to one (such as int32 and "
                + "int64, int64 and double, or structs whose common fields do)";
        for (String next : List.of("write_parquet: {path: out}", "groupby: {key: qty, aggregate: [\"count()\"]}")) {
            assertThatThrownBy(() -> EngineFixture.run("pipeline:\n  - read_parquet: {paths: [a.parquet, b.parquet]}\n"
                    + "  - " + next + "\n", work)).isInstanceOf(PlanException.class).hasMessage(typesDiffer);
        }
        // The columns they share can be read together.
        try (RunResult shared = EngineFixture.run("pipeline:\n  - read_parquet: {paths: [a.parquet, b.parquet, "
                + "c.parquet], columns: [id]}\n  - write_parquet: {path: out}\n", work)) {
            assertThat(shared.execution().outcome()).isEqualTo(ExecutionEvent.Outcome.SUCCEEDED);
        }
        assertThat(work.resolve("out")).isDirectory();
    }

    @Test
    void csvFilesWhoseColumnsDifferFailAtTheGroupbyOrWriteNamingBothFiles() throws Exception {
        Path csv = Files.createDirectories(work.resolve("csv"));
        Files.writeString(csv.resolve("a.csv"), "qty,v\n1,2.5\n2,3.5\n");
        Files.writeString(csv.resolve("b.csv"), "qty,v\nmany,1.0\n");
        String typesDiffer = "column 'qty' is (string|int64) in .*[ab]\\.csv but (int64|string) in .*[ab]\\.csv; "
                + "every file must give a column the same type";
        for (String next : List.of("groupby: {key: qty, aggregate: [\"sum(v)\"]}", "write_parquet: {path: out}")) {
            PipelineRunException failure = catchThrowableOfType(PipelineRunException.class, () -> EngineFixture.run(
                    "pipeline:\n  - read_csv: {paths: csv}\n  - " + next + "\n", work));
            assertThat(failure).as(next).isNotNull();
            assertThat(failure.getMessage()).doesNotContain("ClassCastException").containsPattern(typesDiffer);
        }
        assertThat(work.resolve("out")).doesNotExist();
    }

    @Test
    void csvFilesWhoseColumnsDifferOrWidenAreReadTogetherAsRayDataUnifiesThem() throws Exception {
        Path other = Files.createDirectories(work.resolve("other"));
        Files.writeString(other.resolve("a.csv"), "qty,v\n1,2\n");
        Files.writeString(other.resolve("b.csv"), "qty,w\n1.5,x\n");
        try (RunResult result = EngineFixture.run("pipeline:\n  - read_csv: {paths: other}\n"
                + "  - write_csv: {path: out}\n", work)) {
            assertThat(result.execution().outcome()).isEqualTo(ExecutionEvent.Outcome.SUCCEEDED);
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(work.resolve("out"))) {
            for (Path part : parts.sorted().toList()) {
                lines.addAll(Files.readAllLines(part).subList(1, Files.readAllLines(part).size()));
                assertThat(Files.readAllLines(part).getFirst()).isEqualTo("\"qty\",\"v\",\"w\"");
            }
        }
        // qty widens to double in both files; each file has nulls for the other's column.
        assertThat(lines).containsExactlyInAnyOrder("1,2,", "1.5,,\"x\"");
    }

    @Test
    void repartitionRefusesBlocksWhoseColumnsDifferInsteadOfMixingTheirBits() throws Exception {
        // Types with no common type, and columns of a file beyond the 16 whose schemas the read unifies.
        Path types = Files.createDirectories(work.resolve("types"));
        Files.writeString(types.resolve("a.csv"), "a\n1\n2\n");
        Files.writeString(types.resolve("b.csv"), "a\nx\ny\n");
        Path columns = Files.createDirectories(work.resolve("columns"));
        for (int file = 0; file < 16; file++) {
            Files.writeString(columns.resolve("a%02d.csv".formatted(file)), "a\n2\n");
        }
        Files.writeString(columns.resolve("b.csv"), "a,b\n1,keep me\n");
        for (String repartition : List.of("{num_blocks: 1}", "{target_num_rows_per_block: 10}")) {
            PipelineRunException mixedTypes = catchThrowableOfType(PipelineRunException.class, () -> EngineFixture.run(
                    "pipeline:\n  - read_csv: {paths: types}\n  - repartition: " + repartition
                            + "\n  - write_parquet: {path: out}\n", work));
            assertThat(mixedTypes).as(repartition).isNotNull();
            assertThat(mixedTypes.getMessage()).containsPattern("column 'a' is (int64|string) in .*[ab]\\.csv but "
                    + "(int64|string) in .*[ab]\\.csv");
            PipelineRunException mixedColumns = catchThrowableOfType(PipelineRunException.class,
                    () -> EngineFixture.run("pipeline:\n  - read_csv: {paths: columns}\n  - repartition: "
                            + repartition + "\n  - write_parquet: {path: out}\n", work));
            assertThat(mixedColumns).as(repartition).isNotNull();
            assertThat(mixedColumns.getMessage()).contains("rows combined into one block must have the same columns");
        }
        assertThat(work.resolve("out")).doesNotExist();
    }

    @Test
    void aColumnWithoutValuesInOneFileTakesTheTypeOtherFilesGiveIt() throws Exception {
        for (String firstName : List.of("a", "c")) {
            Path csv = Files.createDirectories(work.resolve("csv-" + firstName));
            Files.writeString(csv.resolve(firstName + "-day.csv"), "id,discount\n1,\n2,\n");
            Files.writeString(csv.resolve("b-day.csv"), "id,discount\n3,5\n4,\n");
            try (RunResult result = EngineFixture.run("pipeline:\n  - read_csv: {paths: csv-" + firstName + "}\n"
                    + "  - groupby: {key: discount, aggregate: [\"count() as n\", \"sum(id) as ids\"]}\n", work)) {
                assertThat(result.execution().outcome()).as(firstName).isEqualTo(ExecutionEvent.Outcome.SUCCEEDED);
                assertThat(result.execution().results()).hasSize(1);
                VectorSchemaRoot groups = result.execution().results().getFirst().root();
                assertThat(groups.getVector("discount").getField().getType()).as(firstName)
                        .isEqualTo(new ArrowType.Int(64, true));
                assertThat(groups.contentToTSVString()).as(firstName).contains("5\t1\t3").contains("null\t3\t7");
            }
        }
        Path json = Files.createDirectories(work.resolve("json"));
        Files.writeString(json.resolve("a.jsonl"), "{\"id\": 1, \"note\": null}\n");
        Files.writeString(json.resolve("b.jsonl"), "{\"id\": 2, \"note\": 2.5}\n");
        runToSuccess("pipeline:\n  - read_json: {paths: json}\n"
                + "  - write_parquet: {path: out}\n");
    }

    @Test
    void textFilesWithTheSameColumnsInAnotherOrderAreReadInTheFirstFilesOrder() throws Exception {
        Path csv = Files.createDirectories(work.resolve("csv"));
        Files.writeString(csv.resolve("a.csv"), "id,name,score\n1,x,0.5\n2,y,1.5\n");
        Files.writeString(csv.resolve("b.csv"), "score,id,name\n2.5,3,z\n");
        Files.writeString(csv.resolve("c.csv"), "name,score,id\nw,3.5,4\n");
        runToSuccess("pipeline:\n  - read_csv: {paths: csv}\n"
                + "  - write_csv: {path: out}\n");
        assertThat(outputLines(work.resolve("out"))).containsExactlyInAnyOrder("\"id\",\"name\",\"score\"",
                "1,\"x\",0.5", "2,\"y\",1.5", "3,\"z\",2.5", "4,\"w\",3.5");
        Path json = Files.createDirectories(work.resolve("json"));
        Files.writeString(json.resolve("a.jsonl"), "{\"id\": 1, \"name\": \"x\"}\n");
        Files.writeString(json.resolve("b.jsonl"), "{\"name\": \"z\", \"id\": 3}\n");
        runToSuccess("pipeline:\n  - read_json: {paths: json}\n"
                + "  - write_json: {path: jout}\n");
        assertThat(outputLines(work.resolve("jout"))).containsExactlyInAnyOrder("{\"id\":1,\"name\":\"x\"}",
                "{\"id\":3,\"name\":\"z\"}");
    }

    /** Runs a pipeline whose folder is the test's and requires it to succeed. */
    private void runToSuccess(String yaml) throws Exception {
        try (RunResult result = EngineFixture.run(yaml, work)) {
            assertThat(result.execution().outcome()).isEqualTo(ExecutionEvent.Outcome.SUCCEEDED);
        }
    }

    /** The lines of every file of an output folder; a CSV header shows once per file. */
    private static List<String> outputLines(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            List<String> lines = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!lines.contains(line) || !line.startsWith("\"id\",")) {
                        lines.add(line);
                    }
                }
            }
            return lines;
        }
    }

    @Test
    void aBinaryFileThatVanishesBeforeItsTaskCostsOneErroredRowNotItsNeighbours() throws Exception {
        Path docs = Files.createDirectories(work.resolve("docs"));
        for (int file = 0; file < 10; file++) {
            Files.writeString(docs.resolve("f" + file + ".txt"), "text " + file);
        }
        Path vanishing = docs.resolve("f4.txt");
        ExecutionListener deleteOnStart = event -> {
            if (event instanceof ExecutionEvent.RunStarted) {
                try {
                    Files.delete(vanishing);
                } catch (IOException cannotDelete) {
                    throw new UncheckedIOException(cannotDelete);
                }
            }
        };
        String pipeline = "context: {max_errored_blocks: %d}\npipeline:\n  - read_binary_files: {paths: docs}\n"
                + "  - write_parquet: {path: out}\n";
        try (RunResult result = EngineFixture.run(pipeline.formatted(-1), work, deleteOnStart)) {
            OperatorMetrics read = result.execution().operators().getFirst();
            assertThat(read.rowsOut()).isEqualTo(9);
            assertThat(read.errors()).isEqualTo(1);
        }
        Files.writeString(vanishing, "text 4");
        PipelineRunException failure = catchThrowableOfType(PipelineRunException.class,
                () -> EngineFixture.run(pipeline.formatted(0), work, deleteOnStart));
        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains(vanishing.toString());
    }

    @Test
    void readingEveryColumnOfAFileWithAnUnreadableOneFailsInsteadOfLeavingItOut() throws Exception {
        Path file = work.resolve("wide.parquet");
        MessageType schema = MessageTypeParser.parseMessageType(
                "message m { required int32 a; optional fixed_len_byte_array(20) d (DECIMAL(40,5)); }");
        ParquetFileWriter writer = new ParquetFileWriter(new LocalOutputFile(file), schema,
                ParquetFileWriter.Mode.CREATE, 1 << 20, 0, 64, Integer.MAX_VALUE, false);
        writer.start();
        writer.end(Map.of());
        assertThatThrownBy(() -> EngineFixture.run("pipeline:\n  - read_parquet: {paths: wide.parquet}\n"
                + "  - write_parquet: {path: out}\n", work)).isInstanceOf(PlanException.class)
                .hasMessageStartingWith("pipeline[0].read_parquet: column 'd' of " + file + " cannot be read: ")
                .hasMessageEndingWith("; list the columns to read in 'columns' to leave it out");
        assertThat(work.resolve("out")).doesNotExist();
        try (RunResult chosen = EngineFixture.run("pipeline:\n  - read_parquet: {paths: wide.parquet, columns: [a]}\n"
                + "  - write_parquet: {path: out}\n", work)) {
            assertThat(chosen.execution().outcome()).isEqualTo(ExecutionEvent.Outcome.SUCCEEDED);
        }
    }

    @Test
    void aWriteRemovesTheTemporaryFoldersThatKilledRunsLeftBesideItsOutput() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path killed = Files.createDirectories(work.resolve(".out.pipetune-" + ended.pid() + "-0badc0de.tmp"));
        Files.writeString(killed.resolve("part-00000-0badc0de.parquet"), "half written");
        Path killedWhileSwapping = Files.createDirectories(work.resolve(".out.pipetune-" + ended.pid()
                + "-0badc0de.tmp.old"));
        Path live = Files.createDirectories(work.resolve(".out.pipetune-1-12345678.tmp"));
        Path olderFormat = Files.createDirectories(work.resolve(".out.pipetune-12345678.tmp"));
        Path otherOutput = Files.createDirectories(work.resolve(".other.pipetune-" + ended.pid() + "-0badc0de.tmp"));
        try (RunResult written = EngineFixture.run("pipeline:\n  - read_parquet: {paths: " + data.resolve("events")
                + ", columns: [id]}\n  - write_parquet: {path: out}\n", work)) {
            assertThat(written.execution().outcome()).isEqualTo(ExecutionEvent.Outcome.SUCCEEDED);
        }
        assertThat(killed).doesNotExist();
        assertThat(killedWhileSwapping).doesNotExist();
        assertThat(live).isDirectory();
        assertThat(olderFormat).isDirectory();
        assertThat(otherOutput).isDirectory();
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("out",
                    live.getFileName().toString(), olderFormat.getFileName().toString(),
                    otherOutput.getFileName().toString());
        }
    }

    @Test
    void aSmallObjectStoreStillCompletesW1WithBackpressure() throws Exception {
        try (RunResult result = run("""
                context: {resource_limits: {cpu: 2, object_store_memory: 2MiB}}
                pipeline:
                  - read_parquet: {paths: %s, columns: [id, user_id, category, value, qty], num_cpus: 0.025}
                  - map_batches:
                      fn: with_columns
                      fn_kwargs: {amount: "cast(qty as double) * value", category_upper: "upper(category)"}
                      batch_size: 1000
                      num_cpus: 0.5
                  - filter: {expr: "amount > 100"}
                  - write_parquet: {path: out, num_cpus: 0.1}
                """.formatted(data.resolve("events"), "%s").replace("%s", ""))) {
            assertThat(result.execution().outcome()).isEqualTo(ExecutionEvent.Outcome.SUCCEEDED);
            assertThat(result.execution().operators().getLast().rowsIn()).isPositive();
        }
    }

    @Test
    void aMissingColumnIsReportedWithTheAvailableOnes() {
        PlanException failure = catchThrowableOfType(PlanException.class, () -> run("""
                pipeline:
                  - read_parquet: {paths: %s, columns: [id, price]}
                  - show: {}
                """));
        assertThat(failure.location()).isEqualTo("pipeline[0].read_parquet");
        assertThat(failure).hasMessageContaining("column 'price' is not in").hasMessageContaining(
                "available columns: id, ts, user_id, category, value, qty, flag, text, x0");
    }

    @Test
    void anExpressionOverAMissingColumnIsReportedAtItsStep() {
        PlanException failure = catchThrowableOfType(PlanException.class, () -> run("""
                pipeline:
                  - read_parquet: {paths: %s, columns: [id, value]}
                  - filter: {expr: "price > 3"}
                  - show: {}
                """));
        assertThat(failure.location()).isEqualTo("pipeline[1].filter.expr");
        assertThat(failure).hasMessageContaining("price");
    }

    @Test
    void aTruncatedParquetFileIsReportedByName() throws IOException {
        Path broken = Files.createDirectories(work.resolve("broken"));
        Path source = parquetFiles().getFirst();
        byte[] bytes = Files.readAllBytes(source);
        Files.write(broken.resolve("part-00000.parquet"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        PlanException failure = catchThrowableOfType(PlanException.class, () -> EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: broken}
                  - write_parquet: {path: out}
                """, work));
        assertThat(failure).hasMessageContaining("part-00000.parquet");
        assertThat(work.resolve("out")).doesNotExist();
    }

    @Test
    void anExpressionErrorNamesTheRowOfTheInputFileNotOfTheBlock() throws Exception {
        StringBuilder csv = new StringBuilder("n\n");
        for (int row = 0; row < 150_000; row++) {
            csv.append(row == 140_000 ? Long.MAX_VALUE : row).append('\n');
        }
        Files.writeString(work.resolve("big.csv"), csv);
        for (String step : List.of("map_batches: {fn: with_columns, fn_kwargs: {m: \"n + 1\"}}",
                "filter: {expr: \"n + 1 > 0\"}")) {
            PipelineRunException failure = catchThrowableOfType(PipelineRunException.class, () -> EngineFixture.run(
                    "pipeline:\n  - read_csv: {paths: big.csv}\n  - " + step + "\n  - write_parquet: {path: out}\n",
                    work));
            assertThat(failure).as(step).isNotNull();
            assertThat(failure.getMessage()).as(step).contains("big.csv").contains("at row 140000 of the input file "
                    + "(counting from 0): integer overflow: 9223372036854775807 + 1 does not fit in int64");
        }
        PipelineRunException filtered = catchThrowableOfType(PipelineRunException.class, () -> EngineFixture.run(
                "pipeline:\n  - read_csv: {paths: big.csv}\n  - filter: {expr: \"n >= 100000\"}\n"
                        + "  - map_batches: {fn: with_columns, fn_kwargs: {m: \"n + 1\"}}\n"
                        + "  - write_parquet: {path: out}\n", work));
        assertThat(filtered).isNotNull();
        assertThat(filtered.getMessage()).containsPattern("at row \\d+ of a block of \\d+ rows: integer overflow");
        assertThat(work.resolve("out")).doesNotExist();
    }

    @Test
    void aThrowingFunctionIsRetriedThenFailsCleanlyNamingStepAndInput() throws Exception {
        PipelineRunException failure = catchThrowableOfType(PipelineRunException.class, () -> run("""
                pipeline:
                  - read_parquet: {paths: %s, columns: [id]}
                  - map_batches:
                      name: parse
                      fn: %sFailOnIds
                      fn_kwargs: {below: 10}
                      max_retries: 2
                      retry_exceptions: true
                  - write_parquet: {path: out}
                """));
        assertThat(failure.operator()).isEqualTo("MapBatches(parse)");
        assertThat(failure.origin()).endsWith(".parquet");
        assertThat(failure).hasMessageContaining("IllegalStateException: bad record 0");
        assertThat(FailOnIds.FAILURES).hasValue(3);
        assertNoOutput();
    }

    @Test
    void erroredBlocksWithinMaxErroredBlocksAreDropped() throws Exception {
        List<ExecutionEvent> events = new CopyOnWriteArrayList<>();
        try (RunResult result = EngineFixture.run("""
                context: {max_errored_blocks: 1}
                pipeline:
                  - read_parquet: {paths: events, columns: [id]}
                  - map_batches: {fn: %sFailOnIds, fn_kwargs: {below: 10}, batch_size: 1000, max_retries: 0}
                  - write_parquet: {path: out}
                """.formatted(FUNCTIONS), data, events::add)) {
            assertThat(result.execution().outcome()).isEqualTo(ExecutionEvent.Outcome.SUCCEEDED);
            long written = result.execution().operators().getLast().rowsIn();
            assertThat(ROWS - written).as("the failed task's input, at most one bundle of whole batches, is dropped")
                    .isPositive().isLessThanOrEqualTo(65_536).isEqualTo((ROWS - written) / 1000 * 1000);
        }
        assertThat(events).filteredOn(ExecutionEvent.BlockDropped.class::isInstance).hasSize(1);
    }

    @Test
    void cancellingARunLeavesNoOutputBehind() throws Exception {
        RunningPipeline running = new EmbeddedEngine().start(EngineFixture.pipeline("""
                pipeline:
                  - read_parquet: {paths: %s, columns: [id]}
                  - map_batches: {fn: %sSlowIdentity, batch_size: 100, num_cpus: 1}
                  - write_parquet: {path: %s}
                """.formatted(data.resolve("events"), FUNCTIONS, work.resolve("out"))),
                EngineFixture.context(work, 2), event -> { });
        Thread.sleep(300);
        running.cancel();
        try (RunResult result = running.await()) {
            assertThat(result.execution().outcome()).isEqualTo(ExecutionEvent.Outcome.CANCELLED);
        }
        assertThat(work.resolve("out")).doesNotExist();
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }

    private RunResult run(String template) throws Exception {
        String yaml = template.formatted(data.resolve("events"), FUNCTIONS);
        return EngineFixture.run(yaml.replace("path: out", "path: " + work.resolve("out")), work);
    }

    private void assertNoOutput() throws IOException {
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }

    private static List<Path> parquetFiles() throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("events"))) {
            return files.filter(file -> file.toString().endsWith(".parquet")).sorted().toList();
        }
    }
}
