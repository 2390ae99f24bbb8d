package dev.pipetune.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.app.gui.UserFunctionJar;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.profiler.tuning.Study;
import dev.pipetune.profiler.tuning.StudyFiles;
import dev.pipetune.profiler.tuning.Trial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipetune tune} as a user runs it: a tiny sweep end to end, its table, study file and tuned pipeline. */
class TuneCommandTest {

    private static final String ETL = """
            name: etl
            context: {target_max_block_size: 128MiB}
            pipeline:
              - read_parquet: {name: read, paths: data/events, columns: [id, user_id, category, value, qty]}
              - map_batches:
                  name: transform
                  fn: with_columns
                  fn_kwargs: {amount: "cast(qty as double) * value", category_upper: "upper(category)"}
                  batch_size: 1000
                  num_cpus: 0.5
              - filter: {name: keep_large, expr: "amount > 100"}
              - write_parquet: {name: write, path: out/etl, compression: snappy}
            """;

    @TempDir
    static Path folder;

    @BeforeAll
    static void writeSampleData() throws IOException {
        CliResult result = CliResult.run("sample-data", folder.resolve("data").toString(), "--rows", "20000",
                "--docs", "10");
        assertThat(result.exitCode()).as(result.err()).isZero();
        Files.writeString(folder.resolve("etl.yaml"), ETL);
    }

