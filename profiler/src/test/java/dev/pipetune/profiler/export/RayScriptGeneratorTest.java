package dev.pipetune.profiler.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Ray script's text: the API forms of each Ray release, placeholders, paths, context and error messages. */
class RayScriptGeneratorTest {

    private static final String ETL = """
            name: etl
            context:
              target_max_block_size: 64MiB
              eager_free: true
              enable_progress_bars: false
              max_errored_blocks: -1
              resource_limits: {cpu: 2, object_store_memory: 1GiB}
            pipeline:
              - read_parquet: {name: read, paths: [data/events, "${DATA}/more"], columns: [id, value, qty],
                               num_cpus: 0.025, concurrency: 8}
              - map_batches:
                  name: transform
                  fn: with_columns
                  fn_kwargs: {amount: "cast(qty as double) * value", label: "upper(category) || '-x'"}
                  batch_size: 1000
                  num_cpus: 0.5
                  concurrency: 4
              - filter: {name: keep_large, expr: "amount > 100 and qty in (1, 2)"}
              - filter: {name: keep_named, expr: "label like 'CAT%'"}
              - write_parquet: {name: write, path: out/etl, compression: zstd, min_rows_per_file: 10,
                                max_rows_per_file: 100, num_cpus: 0.1, partition_cols: [category]}
            """;

    private final RayScriptGenerator generator = new RayScriptGenerator();

    @Test
    void recentRaysGetComputeStrategiesPredicateExpressionsAndRowsPerFile() throws Exception {
        RayScript script = generate(ETL, "2.58");
        String text = script.text();
        assertThat(text).contains("Exported by pipetune test from etl.yaml for Ray Data 2.58.")
                .contains("BASE_DIR = os.environ.get(\"PIPETUNE_BASE_DIR\", \"/pipelines\")")
                .contains("[resolve(\"data/events\"), resolve(\"${DATA}/more\")]")
                .contains("columns=[\"id\", \"value\", \"qty\"]")
                .contains("ray_remote_args={\"num_cpus\": 0.025}")
                .contains("concurrency=8")
                .contains("compute=ray.data.TaskPoolStrategy(size=4)")
                .contains("batch_format=\"pyarrow\"", "batch_size=1000", "num_cpus=0.5")
                .contains("ds = ds.filter(expr=((col(\"amount\") > lit(100)) & ((col(\"qty\") == lit(1)) | "
                        + "(col(\"qty\") == lit(2)))))")
                .contains("compression=\"zstd\"", "partition_cols=[\"category\"]", "min_rows_per_file=10",
                        "max_rows_per_file=100")
                .contains("context.target_max_block_size = 67108864  # 64MiB")
                .contains("context.eager_free = True", "context.enable_progress_bars = False")
                .contains("context.max_errored_blocks = -1")
                .contains("ExecutionResources(cpu=2, object_store_memory=1073741824)");
        assertThat(text).as("a like pattern is not a Ray predicate: pyarrow compute keeps pipetune's semantics")
                .contains("return _keep(table, pc.match_like(_text(table[\"label\"]), pattern=\"CAT%\"))")
                .contains("(\"amount\", lambda table: _multiply(_cast(table[\"qty\"], \"float64\"), "
                        + "table[\"value\"]))");
        assertThat(text).doesNotContain("concurrency=4", "java_placeholder");
        assertThat(script.notes()).isEmpty();
    }

    @Test
    void olderRaysGetConcurrencyPyarrowFiltersAndNoMaximumRowsPerFile() throws Exception {
        RayScript script = generate(ETL, "2.40.0");
        assertThat(script.text()).contains("concurrency=4", "num_rows_per_file=10")
                .doesNotContain("compute=", "filter(expr=", "from ray.data.expressions", "max_rows_per_file=")
                .contains("# keep_large: amount > 100 and qty in (1, 2) (pyarrow compute: Ray 2.40 has no predicate "
                        + "expressions)");
        assertThat(script.notes()).containsExactly(
                "write: max_rows_per_file=100 needs Ray 2.47 or later; Ray 2.40 writes files of any size");
    }

