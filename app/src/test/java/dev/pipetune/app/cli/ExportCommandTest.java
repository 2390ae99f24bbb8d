package dev.pipetune.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.engine.pipeline.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipetune export} as a user runs it: the three targets, overrides, output files and exit codes. */
class ExportCommandTest {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @TempDir
    Path folder;

    @Test
    void yamlAndJsonExportsReadBackAsTheOverriddenPipeline() throws Exception {
        Path etl = EXAMPLES.resolve("etl.yaml");
        for (String format : new String[] {"yaml", "json"}) {
            Path output = folder.resolve("tuned." + format);
            CliResult result = CliResult.run("export", etl.toString(), "--to", format, "-o", output.toString(),
                    "--set", "transform.batch_size=4096", "--set", "context.eager_free=false");
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.err()).contains("wrote " + output);
            Pipeline exported = new PipelineReader().read(output);
            Step.MapBatches transform = (Step.MapBatches) exported.steps().get(1);
            assertThat(transform.batchSize()).hasValue(new dev.pipetune.engine.pipeline.BatchSize.Rows(4096));
            assertThat(exported.context().eagerFree()).isFalse();
            assertThat(exported.steps()).hasSize(4);
        }
        assertThat(Files.readString(folder.resolve("tuned.yaml")))
                .startsWith("# Exported by pipetune ")
                .contains("from " + etl + " with --set transform.batch_size=4096 --set context.eager_free=false.");
    }

    @Test
    void withoutAnOutputFileTheExportGoesToStandardOutput() {
        CliResult result = CliResult.run("export", EXAMPLES.resolve("aggregate.yaml").toString(), "--to", "ray",
                "--ray-version", "2.45");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("#!/usr/bin/env python3\n\"\"\"aggregate: ")
                .contains("for Ray Data 2.45.")
                .contains("BASE_DIR = os.environ.get(\"PIPETUNE_BASE_DIR\", \"" + EXAMPLES + "\")")
                .contains("ds = ds.groupby(\"category\").aggregate(");
    }

    @Test
    void aModelBuiltInIsExportedAsTheEquivalentPythonClassInAnActorPool() throws Exception {
        Path output = folder.resolve("inference.py");
        CliResult result = CliResult.run("export", EXAMPLES.resolve("batch-inference.yaml").toString(), "--to",
                "ray", "-o", output.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).doesNotContain("placeholder");
        assertThat(Files.readString(output)).contains("class SentenceEmbedding:")
                .contains("ds = ds.map_batches(\n        SentenceEmbedding,")
                .contains("fn_constructor_kwargs={\"model\": \"all-MiniLM-L6-v2\", \"input_column\": \"text\", "
                        + "\"output_column\": \"embedding\"}")
                .contains("compute=ray.data.ActorPoolStrategy(size=4)")
                .doesNotContain("extract_text(");
        Path models = folder.resolve("pipetune-models").resolve("all-MiniLM-L6-v2");
        assertThat(models.resolve("model.onnx")).as("the ONNX file pipetune ships, beside the script").isRegularFile();
        assertThat(Files.size(models.resolve("model.onnx"))).isGreaterThan(80_000_000);
        assertThat(Files.readString(models.resolve("tokenizer.json"))).contains("WordPiece");
        assertThat(result.err()).contains("wrote " + models + " (all-MiniLM-L6-v2's model files)");

        CliResult toStandardOutput = CliResult.run("export", EXAMPLES.resolve("batch-inference.yaml").toString(),
                "--to", "ray");
        assertThat(toStandardOutput.exitCode()).as(toStandardOutput.err()).isZero();
        assertThat(toStandardOutput.out()).contains("class SentenceEmbedding:");
        assertThat(toStandardOutput.err()).contains("note: standard output gets the script only; export with -o "
                + "SCRIPT.py to write all-MiniLM-L6-v2's files to pipetune-models/ beside it");
    }

    @Test
    void aJavaFunctionIsExportedAsAPlaceholderWithANote() throws Exception {
        Path pipeline = Files.writeString(folder.resolve("java.yaml"), """
                pipeline:
                  - read_parquet: {paths: data/events}
                  - map_batches:
                      name: inference
                      fn: java:dev.pipetune.models.SentenceEmbedding
                      fn_constructor_kwargs: {model: all-MiniLM-L6-v2}
                      concurrency: 4
                  - write_parquet: {path: out/java}
                """);
        Path output = folder.resolve("java.py");
        CliResult result = CliResult.run("export", pipeline.toString(), "--to", "ray", "-o", output.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("note: inference: SentenceEmbedding is a placeholder for the Java class "
                + "dev.pipetune.models.SentenceEmbedding");
        assertThat(Files.readString(output)).contains("compute=ray.data.ActorPoolStrategy(size=4)")
                .contains("raise NotImplementedError(\"port the Java class dev.pipetune.models.SentenceEmbedding");
    }

    @Test
    void badInputExitsTwoAndAnUnexportablePipelineExitsOne() throws Exception {
        Path etl = EXAMPLES.resolve("etl.yaml");
        assertThat(CliResult.run("export", etl.toString(), "--to", "xml").err())
                .contains("--to must be yaml, json or ray, got 'xml'");
        CliResult oldRay = CliResult.run("export", etl.toString(), "--to", "ray", "--ray-version", "2.9");
        assertThat(oldRay.exitCode()).isEqualTo(2);
        assertThat(oldRay.err()).contains("Ray 2.9 is not supported; give a 2.x release from 2.10 on");
        CliResult badOverride = CliResult.run("export", etl.toString(), "--to", "yaml", "--set", "nowhere.x=1");
        assertThat(badOverride.exitCode()).isEqualTo(2);
        assertThat(badOverride.err()).contains("no step is named or numbered 'nowhere'");

        Path pipeline = folder.resolve("dynamic.yaml");
        Files.writeString(pipeline, """
                pipeline:
                  - read_parquet: {paths: data}
                  - map_batches: {name: tidy, fn: with_columns, fn_kwargs: {short: "substr(category, qty)"}}
                """);
        CliResult unexportable = CliResult.run("export", pipeline.toString(), "--to", "ray");
        assertThat(unexportable.exitCode()).isEqualTo(1);
        assertThat(unexportable.err()).contains(pipeline + ": cannot export to Ray: tidy: fn_kwargs.short: "
                + "substr's start must be an integer literal");
        assertThat(CliResult.run("export", pipeline.toString(), "--to", "ray", "-o",
                folder.resolve("never.py").toString()).exitCode()).isEqualTo(1);
        assertThat(folder.resolve("never.py")).doesNotExist();
    }
}
