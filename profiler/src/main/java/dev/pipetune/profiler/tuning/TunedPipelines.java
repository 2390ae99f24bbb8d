package dev.pipetune.profiler.tuning;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pipetune.engine.pipeline.InvalidPipelineException;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineReader;
import java.util.List;

/**
 * Writes a tuned pipeline file: the original file's syntax tree with a configuration's settings applied the way
 * {@code --set} applies them (so they are checked like written values), printed as YAML or JSON. Comments of the
 * original are not kept. Isolated here so that it can switch to the shared pipeline writer of the export command.
 */
public final class TunedPipelines {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TunedPipelines() {
    }

    /**
     * Returns the text of the pipeline with the settings applied.
     *
     * @param originalText the pipeline file's text
     * @param originalFormat the original's syntax
     * @param fileName the original's name, for messages
     * @param configuration the settings to apply
     * @param targetFormat the syntax to write
     * @param header a comment for the top of a YAML file (without {@code #}), empty for none
     * @return the tuned pipeline's text
     * @throws InvalidPipelineException if the original or a setting is invalid
     */
    public static String tunedText(String originalText, PipelineFormat originalFormat, String fileName,
            TrialConfiguration configuration, PipelineFormat targetFormat, String header)
            throws InvalidPipelineException {
        requireNonNull(configuration, "configuration");
        requireNonNull(header, "header");
        PipelineReader reader = new PipelineReader();
        JsonNode tree = reader.parseTree(originalText, originalFormat, fileName);
        reader.bind(tree, configuration.overrides(), fileName, "pipeline");
        return print(tree, targetFormat, header);
    }

    /**
     * Prints a pipeline syntax tree.
     *
     * @param tree the tree
     * @param format the syntax to write
     * @param header a comment for the top of a YAML file (without {@code #}), empty for none
     * @return the text
     */
    public static String print(JsonNode tree, PipelineFormat format, String header) {
        try {
            if (format == PipelineFormat.JSON) {
                return JSON.writeValueAsString(tree) + "\n";
            }
            StringBuilder text = new StringBuilder();
            for (String line : header.isEmpty() ? List.<String>of() : header.lines().toList()) {
                text.append("# ").append(line).append('\n');
            }
            return text.append(YAML.writeValueAsString(tree)).toString();
        } catch (JacksonException impossible) {
            throw new IllegalStateException("a pipeline tree could not be printed", impossible);
        }
    }
}