    @Test
    void tinySweepPrintsTheTrialsSavesTheStudyAndWritesTheTunedPipeline() throws Exception {
        Path studyFile = folder.resolve("etl.ptstudy");
        Path tuned = folder.resolve("etl-tuned.yaml");
        CliResult result = CliResult.run("tune", folder.resolve("etl.yaml").toString(),
                "--sweep", "transform.num_cpus=0.25,1", "--sweep", "context.target_max_block_size=8MiB,128MiB",
                "--repeat", "2", "--warmup", "0", "--study", studyFile.toString(), "-o", tuned.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("grid over 4 configurations")
                .contains("transform.num_cpus=0.25 context.target_max_block_size=8MiB")
                .containsPattern("best feasible: #\\d transform\\.num_cpus=\\S+ context\\.target_max_block_size=\\S+: "
                        + "[\\d,]+ rows/s .*x the baseline")
                .contains("study saved to").contains("tuned pipeline written to");
        Study study = StudyFiles.read(studyFile);
        assertThat(study.trials()).hasSize(4).allSatisfy(trial -> assertThat(trial.runs()).hasSize(2));
        Trial best = study.best().orElseThrow();
        Pipeline pipeline = new PipelineReader().read(tuned);
        Step.MapBatches transform = (Step.MapBatches) pipeline.steps().get(1);
        assertThat(transform.resources().numCpus().getAsDouble())
                .isEqualTo(Double.parseDouble(best.configuration().settings().get("transform.num_cpus")));
        assertThat(pipeline.context().targetMaxBlockSize().toString()).isNotBlank();
        assertThat(Files.readString(tuned)).startsWith("# Tuned by pipetune tune from etl.yaml: transform.num_cpus=");
        assertThat(folder.resolve("out")).doesNotExist();
    }

    @Test
    void aPipelineWithAJavaFunctionIsTunedWithItsPluginJar() throws Exception {
        Path jar = UserFunctionJar.write(folder.resolve("plugin"));
        Path pipeline = Files.writeString(folder.resolve("udf.yaml"), """
                name: udf
                pipeline:
                  - read_parquet: {name: read, paths: data/events, columns: [id, value, qty]}
                  - map_batches: {name: keep, fn: "java:%s", batch_size: 1000}
                  - write_parquet: {name: write, path: out/udf}
                """.formatted(UserFunctionJar.CLASS_NAME));

        CliResult result = CliResult.run("tune", pipeline.toString(), "--sweep", "keep.batch_size=500,2000",
                "--repeat", "1", "--warmup", "0", "--plugin", jar.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("keep.batch_size=500").contains("keep.batch_size=2000")
                .containsPattern("best feasible: #\\d keep\\.batch_size=\\d+: [\\d,]+ rows/s");
        CliResult withoutJar = CliResult.run("tune", pipeline.toString(), "--sweep", "keep.batch_size=500,2000",
                "--repeat", "1", "--warmup", "0");
        assertThat(withoutJar.out()).as("without the jar every trial is infeasible")
                .contains("baseline (the pipeline as given): infeasible: udf.yaml: pipeline[1].map_batches.fn: class "
                        + UserFunctionJar.CLASS_NAME + " was not found on the class path or in a --plugin jar")
                .contains("no feasible configuration");
    }

    @Test
    void halvingRunsFewerTrialsOnTheFullSampleThanTheGrid() throws Exception {
        Path studyFile = folder.resolve("halving.ptstudy");
        CliResult result = CliResult.run("tune", folder.resolve("etl.yaml").toString(),
                "--sweep", "transform.num_cpus=0.25,0.5,1,2", "--strategy", "halving", "--eta", "2",
                "--repeat", "1", "--warmup", "0", "--study", studyFile.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        Study study = StudyFiles.read(studyFile);
        assertThat(study.sampleFractions()).containsExactly(0.5, 1.0);
        assertThat(study.trials()).extracting(Trial::rung).containsExactly(0, 0, 0, 0, 1, 1);
        assertThat(study.best().orElseThrow().rung()).isEqualTo(1);
    }

    @Test
    void proposeMeasuresTheLevelsAndAppliesOneInOneStep() throws Exception {
        Path pipeline = folder.resolve("wide.yaml");
        Files.writeString(pipeline, """
                name: wide
                pipeline:
                  - read_parquet: {name: read, paths: data/events}
                  - filter: {expr: "qty > 5"}
                  - groupby: {key: category, aggregate: ["count() as n", "sum(value) as total"]}
                  - write_parquet: {name: write, path: out/wide}
                """);
        Path applied = folder.resolve("wide-pruned.yaml");
        Path studyFile = folder.resolve("wide.ptstudy");
        CliResult result = CliResult.run("tune", pipeline.toString(), "--propose", "--repeat", "1", "--warmup", "0",
                "--study", studyFile.toString(), "--apply", "1", "-o", applied.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("level 1, native operations:").contains("level 4, data format:")
                .containsPattern("\\[1] column pruning: read 3 of 14 columns: [\\d,]+ \\(MAD [\\d.]+%\\) -> "
                        + "[\\d,]+ \\(MAD [\\d.]+%\\), [\\d.]+x")
                .contains("compression codec zstd instead of snappy")
                .contains("proposal 1 applied");
        Pipeline pruned = new PipelineReader().read(applied);
        assertThat(((Step.ReadParquet) pruned.source()).columns()).hasValue(java.util.List.of("category", "value",
                "qty"));
        Study study = StudyFiles.read(studyFile);
        assertThat(study.axes()).isEmpty();
        assertThat(study.proposals()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(proposal ->
                assertThat(proposal.after().feasible()).as(proposal.after().infeasibleReason()).isTrue());
        assertThat(folder.resolve("out")).doesNotExist();
    }

    @Test
    void csvSourceIsProposedAsParquetAfterAConversionOfTheSameSample() throws Exception {
        Path pipeline = folder.resolve("csv.yaml");
        Files.writeString(pipeline, """
                name: csv
                pipeline:
                  - read_csv: {name: read, paths: data/events_csv}
                  - filter: {expr: "qty > 5"}
                  - write_csv: {name: write, path: out/csv}
                """);
        CliResult result = CliResult.run("tune", pipeline.toString(), "--propose", "--repeat", "1", "--warmup", "0",
                "--sweep", "read.num_cpus=0.5,1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).containsPattern("\\[1] read_csv -> read_parquet: [\\d,]+ \\(MAD [\\d.]+%\\) -> "
                        + "[\\d,]+ \\(MAD [\\d.]+%\\), [\\d.]+x")
                .contains("edit: pipeline[0]: read_csv -> read_parquet, paths: data/events_csv_parquet")
                .contains("write_parquet: {path: 'data/events_csv_parquet'")
                .contains("write_csv -> write_parquet")
                .containsPattern("resources from the sweep: read\\.num_cpus=");
        assertThat(folder.resolve("data/events_csv_parquet")).doesNotExist();
        assertThat(folder.resolve("out")).doesNotExist();
    }

    @Test
    void invalidSweepsAreRejectedBeforeAnyTrial() {
        CliResult wrongKey = CliResult.run("tune", folder.resolve("etl.yaml").toString(), "--sweep",
                "transform.fn=x,y");
        CliResult badValue = CliResult.run("tune", folder.resolve("etl.yaml").toString(), "--sweep",
                "transform.num_cpus=zero,1");
        CliResult badStrategy = CliResult.run("tune", folder.resolve("etl.yaml").toString(), "--sweep",
                "transform.num_cpus=1", "--strategy", "random");

        assertThat(wrongKey.exitCode()).isEqualTo(2);
        assertThat(wrongKey.err()).contains("a step's swept key is one of batch_size, concurrency, num_cpus");
        assertThat(badValue.exitCode()).isEqualTo(2);
        assertThat(badValue.err()).contains("pipeline[1].map_batches.num_cpus");
        assertThat(badStrategy.exitCode()).isEqualTo(2);
        assertThat(badStrategy.err()).contains("--strategy must be grid or halving");
    }
}
