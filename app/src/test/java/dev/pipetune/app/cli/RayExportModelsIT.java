package dev.pipetune.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model built-ins' Ray scripts run on real Ray and compute what the embedded engine computes. Each test runs a
 * small pipeline with {@code pipetune run}, exports it with {@code pipetune export --to ray -o scripts/NAME_ray.py}
 * (the write step redirected with {@code --set}), runs the script as a user would ({@code python3
 * scripts/NAME_ray.py --num-cpus 2}, starting its own Ray) and compares the two outputs row by row, matched by
 * {@code id}; the Parquet files' model columns have the same type. The two torch steps take half a CPU each: on a
 * 2-CPU machine two whole-CPU actors would leave the read none (in either engine).
 *
 * <p>{@code sentence_embedding}: the script finds all-MiniLM-L6-v2's ONNX file and tokenizer in
 * {@code scripts/pipetune-models/}, where the export wrote them, and every embedding has a cosine similarity of at
 * least 0.9999 with the engine's; null texts give null embeddings in both (the script writes them as
 * {@code list<float>}, as pipetune does, not a fixed-size list, which pyarrow cannot read back from Parquet with
 * nulls). {@code torch_model} (the repository's TorchScript fixture, as output vectors and as a classifier with
 * labels): the labels are equal and the values agree to 1e-5. Each test is skipped when python3 lacks what its
 * script needs ({@code pip install "ray[data]" onnxruntime tokenizers}; {@code pip install torch} for the TorchScript
 * one: the CPU wheel is about 190 MB).
 */
@Tag("slow")
@Tag("ray")
class RayExportModelsIT {

    private static final int ROWS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TORCHSCRIPT_FIXTURE = Path.of("..", "engine", "src", "test", "resources", "inference",
            "tiny_linear.pt").toAbsolutePath().normalize();

    /** Matches both outputs by id and compares a vector column (cosine per row) and, optionally, labels and scores. */
    private static final String COMPARE = """
            import json, sys
            import numpy as np
            import pyarrow.compute as pc
            import pyarrow.parquet as pq
            engine_folder, ray_folder, vectors, labels = sys.argv[1:5]
            def read(folder):
                table = pq.read_table(folder)
                return table.take(pc.sort_indices(table, [("id", "ascending")]))
            engine, ray = read(engine_folder), read(ray_folder)
            result = {"rows": [engine.num_rows, ray.num_rows], "same_ids": engine["id"].equals(ray["id"]),
                      "columns": [sorted(engine.column_names), sorted(ray.column_names)],
                      "types": [str(engine.schema.field(vectors).type), str(ray.schema.field(vectors).type)],
                      "nulls": [engine[vectors].null_count, ray[vectors].null_count],
                      "same_nulls": pc.is_null(engine[vectors]).equals(pc.is_null(ray[vectors]))}
            present = pc.is_valid(engine[vectors])
            expected = np.array(engine[vectors].filter(present).to_pylist(), dtype=np.float64)
            actual = np.array(ray[vectors].filter(present).to_pylist(), dtype=np.float64)
            lengths = np.linalg.norm(expected, axis=1) * np.linalg.norm(actual, axis=1)
            cosine = (expected * actual).sum(axis=1) / lengths
            result["min_cosine"] = float(cosine.min())
            result["max_difference"] = float(np.abs(expected - actual).max())
            if labels != "-":
                pairs = zip(engine[labels].to_pylist(), ray[labels].to_pylist())
                result["label_mismatches"] = sum(first != second for first, second in pairs)
                result["distinct_labels"] = len(set(engine[labels].to_pylist()))
                scores = engine["score"].to_numpy() - ray["score"].to_numpy()
                result["max_score_difference"] = float(np.abs(scores).max())
            print(json.dumps(result))
            """;

    @TempDir
    static Path folder;

    private static Python3 python;

    @BeforeAll
    static void writeSampleData() {
        python = new Python3(folder);
        CliResult sample = CliResult.run("sample-data", folder.resolve("data").toString(), "--rows",
                String.valueOf(ROWS), "--docs", "1");
        assertThat(sample.exitCode()).as(sample.err()).isZero();
    }

