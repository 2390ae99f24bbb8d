package dev.pipetune.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineOverrideTest {

    @TempDir
    Path folder;

    private Path file;

    @BeforeEach
    void writePipeline() throws IOException {
        file = Files.writeString(folder.resolve("etl.yaml"), """
                context: {eager_free: false}
                pipeline:
                  - read_parquet: {paths: data}
                  - map_batches: {name: transform, fn: with_columns, fn_kwargs: {a: "x + 1"}, batch_size: 1000}
                  - write_parquet: {path: out}
                """);
    }

    @Test
    void overridesAddressStepsByIndexOrNameAndTheContext() throws InvalidPipelineException {
        Pipeline pipeline = read("1.batch_size=500", "transform.num_cpus=0.25", "transform.fn_kwargs.b=a * 2",
                "context.eager_free=true", "context.resource_limits.cpu=1.5", "2.compression=zstd",
                "0.columns=[a, x]");
        Step.MapBatches transform = (Step.MapBatches) pipeline.steps().get(1);
        assertThat(transform.batchSize()).hasValue(new BatchSize.Rows(500));
        assertThat(transform.resources().numCpus()).hasValue(0.25);
        assertThat(transform.fnKwargs().values()).containsEntry("a", "x + 1").containsEntry("b", "a * 2");
        assertThat(pipeline.context().eagerFree()).isTrue();
        assertThat(pipeline.context().resourceLimits().cpu()).hasValue(1.5);
        assertThat(((Step.WriteParquet) pipeline.steps().get(2)).compression()).hasValue(Compression.ZSTD);
        assertThat(((Step.ReadParquet) pipeline.steps().get(0)).columns()).hasValue(List.of("a", "x"));
    }

    @Test
    void aHashInAValueIsPartOfItNotAYamlComment() throws InvalidPipelineException {
        Pipeline pipeline = read("2.path=out/run #1", "transform.fn_kwargs.tag=concat(a, ' #x')");
        assertThat(((Step.WriteParquet) pipeline.steps().get(2)).path()).endsWith("out/run #1");
        assertThat(((Step.MapBatches) pipeline.steps().get(1)).fnKwargs().values())
                .containsEntry("tag", "concat(a, ' #x')");
        assertThat(((Step.ReadParquet) read("0.columns=[a, x] # two").steps().get(0)).columns())
                .hasValue(List.of("a", "x"));
    }

    @Test
    void aStepKindThatOccursOnceAddressesItsStep() throws IOException, InvalidPipelineException {
        Pipeline pipeline = read("write_parquet.compression=zstd", "map_batches.batch_size=7");
        assertThat(((Step.WriteParquet) pipeline.steps().get(2)).compression()).hasValue(Compression.ZSTD);
        assertThat(((Step.MapBatches) pipeline.steps().get(1)).batchSize()).hasValue(new BatchSize.Rows(7));
        assertThat(problems("write_parquet.compression=lots")).singleElement().asString().startsWith(
                "pipeline[2].write_parquet.compression: ").endsWith("(set by --set write_parquet.compression=lots)");
        Files.writeString(file, Files.readString(file).replace("  - write_parquet: {path: out}",
                "  - filter: {expr: \"a > 1\"}\n  - filter: {expr: \"a < 9\"}\n  - write_parquet: {path: out}"));
        assertThat(problems("filter.expr=a > 2")).containsExactly("--set filter.expr=a > 2: several steps are filter "
                + "steps (2 filter, 3 filter); address one by its index or its name");
    }

    @Test
    void overriddenValuesAreValidatedLikeWrittenOnes() {
        assertThat(problems("transform.batch_size=-5", "1.concurrency=[4, 2]", "1.batch_sise=3",
                "context.eager_free=maybe")).containsExactlyInAnyOrder(
                "pipeline[1].map_batches.batch_size: must be a positive integer, or null for whole blocks, got -5 "
                        + "(set by --set transform.batch_size=-5)",
                "pipeline[1].map_batches.batch_sise: unknown key; did you mean 'batch_size'? (set by --set "
                        + "1.batch_sise=3)",
                "pipeline[1].map_batches.concurrency: the range's minimum must not exceed its maximum, got [4, 2] "
                        + "(set by --set 1.concurrency=[4, 2])",
                "context.eager_free: must be true or false, got 'maybe' (set by --set context.eager_free=maybe)");
    }

    @Test
    void anOverrideOfANonexistentStepListsTheSteps() {
        assertThat(problems("transfrom.batch_size=5")).containsExactly("--set transfrom.batch_size=5: no step is "
                + "named or numbered 'transfrom'; the steps are 0 read_parquet, 1 (transform) map_batches, "
                + "2 write_parquet, and 'context' addresses the context");
        assertThat(problems("7.batch_size=5")).singleElement().asString().startsWith("--set 7.batch_size=5: no step");
    }

    @Test
    void malformedOverridesAreRejectedWithTheirForm() {
        for (String text : List.of("batch_size=5", "=5", "1.=5", "1.batch size=5", "1.batch_size")) {
            assertThatIllegalArgumentException().as(text).isThrownBy(() -> PipelineOverride.parse(text))
                    .withMessageStartingWith("must be STEP.KEY=VALUE");
        }
        assertThat(PipelineOverride.parse("transform.fn_kwargs.a=b = c"))
                .isEqualTo(new PipelineOverride("transform", List.of("fn_kwargs", "a"), "b = c"));
    }

    private Pipeline read(String... overrides) throws InvalidPipelineException {
        return new PipelineReader().read(file, Arrays.stream(overrides).map(PipelineOverride::parse).toList());
    }

    private List<String> problems(String... overrides) {
        InvalidPipelineException invalid = catchThrowableOfType(InvalidPipelineException.class, () -> read(overrides));
        assertThat(invalid).isNotNull();
        return invalid.problems().stream().map(PipelineProblem::toString).toList();
    }
}