    @Test
    void modelBuiltInsBecomeThePythonClassesWithTheSameArguments() throws Exception {
        RayScript script = generate("""
                pipeline:
                  - read_parquet: {paths: data/events, columns: [id, text, value, qty]}
                  - map_batches:
                      name: embed
                      fn: sentence_embedding
                      fn_constructor_kwargs: {input_column: text, output_column: vector}
                      batch_size: 64
                      num_gpus: 1
                      concurrency: 2
                  - map_batches:
                      name: score
                      fn: torch_model
                      fn_constructor_kwargs: {model_path: models/tiny.pt, input_columns: [value, qty]}
                      concurrency: 1
                  - write_parquet: {path: out/models}
                """, "2.58");
        assertThat(script.text()).contains("class SentenceEmbedding:", "class TorchModel:", "def resolve(")
                .contains("SentenceEmbedding,", "fn_constructor_kwargs={\"input_column\": \"text\", \"output_column\": "
                        + "\"vector\"}", "compute=ray.data.ActorPoolStrategy(size=2)", "num_gpus=1")
                .contains("TorchModel,", "\"model_path\": \"models/tiny.pt\"")
                .doesNotContain("java_placeholder(");
        assertThat(script.text()).as("the shipped model's folder, beside the script unless changed")
                .contains("MODEL_DIR = os.environ.get(\"PIPETUNE_MODEL_DIR\", os.path.join(os.path.dirname("
                        + "os.path.abspath(__file__)), \"pipetune-models\"))", "os.path.join(MODEL_DIR, name)",
                        "parser.add_argument(\"--model-dir\"", "MODEL_DIR = args.model_dir",
                        "Needs: pip install \"ray[data]==2.58.*\" pyarrow onnxruntime tokenizers numpy torch\n",
                        "[--model-dir DIR]");
        assertThat(script.bundledModels()).containsExactly(BundledModel.ALL_MINILM_L6_V2);
        assertThat(script.notes()).noneMatch(note -> note.contains("placeholder"))
                .containsExactly("all-MiniLM-L6-v2 loads from MODEL_DIR/all-MiniLM-L6-v2 (MODEL_DIR: pipetune-models/ "
                        + "beside the script, --model-dir or PIPETUNE_MODEL_DIR)");
        assertParsesWherePythonRuns(script);
    }

    @Test
    void aTorchModelAloneNeedsNoModelFolder() throws Exception {
        RayScript script = generate("""
                pipeline:
                  - read_parquet: {paths: data/events, columns: [value, qty]}
                  - map_batches:
                      fn: torch_model
                      fn_constructor_kwargs: {model_path: models/tiny.pt, input_columns: [value, qty]}
                      concurrency: 1
                """, "2.58");
        assertThat(script.text()).contains("class TorchModel:", "def _float_lists(", "pyarrow torch numpy\n")
                .doesNotContain("MODEL_DIR", "class SentenceEmbedding", "--model-dir");
        assertThat(script.bundledModels()).isEmpty();
        assertThat(script.notes()).isEmpty();
        assertParsesWherePythonRuns(script);
    }

    @Test
    void javaFunctionsBecomePlaceholdersThatRefuseToRun() throws Exception {
        RayScript script = generate("""
                pipeline:
                  - read_binary_files: {paths: docs}
                  - map_batches: {fn: extract_text, batch_size: 100}
                  - map_batches:
                      name: embed
                      fn: java:dev.pipetune.models.SentenceEmbedding
                      fn_constructor_kwargs: {model: all-MiniLM-L6-v2}
                      num_gpus: 1
                      concurrency: [1, 2]
                  - map:
                      name: tag
                      fn: java:com.acme.Tag
                      fn_kwargs: {prefix: x}
                      retry_exceptions: [java.io.IOException]
                  - show: {limit: 5}
                """, "2.58");
        assertThat(script.text())
                .contains("@java_placeholder(\"dev.pipetune.models.SentenceEmbedding\")\nclass SentenceEmbedding:")
                .contains("def __init__(self, model):")
                .contains("raise NotImplementedError(\"port the Java class dev.pipetune.models.SentenceEmbedding "
                        + "(embed) to Python\")")
                .contains("compute=ray.data.ActorPoolStrategy(min_size=1, max_size=2)", "num_gpus=1")
                .contains("def tag(row: dict, prefix) -> dict:")
                .contains("ds = ds.map(tag, fn_kwargs={\"prefix\": \"x\"}, retry_exceptions=True)")
                .contains("refuse_placeholders()\n    configure_context()")
                .contains("ds = ds.map_batches(extract_text, batch_format=\"pyarrow\", batch_size=100)")
                .contains("include_paths=True")
                .contains("ds.show(5)");
        assertThat(script.notes()).hasSize(3).anyMatch(note -> note.contains("pipetune retried only "
                + "java.io.IOException"));
    }

