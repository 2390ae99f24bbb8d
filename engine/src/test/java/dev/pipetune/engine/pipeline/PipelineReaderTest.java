package dev.pipetune.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineReaderTest {

    private static final String ETL = """
            name: etl
            context:
              target_max_block_size: 64MiB
              eager_free: true
              enable_auto_log_stats: true
              max_errored_blocks: 3
              resource_limits: {cpu: 2, gpu: 0, object_store_memory: 2GiB}
            pipeline:
              - read_parquet: {paths: [data/events], columns: [id, user_id, category, value, qty], num_cpus: 0.025}
              - map_batches:
                  name: transform
                  fn: with_columns
                  fn_kwargs: {amount: "value * qty", category_upper: "upper(category)"}
                  batch_size: 1000
                  num_cpus: 0.5
              - filter: {expr: "amount > 100"}
              - write_parquet: {path: out/etl, compression: snappy, num_cpus: 0.1}
            """;

    private final PipelineReader reader = new PipelineReader();

    @Test
    void readsEveryPartOfAValidFile() throws InvalidPipelineException {
        Pipeline pipeline = yaml(ETL);

        assertThat(pipeline.name()).isEqualTo("etl");
        DataContext context = pipeline.context();
        assertThat(context.targetMaxBlockSize()).isEqualTo(DataSize.ofMebibytes(64));
        assertThat(context.eagerFree()).isTrue();
        assertThat(context.enableAutoLogStats()).isTrue();
        assertThat(context.enableProgressBars()).as("Ray's default").isTrue();
        assertThat(context.maxErroredBlocks()).isEqualTo(3);
        assertThat(context.resourceLimits().cpu()).hasValue(2.0);
        assertThat(context.resourceLimits().gpu()).hasValue(0);
        assertThat(context.resourceLimits().objectStoreMemory()).hasValue(DataSize.ofMebibytes(2048));

        assertThat(pipeline.steps()).extracting(Step::kind).containsExactly(
                StepKind.READ_PARQUET, StepKind.MAP_BATCHES, StepKind.FILTER, StepKind.WRITE_PARQUET);
        Step.ReadParquet read = (Step.ReadParquet) pipeline.steps().get(0);
        assertThat(read.paths()).containsExactly("data/events");
        assertThat(read.columns()).hasValue(List.of("id", "user_id", "category", "value", "qty"));
        assertThat(read.resources().numCpus()).hasValue(0.025);

        Step.MapBatches transform = (Step.MapBatches) pipeline.steps().get(1);
        assertThat(transform.name()).hasValue("transform");
        assertThat(transform.fn().builtin()).hasValue(BuiltinFunction.WITH_COLUMNS);
        assertThat(transform.fnKwargs().values()).containsExactly(
                org.assertj.core.api.Assertions.entry("amount", "value * qty"),
                org.assertj.core.api.Assertions.entry("category_upper", "upper(category)"));
        assertThat(transform.batchSize()).hasValue(new BatchSize.Rows(1000));
        assertThat(transform.resources().numCpus()).hasValue(0.5);

        assertThat(((Step.Filter) pipeline.steps().get(2)).expression()).hasValue("amount > 100");
        Step.WriteParquet write = (Step.WriteParquet) pipeline.steps().get(3);
        assertThat(write.path()).isEqualTo("out/etl");
        assertThat(write.compression()).hasValue(Compression.SNAPPY);
    }

    @Test
    void jsonAndYamlOfTheSamePipelineAreEqual() throws InvalidPipelineException {
        String json = """
                {"name": "etl",
                 "context": {"target_max_block_size": "64MiB", "eager_free": true, "enable_auto_log_stats": true,
                             "max_errored_blocks": 3,
                             "resource_limits": {"cpu": 2, "gpu": 0, "object_store_memory": "2GiB"}},
                 "pipeline": [
                   {"read_parquet": {"paths": ["data/events"],
                                     "columns": ["id", "user_id", "category", "value", "qty"], "num_cpus": 0.025}},
                   {"map_batches": {"name": "transform", "fn": "with_columns",
                                    "fn_kwargs": {"amount": "value * qty", "category_upper": "upper(category)"},
                                    "batch_size": 1000, "num_cpus": 0.5}},
                   {"filter": {"expr": "amount > 100"}},
                   {"write_parquet": {"path": "out/etl", "compression": "snappy", "num_cpus": 0.1}}]}
                """;
        assertThat(reader.read(json, PipelineFormat.JSON, "etl.json", "unused")).isEqualTo(yaml(ETL));
    }

    @Test
    void readsConcurrencyRangesWholeBlockBatchesAndRetries() throws InvalidPipelineException {
        Pipeline pipeline = yaml("""
                pipeline:
                  - read_binary_files: {paths: docs}
                  - map_batches:
                      fn: java:com.example.Embedder
                      fn_constructor_kwargs: {model: mini, dims: 384}
                      batch_size: null
                      concurrency: [1, 4]
                      num_gpus: 0.5
                      max_retries: 2
                      retry_exceptions: [java.io.IOException]
                  - groupby: {key: [a, b], aggregate: ["count()", "mean(x) as mean_x"]}
                  - show: {limit: 5}
                """);
        Step.MapBatches embed = (Step.MapBatches) pipeline.steps().get(1);
        assertThat(embed.fn().javaClassName()).hasValue("com.example.Embedder");
        assertThat(embed.fnConstructorKwargs().values()).containsEntry("model", "mini").containsEntry("dims", 384L);
        assertThat(embed.batchSize()).hasValue(new BatchSize.WholeBlock());
        assertThat(embed.resources().concurrency()).hasValue(new Concurrency.Autoscaling(1, 4));
        assertThat(embed.resources().numGpus()).hasValue(0.5);
        assertThat(embed.retry().maxRetries()).hasValue(2);
        assertThat(embed.retry().retryOn()).isEqualTo(new RetryPolicy.RetryOn.Listed(List.of("java.io.IOException")));
        Step.GroupBy groupBy = (Step.GroupBy) pipeline.steps().get(2);
        assertThat(groupBy.keys()).containsExactly("a", "b");
        assertThat(groupBy.aggregates()).extracting(Aggregate::outputName).containsExactly("count()", "mean_x");
        assertThat(((Step.Show) pipeline.steps().get(3)).limit()).isEqualTo(5);
        assertThat(((Step.Read) pipeline.steps().get(0)).includePaths()).as("read_binary_files default").isTrue();
        assertThat(pipeline.name()).as("defaults to the source's name").isEqualTo("test");
    }

    @Test
    void unknownKeysSuggestTheNearestKnownOne() {
        assertThat(problems("""
                nmae: x
                pipeline:
                  - read_parquet: {paths: data, colums: [a]}
                  - map_batches: {fn: with_columns, fn_kwargs: {a: "1"}, batch_sise: 10}
                """)).containsExactly(
                "nmae: unknown key; did you mean 'name'?",
                "pipeline[0].read_parquet.colums: unknown key; did you mean 'columns'?",
                "pipeline[1].map_batches.batch_sise: unknown key; did you mean 'batch_size'?");
    }

    @Test
    void extractTextTakesOnlyAKnownFormat() throws InvalidPipelineException {
        assertThat(problems("""
                pipeline:
                  - read_binary_files: {paths: docs}
                  - map_batches: {fn: extract_text, fn_kwargs: {format: docx, html: beautifulsoup, charset: x}}
                  - map_batches: {fn: extract_text, fn_kwargs: {format: 3}}
                  - map_batches: {fn: extract_text, fn_kwargs: {format: pdf, html: jsoup}}
                """)).containsExactly(
                "pipeline[1].map_batches.fn_kwargs.format: must be one of auto, tags, html, pdf, text, got 'docx'",
                "pipeline[1].map_batches.fn_kwargs.html: must be one of tags, jsoup, got 'beautifulsoup'",
                "pipeline[1].map_batches.fn_kwargs.charset: unknown key; extract_text takes 'format' and 'html'",
                "pipeline[2].map_batches.fn_kwargs.format: must be one of auto, tags, html, pdf, text, got 3",
                "pipeline[3].map_batches.fn_kwargs.html: html: jsoup applies to format auto; format 'pdf' decides "
                        + "how it reads HTML itself");
        Pipeline valid = new PipelineReader().read("""
                pipeline:
                  - read_binary_files: {paths: docs}
                  - map_batches: {fn: extract_text, fn_kwargs: {format: pdf}}
                  - map_batches: {fn: extract_text, fn_kwargs: {html: jsoup}}
                """, PipelineFormat.YAML, "test.yaml", "test");
        assertThat(valid.steps()).hasSize(3);
    }

    @Test
    void anUnknownKeyWithNoNearNameListsTheKnownOnes() {
        assertThat(problems("""
                pipeline:
                  - read_csv: {paths: data, zzzzzzzzzzzzz: 1}
                """)).containsExactly("pipeline[0].read_csv.zzzzzzzzzzzzz: unknown key; known keys: name, paths, "
                + "include_paths, partitioning, file_extensions, num_cpus, memory, concurrency");
    }

    @Test
    void outOfRangeValuesNameTheirPath() {
        assertThat(problems("""
                pipeline:
                  - read_parquet: {paths: data, num_cpus: 0}
                  - map_batches: {fn: "java:a.B", batch_size: -5, concurrency: [4, 2], num_gpus: -1}
                  - map_batches: {fn: "java:a.C", concurrency: 0, max_retries: -1}
                """)).containsExactly(
                "pipeline[0].read_parquet.num_cpus: must be a number greater than 0, got 0",
                "pipeline[1].map_batches.batch_size: must be a positive integer, or null for whole blocks, got -5",
                "pipeline[1].map_batches.num_gpus: must be a number, 0 or more, got -1",
                "pipeline[1].map_batches.concurrency: the range's minimum must not exceed its maximum, got [4, 2]",
                "pipeline[2].map_batches.concurrency: must be a positive integer or a range [min, max], got 0",
                "pipeline[2].map_batches.max_retries: must be an integer, 0 or more, got -1");
    }

    @Test
    void wrongTypesNameTheirPathAndTheValue() {
        assertThat(problems("""
                context: {eager_free: "yes", target_max_block_size: lots, resource_limits: {gpu: 1.5}}
                pipeline:
                  - read_parquet: {paths: [data, 3], columns: id}
                  - map_batches: {fn: "java:a.B", batch_size: "10", num_cpus: "half"}
                  - write_parquet: {path: out, compression: lzma}
                """)).containsExactly(
                "context.target_max_block_size: must be a positive size such as 128MiB, 2GiB or 500MB, got 'lots'",
                "context.eager_free: must be true or false, got 'yes'",
                "context.resource_limits.gpu: must be an integer, 0 or more, got 1.5",
                "pipeline[0].read_parquet.paths: must be a string or a non-empty list of strings, got [\"data\", 3]",
                "pipeline[1].map_batches.batch_size: must be a positive integer, or null for whole blocks, got '10'",
                "pipeline[1].map_batches.num_cpus: must be a number greater than 0, got 'half'",
                "pipeline[2].write_parquet.compression: must be one of snappy, gzip, zstd, none, got 'lzma'");
    }

    @Test
    void aPipelineMustStartWithAReadAndEndAtAWrite() {
        assertThat(problems("""
                pipeline:
                  - map_batches: {fn: "java:a.B"}
                  - read_csv: {paths: data}
                  - write_csv: {path: out}
                  - filter: {expr: "a > 1"}
                """)).containsExactly(
                "pipeline[0]: a pipeline must start with a read step (read_parquet, read_csv, read_json or "
                        + "read_binary_files), got map_batches",
                "pipeline[1]: only the first step may read; read_csv cannot follow other steps",
                "pipeline[3]: no step may follow write_csv at pipeline[2]; it ends the pipeline");
    }

    @Test
    void badExpressionsAreReportedWhereTheyAre() {
        List<String> problems = problems("""
                pipeline:
                  - read_parquet: {paths: data}
                  - map_batches: {fn: with_columns, fn_kwargs: {amount: "value * * qty", up: "uper(category)"}}
                  - filter: {expr: "amount >"}
                """);
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith("pipeline[1].map_batches.fn_kwargs.amount: ").contains("'*'");
        assertThat(problems.get(1)).startsWith("pipeline[1].map_batches.fn_kwargs.up: ").contains("'upper'");
        assertThat(problems.get(2)).startsWith("pipeline[2].filter.expr: ").contains("end of expression");
    }

    @Test
    void unknownStepsAndFunctionsSuggestTheNearestOne() {
        assertThat(problems("""
                pipeline:
                  - read_parquet: {paths: data}
                  - map_batch: {fn: with_columns}
                  - map_batches: {fn: with_column, fn_kwargs: {a: "1"}}
                  - map_batches: {fn: "java:not a class"}
                """)).containsExactly(
                "pipeline[1]: unknown step 'map_batch'; did you mean 'map_batches'?",
                "pipeline[2].map_batches.fn: unknown function 'with_column'; did you mean 'with_columns'?; use a "
                        + "built-in function (with_columns, extract_text, torch_model, sentence_embedding) or "
                        + "java:<fully.qualified.ClassName>",
                "pipeline[3].map_batches.fn: 'not a class' is not a Java class name; write "
                        + "java:<fully.qualified.ClassName>");
    }

    @Test
    void missingRequiredKeysAndInconsistentOptionsAreReported() {
        assertThat(problems("""
                pipeline:
                  - read_parquet: {columns: [a]}
                  - filter: {}
                  - filter: {expr: "a > 1", fn: "java:a.B"}
                  - map_batches: {fn: with_columns}
                  - groupby: {key: a, aggregate: ["sum()", "count()", "count()"]}
                  - write_parquet: {path: out, min_rows_per_file: 10, max_rows_per_file: 5}
                """)).containsExactly(
                "pipeline[0].read_parquet: missing required key 'paths'",
                "pipeline[1].filter: missing required key 'expr' (an expression such as 'amount > 100') or 'fn'",
                "pipeline[2].filter: give either 'expr' or 'fn', not both",
                "pipeline[3].map_batches: with_columns needs fn_kwargs mapping each new column to an expression, "
                        + "e.g. {amount: \"value * qty\"}",
                "pipeline[4].groupby.aggregate[0]: sum() needs a column, e.g. sum(value)",
                "pipeline[4].groupby.aggregate[2]: output column 'count()' appears twice; rename one with 'as'",
                "pipeline[5].write_parquet.min_rows_per_file: must not exceed max_rows_per_file (5), got 10");
    }

    @Test
    void stepNamesMustBeUniqueAndNotLookLikeIndexes() {
        assertThat(problems("""
                pipeline:
                  - read_parquet: {name: read, paths: data}
                  - filter: {name: read, expr: "a > 1"}
                  - filter: {name: "7", expr: "a > 1"}
                """)).containsExactly(
                "pipeline[2].filter.name: must start with a letter or '_' and contain only letters, digits, '_' and "
                        + "'-', got '7'",
                "pipeline[1].filter.name: step name 'read' is already used by pipeline[0]");
    }

    @Test
    void yamlSyntaxErrorsGiveLineAndColumn() {
        List<String> problems = problems("""
                name: etl
                pipeline:
                  - read_parquet: {paths: data
                  - filter: {expr: "a > 1"}
                """);
        assertThat(problems).hasSize(1);
        assertThat(problems.getFirst()).matches("line \\d+, column \\d+: YAML syntax error: .+");
    }

    @Test
    void duplicateKeysAreSyntaxErrors() {
        assertThat(problems("""
                name: a
                name: b
                pipeline: [{read_csv: {paths: x}}]
                """)).singleElement().asString().startsWith("line 2, column ").contains("Duplicate field 'name'");
    }

    @Test
    void jsonSyntaxErrorsGiveLineAndColumn() {
        InvalidPipelineException invalid = catchThrowableOfType(InvalidPipelineException.class,
                () -> reader.read("{\"pipeline\": [}", PipelineFormat.JSON, "p.json", "p"));
        assertThat(invalid.problems()).singleElement().asString()
                .startsWith("line 1, column 15: JSON syntax error: Unexpected close marker '}'")
                .doesNotContain("Source");
    }

    @Test
    void aFileThatIsNotAMappingOrHasNoStepsIsReported() {
        assertThat(problems("- read_csv: {paths: x}\n")).singleElement().asString()
                .startsWith("a pipeline file must be a mapping with 'pipeline:'");
        assertThat(problems("name: x\n")).containsExactly("missing required key 'pipeline' (the list of steps)");
        assertThat(problems("pipeline: []\n")).containsExactly("pipeline: must be a non-empty list of steps, got []");
        assertThat(problems("")).containsExactly("the file is empty");
    }

    @Test
    void aFileHoldsOneDocumentAndNothingAfterIt() throws InvalidPipelineException {
        String one = "pipeline:\n  - read_parquet: {paths: in}\n  - show: {}\n";
        assertThat(problems(one + "---\npipeline: [oops]\n"))
                .containsExactly("line 5, column 1: a second YAML document; a pipeline file holds one document");
        InvalidPipelineException json = catchThrowableOfType(InvalidPipelineException.class, () -> reader.read(
                "{\"pipeline\": [{\"read_parquet\": {\"paths\": \"in\"}}]}\n{\"pipeline\": []}",
                PipelineFormat.JSON, "p.json", "p"));
        assertThat(json.problems()).singleElement().asString()
                .isEqualTo("line 2, column 1: more JSON after the pipeline's object; a pipeline file holds one object");
        // A document start marker, comments and blank lines around the one document are fine.
        assertThat(yaml("---\n" + one + "# the end\n\n").steps()).hasSize(2);
        assertThat(yaml(one + "...\n").steps()).hasSize(2);
    }

    @Test
    void aMissingFileIsAProblemNotACrash(@org.junit.jupiter.api.io.TempDir Path folder) {
        InvalidPipelineException invalid = catchThrowableOfType(InvalidPipelineException.class,
                () -> reader.read(folder.resolve("nope.yaml")));
        assertThat(invalid.problems()).singleElement().asString().startsWith("no such file: ");
    }

    @Test
    void stepsAreAddressedByNameOrIndex() throws InvalidPipelineException {
        Pipeline pipeline = yaml(ETL);
        assertThat(pipeline.indexOf("transform")).hasValue(1);
        assertThat(pipeline.indexOf("2")).hasValue(2);
        assertThat(pipeline.indexOf("4")).isEmpty();
        assertThat(pipeline.indexOf("nothing")).isEmpty();
        assertThat(pipeline.label(1)).isEqualTo("transform");
        assertThat(pipeline.label(2)).isEqualTo("filter[2]");
        assertThat(pipeline.sink()).map(Step::kind).isEqualTo(Optional.of(StepKind.WRITE_PARQUET));
    }

    private Pipeline yaml(String text) throws InvalidPipelineException {
        return reader.read(text, PipelineFormat.YAML, "test.yaml", "test");
    }

    @Test
    void modelBuiltInsNeedAnActorPoolAndTheirOwnConstructorArguments() {
        List<String> problems = problems("""
                pipeline:
                  - read_parquet: {paths: data}
                  - map_batches: {fn: torch_model, fn_constructor_kwargs: {model_path: m.pt, input_colums: [a]}}
                  - map_batches:
                      fn: sentence_embedding
                      fn_constructor_kwargs: {input_column: [text], max_length: 0, forward_batch_size: 0}
                      concurrency: 2
                  - map_batches:
                      fn: sentence_embedding
                      fn_constructor_kwargs: {input_column: text, forward_batch_size: 16}
                      concurrency: 1
                """);
        assertThat(problems).containsExactly(
                "pipeline[1].map_batches: torch_model loads a model once per actor and runs in an actor pool: set "
                        + "concurrency to the number of actors, e.g. 2, or a range [1, 4]",
                "pipeline[1].map_batches.fn_constructor_kwargs.input_colums: unknown argument of torch_model; did "
                        + "you mean 'input_columns'?",
                "pipeline[1].map_batches.fn_constructor_kwargs: missing required argument 'input_columns' of "
                        + "torch_model",
                "pipeline[2].map_batches.fn_constructor_kwargs.input_column: must be a string, got [\"text\"]",
                "pipeline[2].map_batches.fn_constructor_kwargs.max_length: must be an integer greater than 0, got 0",
                "pipeline[2].map_batches.fn_constructor_kwargs.forward_batch_size: must be an integer greater than 0, "
                        + "got 0");
    }

    @Test
    void allowCpuFallbackIsAContextSettingOffByDefault() throws InvalidPipelineException {
        assertThat(yaml("pipeline: [{read_parquet: {paths: data}}]").context().allowCpuFallback()).isFalse();
        Pipeline pipeline = yaml("""
                context: {allow_cpu_fallback: true}
                pipeline:
                  - read_parquet: {paths: data}
                  - map_batches:
                      fn: sentence_embedding
                      fn_constructor_kwargs: {input_column: text}
                      num_gpus: 1
                      batch_size: 32
                      concurrency: 4
                """);
        assertThat(pipeline.context().allowCpuFallback()).isTrue();
        Step.MapBatches embed = (Step.MapBatches) pipeline.steps().get(1);
        assertThat(embed.fn().builtin()).hasValue(BuiltinFunction.SENTENCE_EMBEDDING);
        assertThat(SettingsCheck.check(pipeline)).as("batch_size matters to a model").isEmpty();
    }

    private List<String> problems(String yaml) {
        InvalidPipelineException invalid =
                catchThrowableOfType(InvalidPipelineException.class, () -> yaml(yaml));
        assertThat(invalid).as("the file should be invalid").isNotNull();
        return invalid.problems().stream().map(PipelineProblem::toString).toList();
    }
}
