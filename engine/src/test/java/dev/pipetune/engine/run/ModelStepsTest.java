package dev.pipetune.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pipetune.engine.execution.ExecutionListener;
import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.engine.inference.InferenceRuntime;
import dev.pipetune.engine.plan.PlanException;
import dev.pipetune.engine.testing.Python;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model built-ins run end to end: read the sample events, run the model in an actor pool of {@code concurrency}
 * instances (each loads its model once), write Parquet; GPU steps on a machine without GPUs fail before running unless
 * the context allows the CPU fallback.
 */
class ModelStepsTest {

    private static final int ROWS = 3_000;

    @TempDir
    static Path data;

    @TempDir
    Path work;

    @BeforeAll
    static void generateData() throws Exception {
        EngineFixture.writeSampleData(data, ROWS, 0);
    }

    @Test
    void torchModelRunsInItsActorPoolAndWritesValuesPythonRecomputes() throws Exception {
        long loadedBefore = InferenceRuntime.modelsLoaded();
        try (RunResult result = run("""
                pipeline:
                  - read_parquet: {paths: %s, columns: [id, user_id, qty]}
                  - map_batches:
                      name: model
                      fn: torch_model
                      fn_constructor_kwargs:
                        model_path: %s
                        input_columns: [id, qty, user_id]
                        output_column: scores
                      batch_size: 256
                      num_cpus: 0.5
                      concurrency: 2
                  - write_parquet: {path: out/scores}
                """.formatted(data.resolve("events"), fixture()))) {
            OperatorMetrics model = result.execution().operators().get(1);
            assertThat(model.rowsOut()).isEqualTo(ROWS);
            assertThat(model.modelNanos()).as("time in the model").isPositive();
            assertThat(model.udfNanos()).as("model time is part of the call's time")
                    .isGreaterThanOrEqualTo(model.modelNanos());
        }
        assertThat(InferenceRuntime.modelsLoaded() - loadedBefore).as("one model per actor").isEqualTo(2);
        assumeTrue(Python.hasModules("pyarrow", "numpy"), "python3 with pyarrow and numpy");
        String checked = Python.run("""
                import sys, numpy as np, pyarrow.parquet as pq
                table = pq.read_table(sys.argv[1])
                weight = np.array([[0.5, -1.0, 0.25], [1.5, 0.0, -0.5], [-0.75, 0.5, 1.0], [0.1, 0.2, 0.3]])
                bias = np.array([0.1, -0.2, 0.0, 0.05])
                x = np.stack([table['id'].to_numpy(), table['qty'].to_numpy(), table['user_id'].to_numpy()], 1)
                expected = np.tanh(x.astype(np.float32).astype(np.float64) @ weight.T + bias)
                scores = np.array(table['scores'].to_pylist())
                print(table.num_rows, str(table.schema.field('scores').type), float(np.abs(scores - expected).max()))
                """, work.resolve("out/scores").toString()).strip();
        String[] parts = checked.split(" ");
        assertThat(parts[0]).isEqualTo(String.valueOf(ROWS));
        assertThat(parts[1]).isEqualTo("list<element:");
        assertThat(Double.parseDouble(parts[parts.length - 1])).as("largest difference").isLessThan(1e-5);
    }

    @Test
    void sentenceEmbeddingWritesOneNormalizedEmbeddingPerRow() throws Exception {
        try (RunResult result = run("""
                pipeline:
                  - read_parquet: {paths: %s, columns: [id, text]}
                  - limit: {limit: 300}
                  - map_batches:
                      fn: sentence_embedding
                      fn_constructor_kwargs: {input_column: text}
                      batch_size: 64
                      num_cpus: 1
                      concurrency: 1
                  - write_parquet: {path: out/embeddings}
                """.formatted(data.resolve("events")))) {
            assertThat(result.execution().operators().getLast().rowsIn()).isEqualTo(300);
        }
        assumeTrue(Python.hasModules("pyarrow", "numpy"), "python3 with pyarrow and numpy");
        String checked = Python.run("""
                import sys, numpy as np, pyarrow.parquet as pq
                table = pq.read_table(sys.argv[1])
                embeddings = np.array(table['embedding'].to_pylist())
                norms = np.linalg.norm(embeddings, axis=1)
                print(table.num_rows, embeddings.shape[1], float(np.abs(norms - 1).max()))
                """, work.resolve("out/embeddings").toString()).strip();
        String[] parts = checked.split(" ");
        assertThat(parts[0]).isEqualTo("300");
        assertThat(parts[1]).isEqualTo("384");
        assertThat(Double.parseDouble(parts[2])).isLessThan(1e-5);
    }

    @Test
    void aGpuStepOnAMachineWithoutGpusFailsNamingTheStepUnlessCpuFallbackIsAllowed() throws Exception {
        String pipeline = """
                %s
                pipeline:
                  - read_parquet: {paths: %s, columns: [id, user_id, qty]}
                  - map_batches:
                      fn: torch_model
                      fn_constructor_kwargs: {model_path: %s, input_columns: [id, qty, user_id]}
                      num_gpus: 1
                      batch_size: 500
                      concurrency: 2
                  - write_parquet: {path: out/gpu}
                """;
        PlanException refused = catchThrowableOfType(PlanException.class, () -> run(pipeline.formatted("",
                data.resolve("events"), fixture())));
        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).startsWith("pipeline[1].map_batches.num_gpus: ")
                .contains("no GPU").contains("context.allow_cpu_fallback: true");
        try (RunResult result = run(pipeline.formatted("context: {allow_cpu_fallback: true}",
                data.resolve("events"), fixture()))) {
            assertThat(result.execution().operators().get(1).rowsOut()).isEqualTo(ROWS);
        }
    }

    @Test
    void aMissingModelFileIsReportedAtItsArgument() {
        PlanException missing = catchThrowableOfType(PlanException.class, () -> run("""
                pipeline:
                  - read_parquet: {paths: %s, columns: [id]}
                  - map_batches:
                      fn: torch_model
                      fn_constructor_kwargs: {model_path: models/missing.pt, input_columns: [id]}
                      concurrency: 1
                """.formatted(data.resolve("events"))));
        assertThat(missing).isNotNull();
        assertThat(missing.getMessage()).startsWith("pipeline[1].map_batches.fn_constructor_kwargs.model_path: ")
                .contains("missing.pt");
    }

    @Test
    void anInputColumnThatDoesNotExistIsReportedWithTheAvailableOnes() {
        PlanException missing = catchThrowableOfType(PlanException.class, () -> run("""
                pipeline:
                  - read_parquet: {paths: %s, columns: [id, text]}
                  - map_batches:
                      fn: sentence_embedding
                      fn_constructor_kwargs: {input_column: body}
                      concurrency: 1
                """.formatted(data.resolve("events"))));
        assertThat(missing).isNotNull();
        assertThat(missing.getMessage()).startsWith("pipeline[1].map_batches.fn_constructor_kwargs.input_column: ")
                .contains("'body'").contains("id, text");
    }

    private RunResult run(String yaml) throws Exception {
        return EngineFixture.run(yaml.replace("path: out", "path: " + work.resolve("out")), work,
                ExecutionListener.NONE);
    }

    private static Path fixture() throws URISyntaxException {
        return Path.of(ModelStepsTest.class.getResource("/inference/tiny_linear.pt").toURI());
    }
}
