package dev.pipetune.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Written pipeline files read back to equal pipelines, in both syntaxes, and look the same whatever the input. */
class PipelineWriterTest {

    /** Every step kind and the option values that are easy to get wrong when written back. */
    private static final String EVERYTHING = """
            name: "everything: 1"
            description: |
              Two lines,
              'quoted' and "double quoted".
            context:
              target_max_block_size: 1.5KiB
              eager_free: true
              enable_progress_bars: false
              enable_operator_progress_bars: false
              enable_auto_log_stats: true
              max_errored_blocks: -1
              resource_limits: {cpu: 1.5, gpu: 2, object_store_memory: 500MB}
            pipeline:
              - read_csv: {name: read, paths: [a.csv, "b c.csv", "${DATA}/d.csv"], include_paths: true, num_cpus: 2,
                           memory: 1GiB, concurrency: 3, partitioning: null}
              - map_batches:
                  fn: java:com.acme.Model
                  fn_kwargs: {text: "true", number: "1.5", zero: "007", yes: "yes", nothing: "null", list: [1, 2.5, x],
                              nested: {a: false, b: [{c: 1}]}, hash: "# not a comment", colon: "a: b", star: "*x"}
                  fn_constructor_kwargs: {model: all-MiniLM-L6-v2, dims: 384}
                  batch_size: null
                  batch_format: rows
                  num_cpus: 0.25
                  num_gpus: 1
                  concurrency: [1, 4]
                  max_retries: 3
                  retry_exceptions: [java.io.IOException, java.io.UncheckedIOException]
              - map_batches: {name: w, fn: with_columns, fn_kwargs: {"odd name": "'it''s' || \\"x y\\"", b: "-1"}}
              - map: {fn: java:com.acme.Row, retry_exceptions: true, max_retries: 0}
              - flat_map: {fn: java:com.acme.Split, fn_kwargs: {by: " "}}
              - filter: {fn: java:com.acme.Keep, concurrency: 2}
              - filter: {expr: "a between 1 and 2 and b like 'x%'", num_cpus: 0.5}
              - select_columns: {cols: [a, b]}
              - drop_columns: {cols: b}
              - limit: {limit: 0}
              - repartition: {num_blocks: 4, shuffle: true}
              - repartition: {target_num_rows_per_block: 1000}
              - groupby: {key: [a, b], aggregate: ["count()", "sum(x) as total", "std(x)"]}
              - write_json: {path: out/json, min_rows_per_file: 10, max_rows_per_file: 20, num_cpus: 0.1}
            """;

    private final PipelineReader reader = new PipelineReader();
    private final PipelineWriter writer = new PipelineWriter();

    @TempDir
    Path folder;

    static Stream<Path> examples() throws IOException {
        return PipelineSchemaTest.examples();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleReadsBackEqualInBothSyntaxes(Path example) throws Exception {
        Pipeline original = reader.read(example);
        assertThat(PipelineSchemaTest.schema().validate(writer.toTree(original))).as("the schema").isEmpty();
        for (String extension : List.of("yaml", "json")) {
            Path written = folder.resolve("exported." + extension);
            writer.write(original, written, List.of("exported from " + example.getFileName()));
            assertThat(reader.read(written)).as(example + " as " + extension).isEqualTo(original);
        }
    }

    @Test
    void everyStepKindAndTrickyValueReadsBackEqual() throws Exception {
        Pipeline original = reader.read(EVERYTHING, PipelineFormat.YAML, "everything.yaml", "everything");
        assertThat(original.steps()).hasSize(14);
        assertThat(PipelineSchemaTest.schema().validate(writer.toTree(original))).as("the schema").isEmpty();
        for (PipelineFormat format : PipelineFormat.values()) {
            String text = writer.write(original, format, List.of());
            assertThat(reader.read(text, format, "written", "other")).as(text).isEqualTo(original);
        }
    }

    @Test
    void partitionOptionsReadBackEqualAndAreWrittenOnlyWhereSet() throws Exception {
        Pipeline original = reader.read("""
                pipeline:
                  - read_parquet: {paths: data, partitioning: null, file_extensions: [.PARQUET, pq]}
                  - write_parquet: {path: out, partition_cols: [year, month]}
                """, PipelineFormat.YAML, "p.yaml", "p");
        String text = writer.write(original, PipelineFormat.YAML, List.of());

        assertThat(reader.read(text, PipelineFormat.YAML, "written", "p")).isEqualTo(original);
        assertThat(text).contains("partitioning: null", "partition_cols:\n        - year\n        - month",
                "file_extensions:\n        - parquet\n        - pq");
        assertThat(writer.write(reader.read("pipeline:\n  - read_csv: {paths: a}\n  - show: {}\n",
                PipelineFormat.YAML, "q.yaml", "q"), PipelineFormat.YAML, List.of())).doesNotContain("partition");
    }

    @Test
    void theTextIsCanonicalWhateverTheInputLookedLike() throws Exception {
        Pipeline flow = reader.read("""
                pipeline:
                  - read_parquet: {paths: [data/events], columns: [id, value], num_cpus: 1.0}
                  - write_parquet: {path: out, compression: zstd}
                """, PipelineFormat.YAML, "a.yaml", "p");
        Pipeline block = reader.read("""
                {"name": "p", "context": {"target_max_block_size": 134217728},
                 "pipeline": [{"read_parquet": {"num_cpus": 1, "columns": ["id", "value"], "paths": "data/events",
                                                "include_paths": false}},
                              {"write_parquet": {"compression": "zstd", "path": "out"}}]}
                """, PipelineFormat.JSON, "b.json", "other");

        String text = writer.write(flow, PipelineFormat.YAML, List.of());
        assertThat(writer.write(block, PipelineFormat.YAML, List.of())).isEqualTo(text);
        assertThat(text).isEqualTo("""
                name: p
                context:
                  target_max_block_size: 128MiB
                  eager_free: false
                  enable_progress_bars: true
                  enable_operator_progress_bars: true
                  enable_auto_log_stats: false
                  max_errored_blocks: 0
                  allow_cpu_fallback: false
                pipeline:
                  - read_parquet:
                      paths: data/events
                      columns:
                        - id
                        - value
                      include_paths: false
                      num_cpus: 1
                  - write_parquet:
                      path: out
                      compression: zstd
                """);
    }

    @Test
    void aYamlFileStartsWithTheCommentAndJsonHasNone() throws Exception {
        Pipeline pipeline = reader.read(PipelineSchemaTest.examples().findFirst().orElseThrow());
        String yaml = writer.write(pipeline, PipelineFormat.YAML, List.of("Exported by pipetune", "", "from x"));
        assertThat(yaml).startsWith("# Exported by pipetune\n#\n# from x\nname: ");
        String json = writer.write(pipeline, PipelineFormat.JSON, List.of("Exported by pipetune"));
        assertThat(json).startsWith("{").doesNotContain("Exported");
    }
}
