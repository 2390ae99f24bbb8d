package dev.pipetune.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.app.cli.PipetuneCommand;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipelines the packages' build runs before the workbench opens, to record them in the AOT cache
 * ({@code -Dpipetune.trainingRuns}): each runs as {@code pipetune run FILE --quiet}, and a failing one stops the
 * training with its exit code and names the file, so the build does not ship a cache of a failed run.
 */
class TrainingRunsTest {

    @TempDir
    Path folder;

    @Test
    void runsEachPipelineAndStopsAtTheFirstFailure() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(Main.run(new String[] {"sample-data", folder.resolve("data").toString(), "--rows", "2000",
                "--docs", "2"}, new PrintWriter(out, true), new PrintWriter(err, true))).isZero();
        Path copy = Files.writeString(folder.resolve("copy.yaml"), """
                pipeline:
                  - read_parquet: {paths: data/events, columns: [id, value]}
                  - write_parquet: {path: out/copy}
                """);
        Path count = Files.writeString(folder.resolve("count.yaml"), """
                pipeline:
                  - read_parquet: {paths: data/events, columns: [category]}
                  - groupby: {key: category, aggregate: ["count()"]}
                  - write_parquet: {path: out/count}
                """);
        int code = Main.runTrainingPipelines(copy + File.pathSeparator + count, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isEqualTo(PipetuneCommand.SUCCESS);
        assertThat(folder.resolve("out/copy")).isDirectory();
        assertThat(folder.resolve("out/count")).isDirectory();

        Path missing = folder.resolve("missing.yaml");
        StringWriter failure = new StringWriter();
        code = Main.runTrainingPipelines(missing + File.pathSeparator + copy, new PrintWriter(new StringWriter(),
                true), new PrintWriter(failure, true));
        assertThat(code).isNotEqualTo(PipetuneCommand.SUCCESS);
        assertThat(failure.toString()).contains("the training run of " + missing + " failed");
        assertThat(Main.runTrainingPipelines(" ", new PrintWriter(out, true), new PrintWriter(err, true)))
                .isEqualTo(PipetuneCommand.SUCCESS);
    }
}