    @Test
    @Timeout(value = 400, unit = TimeUnit.SECONDS)
    void sentenceEmbeddingScriptFindsTheShippedModelAndEmbedsAsTheEngineDoes() throws Exception {
        assumeTrue(python.probe("import ray.data, pyarrow, numpy, onnxruntime, tokenizers").isPresent(),
                "python3 with ray[data], onnxruntime and tokenizers");
        Path pipeline = Files.writeString(folder.resolve("embed.yaml"), """
                name: embed
                pipeline:
                  - read_parquet: {paths: data/events, columns: [id, text]}
                  - map_batches:
                      name: blank
                      fn: with_columns
                      fn_kwargs: {text: "case when id % 17 = 0 then null else text end"}
                  - map_batches:
                      name: embed
                      fn: sentence_embedding
                      fn_constructor_kwargs: {model: all-MiniLM-L6-v2, input_column: text, max_length: 64}
                      batch_size: 32
                      num_cpus: 1
                      concurrency: 1
                  - write_parquet: {name: write, path: engine-out/embed}
                """);

        Path script = runAndExport(pipeline, "embed");

        JsonNode compared = compare("embed", "embedding", "-");
        assertThat(compared.get("rows").get(0).asInt()).isEqualTo(ROWS);
        assertThat(compared.get("rows").get(1).asInt()).isEqualTo(ROWS);
        assertThat(compared.get("same_ids").asBoolean()).as(compared.toString()).isTrue();
        assertThat(compared.get("columns").get(1)).isEqualTo(compared.get("columns").get(0));
        assertThat(compared.get("types").get(1).asText()).as("the Parquet files' type")
                .isEqualTo(compared.get("types").get(0).asText()).isEqualTo("list<element: float not null>");
        assertThat(compared.get("nulls").get(0).asInt()).as("null texts").isPositive();
        assertThat(compared.get("same_nulls").asBoolean()).as(compared.toString()).isTrue();
        assertThat(compared.get("min_cosine").asDouble()).as(compared.toString()).isGreaterThanOrEqualTo(0.9999);
        assertThat(script.resolveSibling("pipetune-models/all-MiniLM-L6-v2/model.onnx")).isRegularFile();
    }

    @Test
    @Timeout(value = 400, unit = TimeUnit.SECONDS)
    void torchModelScriptGivesTheEnginesVectorsAndLabels() throws Exception {
        assumeTrue(python.probe("import ray.data, pyarrow, numpy").isPresent(), "python3 with ray[data]");
        assumeTrue(python.probe("import torch").isPresent(), "python3 with torch: pip install torch (the CPU wheel, "
                + "about 190 MB) to run the exported torch_model script; without it only the embedding script runs");
        Files.copy(TORCHSCRIPT_FIXTURE, folder.resolve("tiny_linear.pt"));
        Path pipeline = Files.writeString(folder.resolve("torch.yaml"), """
                name: torch
                pipeline:
                  - read_parquet: {paths: data/events, columns: [id, user_id, qty, value]}
                  - map_batches:
                      name: features
                      fn: with_columns
                      fn_kwargs: {x1: "qty / 10.0", x2: "(id % 100) / 50.0 - 1.0", x3: "value / 100.0"}
                  - map_batches:
                      name: regress
                      fn: torch_model
                      fn_constructor_kwargs:
                        model_path: tiny_linear.pt
                        input_columns: [x1, x2, x3]
                        output_column: scores
                      batch_size: 64
                      num_cpus: 0.5
                      concurrency: 1
                  - map_batches:
                      name: classify
                      fn: torch_model
                      fn_constructor_kwargs:
                        model_path: tiny_linear.pt
                        input_columns: [x1, x2, x3]
                        labels: [north, east, south, west]
                      batch_size: 50
                      num_cpus: 0.5
                      concurrency: 1
                  - write_parquet: {name: write, path: engine-out/torch}
                """);

        runAndExport(pipeline, "torch");

        JsonNode compared = compare("torch", "scores", "label");
        assertThat(compared.get("rows").get(0).asInt()).isEqualTo(ROWS);
        assertThat(compared.get("rows").get(1).asInt()).isEqualTo(ROWS);
        assertThat(compared.get("same_ids").asBoolean()).as(compared.toString()).isTrue();
        assertThat(compared.get("columns").get(1)).isEqualTo(compared.get("columns").get(0));
        assertThat(compared.get("types").get(1)).isEqualTo(compared.get("types").get(0));
        assertThat(compared.get("max_difference").asDouble()).as(compared.toString()).isLessThan(1e-5);
        assertThat(compared.get("label_mismatches").asInt()).as(compared.toString()).isZero();
        assertThat(compared.get("distinct_labels").asInt()).as("the fixture's classes").isGreaterThan(1);
        assertThat(compared.get("max_score_difference").asDouble()).as(compared.toString()).isLessThan(1e-5);
    }

    /** Runs the pipeline on the embedded engine, exports it into scripts/ and runs the script on Ray. */
    private static Path runAndExport(Path pipeline, String name) throws Exception {
        CliResult run = CliResult.run("run", pipeline.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        // Not NAME.py: a script called torch.py would be what its own "import torch" imports.
        Path script = Files.createDirectories(folder.resolve("scripts")).resolve(name + "_ray.py");
        CliResult export = CliResult.run("export", pipeline.toString(), "--to", "ray", "--set",
                "write.path=ray-out/" + name, "-o", script.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        python.run(Map.of(), List.of(script.toString(), "--num-cpus", "2"), 360);
        return script;
    }

    private static JsonNode compare(String name, String vectors, String labels) throws Exception {
        return JSON.readTree(python.run(Map.of(), List.of("-c", COMPARE, folder.resolve("engine-out/" + name)
                .toString(), folder.resolve("ray-out/" + name).toString(), vectors, labels), 120));
    }
}
