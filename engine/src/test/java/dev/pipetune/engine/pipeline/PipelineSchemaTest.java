package dev.pipetune.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeps docs/pipeline.schema.json, the examples and the reader in agreement. */
class PipelineSchemaTest {

    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(PROJECT.resolve("examples"))) {
            List<Path> pipelines = files.filter(file -> file.toString().matches(".*\\.(ya?ml|json)$")).sorted()
                    .toList();
            assertThat(pipelines).as("the examples folder holds pipelines").hasSizeGreaterThanOrEqualTo(3);
            return pipelines.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleMatchesTheSchemaAndReads(Path example) throws Exception {
        JsonNode tree = (example.toString().endsWith(".json") ? JSON : YAML).readTree(example.toFile());
        assertThat(schema().validate(tree)).as(example + " against the schema").isEmpty();
        assertThat(new PipelineReader().read(example).steps()).isNotEmpty();
    }

    @Test
    void theSchemaRejectsWhatTheReaderRejects() throws Exception {
        JsonNode bad = YAML.readTree("""
                pipeline:
                  - read_parquet: {paths: data, num_cpus: 0}
                  - map_batches: {fn: with_columns, batch_sise: 10}
                  - write_parquet: {path: out, compression: lzma}
                """);
        Set<ValidationMessage> messages = schema().validate(bad);
        assertThat(messages).isNotEmpty();
        JsonNode badFormat = YAML.readTree("""
                pipeline:
                  - read_binary_files: {paths: docs}
                  - map_batches: {fn: extract_text, fn_kwargs: {format: docx}}
                """);
        assertThat(schema().validate(badFormat)).as("an unknown extract_text format").isNotEmpty();
        JsonNode goodFormat = YAML.readTree("""
                pipeline:
                  - read_binary_files: {paths: docs}
                  - map_batches: {fn: extract_text, fn_kwargs: {format: pdf}}
                  - map_batches: {fn: extract_text, fn_kwargs: {format: auto, html: jsoup}}
                  - map_batches: {fn: with_columns, fn_kwargs: {format: "1"}}
                """);
        assertThat(schema().validate(goodFormat)).isEmpty();
    }

    @Test
    void theSchemaKnowsExactlyTheReadersKeys() throws IOException {
        JsonNode schema = JSON.readTree(PROJECT.resolve("docs/pipeline.schema.json").toFile());
        JsonNode definitions = schema.get("$defs");
        for (StepKind kind : StepKind.values()) {
            JsonNode step = definitions.get("step_" + kind.fileName());
            assertThat(step).as("schema for " + kind.fileName()).isNotNull();
            assertThat(names(step.get("properties"))).as("keys of " + kind.fileName())
                    .containsExactlyInAnyOrderElementsOf(kind.keys());
        }
        assertThat(names(schema.get("properties"))).containsExactlyInAnyOrderElementsOf(PipelineBinder.TOP_LEVEL_KEYS);
        assertThat(names(definitions.get("context").get("properties")))
                .containsExactlyInAnyOrderElementsOf(PipelineBinder.CONTEXT_KEYS);
        assertThat(names(definitions.get("context").get("properties").get("resource_limits").get("properties")))
                .containsExactlyInAnyOrderElementsOf(PipelineBinder.RESOURCE_LIMIT_KEYS);
    }

    private static List<String> names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.properties().forEach(entry -> names.add(entry.getKey()));
        return names;
    }

    static JsonSchema schema() throws IOException {
        JsonNode schema = JSON.readTree(PROJECT.resolve("docs/pipeline.schema.json").toFile());
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
    }
}
