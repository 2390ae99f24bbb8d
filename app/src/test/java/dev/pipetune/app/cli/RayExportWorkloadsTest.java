package dev.pipetune.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipetune.engine.execution.ExecutionListener;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.engine.pipeline.PathExpander;
import dev.pipetune.engine.pipeline.Resources;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.engine.plan.PlanContext;
import dev.pipetune.engine.run.EmbeddedEngine;
import dev.pipetune.engine.run.RunResult;
import dev.pipetune.engine.udf.FunctionLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slowest test of the build (about 30 s, most of it Ray starting): the Ray Data scripts that {@code pipetune
 * export --to ray} writes for the reference workloads W1–W3 ({@code pipetune bench}'s pipelines), run on real Ray
 * over small generated data, give exactly the checksums of the embedded engine's outputs
 * ({@code shared/workloads/anchorlib.py}, the reference harness's checksum code). One Ray session with 2 CPUs runs
 * the three scripts as modules. Skipped when python3 cannot import ray and pyarrow ({@code pip install "ray[data]"}).
 */
@Tag("slow")
@Tag("ray")
class RayExportWorkloadsTest {

    private static final List<String> WORKLOADS = List.of("w1", "w2", "w3");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Imports each exported script, runs it in one Ray session and checksums both engines' outputs. */
    private static final String DRIVER = """
            import importlib.util, json, os, sys
            import pyarrow.parquet as pq
            import anchorlib
            import ray
            folder, engine_out, ray_out = sys.argv[1], sys.argv[2], sys.argv[3]
            ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
            checksums = {}
            try:
                for workload in ["w1", "w2", "w3"]:
                    spec = importlib.util.spec_from_file_location(workload, os.path.join(folder, workload + ".py"))
                    module = importlib.util.module_from_spec(spec)
                    spec.loader.exec_module(module)
                    result = module.run()
                    if workload == "w2":
                        ray_sum = anchorlib.checksum_w2(result)
                        engine_sum = anchorlib.checksum_w2(pq.read_table(os.path.join(engine_out, "w2")))
                    else:
                        check = getattr(anchorlib, "checksum_" + workload)
                        ray_sum = check(os.path.join(ray_out, workload))
                        engine_sum = check(os.path.join(engine_out, workload))
                    checksums[workload] = {"ray": ray_sum, "engine": engine_sum}
            finally:
                ray.shutdown()
            print(json.dumps(checksums))
            """;

    @TempDir
    static Path folder;

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void exportedScriptsOfW1ToW3MatchTheEmbeddedEnginesChecksums() throws Exception {
        assumeTrue(python("import ray, ray.data, pyarrow").isPresent(), "python3 with ray[data] and pyarrow");
        String rayVersion = python("import ray; print(ray.__version__)").orElseThrow().strip();
        Path data = folder.resolve("data");
        CliResult sample = CliResult.run("sample-data", data.toString(), "--rows", "30000", "--docs", "40");
        assertThat(sample.exitCode()).as(sample.err()).isZero();
        Path engineOut = folder.resolve("engine-out");
        Path rayOut = folder.resolve("ray-out");
        Map<String, String> environment = Map.of("ANCHOR_DATA", data.toString(), "ANCHOR_OUT", engineOut.toString());
        for (String workload : WORKLOADS) {
            Path pipelineFile = folder.resolve(workload + ".yaml");
            Files.writeString(pipelineFile, benchPipeline(workload));
            CliResult export = CliResult.run("export", pipelineFile.toString(), "--to", "ray", "--ray-version",
                    rayVersion, "-o", folder.resolve(workload + ".py").toString());
            assertThat(export.exitCode()).as(export.err()).isZero();
            runOnEmbeddedEngine(pipelineFile, workload, environment);
        }

        JsonNode checksums = JSON.readTree(runDriver(Map.of("ANCHOR_DATA", data.toString(), "ANCHOR_OUT",
                rayOut.toString()), folder.toString(), engineOut.toString(), rayOut.toString()));

        for (String workload : WORKLOADS) {
            ObjectNode ray = (ObjectNode) checksums.get(workload).get("ray");
            ObjectNode engine = (ObjectNode) checksums.get(workload).get("engine");
            ray.remove("files");
            engine.remove("files");
            assertThat(ray).as(workload + " on Ray vs the embedded engine").isEqualTo(engine);
            assertThat(ray.get("rows").asLong()).as(workload + " rows").isPositive();
            assertThat(engine.has("error")).as(engine.toString()).isFalse();
        }
        assertThat(checksums.get("w1").get("ray").get("filter_ok").asBoolean()).isTrue();
        assertThat(checksums.get("w3").get("ray").get("rows").asLong()).isEqualTo(40);
    }

    /** Runs a bench pipeline on the embedded engine; W2 collects its result, so it gets a write step here. */
    private static void runOnEmbeddedEngine(Path file, String workload, Map<String, String> environment)
            throws Exception {
        Pipeline pipeline = new PipelineReader().read(file);
        if (pipeline.sink().isEmpty()) {
            List<Step> steps = new ArrayList<>(pipeline.steps());
            steps.add(new Step.WriteParquet(Optional.empty(), "${ANCHOR_OUT}/" + workload, Optional.empty(),
                    OptionalLong.empty(), OptionalLong.empty(), Resources.DEFAULTS));
            pipeline = new Pipeline(pipeline.name(), pipeline.description(), pipeline.context(), steps);
        }
        PathExpander paths = new PathExpander(folder, environment, folder);
        try (FunctionLoader functions = FunctionLoader.withPlugins(List.of())) {
            PlanContext context = new PlanContext(paths, functions, 2, 0, 4L << 30);
            try (RunResult result = new EmbeddedEngine().start(pipeline, context, ExecutionListener.NONE).await()) {
                assertThat(result.execution().operators().getFirst().rowsOut()).isPositive();
            }
        }
    }

    private static String benchPipeline(String workload) throws IOException {
        try (InputStream input = BenchCommand.class.getResourceAsStream("/dev/pipetune/app/bench/" + workload
                + ".yaml")) {
            assertThat(input).as(workload + " bench pipeline").isNotNull();
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Optional<String> python(String script) {
        return new Python3(folder).probe(script);
    }

    private static String runDriver(Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("-c", DRIVER));
        command.addAll(List.of(arguments));
        return new Python3(folder).run(environment, command, 540);
    }
}