    @Test
    void partitioningIsWrittenWhereItIsNotRaysDefault() throws Exception {
        assertThat(generate("""
                pipeline:
                  - read_parquet: {paths: events}
                  - show: {limit: 5}
                """, "2.58").text()).contains("ds = ray.data.read_parquet([resolve(\"events\")])")
                .doesNotContain("partitioning");
        assertThat(generate("""
                pipeline:
                  - read_csv: {paths: events, partitioning: null, file_extensions: [csv]}
                  - show: {limit: 5}
                """, "2.58").text()).contains("partitioning=None", "file_extensions=[\"csv\"]");
        assertThat(generate("""
                pipeline:
                  - read_binary_files: {paths: docs, partitioning: hive}
                  - show: {limit: 5}
                """, "2.58").text()).contains("partitioning=ray.data.datasource.Partitioning(\"hive\")");
    }

    @Test
    void aPipelineWithoutAWriteReturnsItsRowsAndGroupsWithRayAggregates() throws Exception {
        String text = generate("""
                pipeline:
                  - read_parquet: {paths: events, columns: [category, value]}
                  - groupby: {key: category, aggregate: ["count() as n", "mean(value)", "std(value) as s"]}
                """, "2.58").text();
        assertThat(text).contains("from ray.data.aggregate import Count, Mean, Std")
                .contains("    ds = ds.groupby(\"category\").aggregate(\n"
                        + "        Count(alias_name=\"n\"),\n"
                        + "        Mean(\"value\", alias_name=\"mean(value)\"),\n"
                        + "        Std(\"value\", ddof=1, alias_name=\"s\"),\n"
                        + "    )\n")
                .contains("    return collect(ds)\n")
                .contains("parser.add_argument(\"--result\"");
    }

    @Test
    void whatPyarrowNeedsAsAConstantMustBeOneAndTheMessageNamesTheStep() throws Exception {
        assertThatThrownBy(() -> generate("""
                pipeline:
                  - read_parquet: {paths: events}
                  - map_batches: {name: t, fn: with_columns, fn_kwargs: {x: "replace(category, text, 'y')"}}
                """, "2.58"))
                .isInstanceOf(ExportException.class)
                .hasMessage("t: fn_kwargs.x: replace's second argument must be a string literal to export "
                        + "'replace(category, text, 'y')' to pyarrow compute");
    }

    @Test
    void versionsOutsideTwoTenToTwoXAreRejectedWithTheSupportedRange() {
        assertThat(RayVersion.parse("2.58.0")).isEqualTo(new RayVersion(2, 58));
        assertThat(RayVersion.parse("2.10.0rc1")).isEqualTo(RayVersion.OLDEST);
        assertThatThrownBy(() -> RayVersion.parse("2.9.3")).hasMessage(
                "Ray 2.9 is not supported; give a 2.x release from 2.10 on, e.g. 2.58");
        assertThatThrownBy(() -> RayVersion.parse("3.0")).hasMessageStartingWith("Ray 3.0 is not supported");
        assertThatThrownBy(() -> RayVersion.parse("latest")).hasMessage("'latest' is not a Ray release such as 2.58");
    }

    @Test
    void scriptsAreValidPython() throws Exception {
        assumeTrue(PythonSyntax.available(), "python3");
        for (String version : new String[] {"2.10", "2.50", "2.58"}) {
            assertThat(PythonSyntax.problems(generate(ETL, version).text())).as(version).isEmpty();
        }
    }

    private RayScript generate(String yaml, String version) throws Exception {
        Pipeline pipeline = new PipelineReader().read(yaml, PipelineFormat.YAML, "etl.yaml", "etl");
        return generator.generate(pipeline, new RayExportOptions(RayVersion.parse(version), "etl.yaml",
                "pipetune test", Path.of("/pipelines")));
    }

    private static void assertParsesWherePythonRuns(RayScript script) throws Exception {
        if (PythonSyntax.available()) {
            assertThat(PythonSyntax.problems(script.text())).isEmpty();
        }
    }
}
