package dev.pipetune.engine.pipeline;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pipetune.engine.io.JacksonMessages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads pipeline files (YAML or JSON) into {@link Pipeline}s.
 *
 * <p>Reading never stops at the first problem: every unknown key (with the nearest known one), wrong type,
 * out-of-range value, misplaced step and bad expression is reported, each with the path of the value in the file
 * such as {@code pipeline[2].map_batches.batch_size}; syntax errors give line and column. Instances are stateless
 * and thread-safe.
 */
public final class PipelineReader {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final String MALFORMED = "malformed input";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * Reads a pipeline file.
     *
     * @param file a YAML or JSON pipeline file
     * @return the pipeline; its default name is the file name without extension
     * @throws InvalidPipelineException listing every problem, if the file cannot be read or is not valid
     */
    public Pipeline read(Path file) throws InvalidPipelineException {
        return read(file, List.of());
    }

    /**
     * Reads a pipeline file and applies {@code --set} overrides to it before checking it.
     *
     * @param file a YAML or JSON pipeline file
     * @param overrides changes to apply, in order
     * @return the pipeline
     * @throws InvalidPipelineException listing every problem, including overrides that address nothing
     */
    public Pipeline read(Path file, List<PipelineOverride> overrides) throws InvalidPipelineException {
        requireNonNull(file, "file");
        requireNonNull(overrides, "overrides");
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException missing) {
            throw new InvalidPipelineException(file.toString(), List.of(error("", "no such file: " + file)));
        } catch (CharacterCodingException notText) {
            throw new InvalidPipelineException(file.toString(), List.of(error("", "not a UTF-8 text file")));
        } catch (IOException unreadable) {
            throw new InvalidPipelineException(file.toString(),
                    List.of(error("", "cannot read " + file + ": " + unreadable.getMessage())));
        }
        JsonNode tree = parseTree(text, PipelineFormat.of(file), file.toString());
        return bind(tree, overrides, file.toString(), defaultName(file));
    }

    /**
     * Reads a pipeline from text.
     *
     * @param text the file's content
     * @param format its syntax
     * @param source where the text comes from, for messages
     * @param defaultName the pipeline's name when the text gives none
     * @return the pipeline
     * @throws InvalidPipelineException listing every problem
     */
    public Pipeline read(String text, PipelineFormat format, String source, String defaultName)
            throws InvalidPipelineException {
        requireNonNull(text, "text");
        requireNonNull(format, "format");
        requireNonNull(source, "source");
        requireNonNull(defaultName, "defaultName");
        return bind(parseTree(text, format, source), List.of(), source, defaultName);
    }

    /**
     * Parses text into the syntax tree that {@link #bind} reads, so that callers (overrides, editors) can change the
     * tree first.
     *
     * @param text the file's content
     * @param format its syntax
     * @param source where the text comes from, for locations
     * @return the tree
     * @throws InvalidPipelineException for syntax errors, with line and column
     */
    public JsonNode parseTree(String text, PipelineFormat format, String source) throws InvalidPipelineException {
        ObjectMapper mapper = format == PipelineFormat.JSON ? JSON : YAML;
        try (JsonParser parser = mapper.createParser(text)) {
            JsonNode tree = mapper.readTree(parser);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new InvalidPipelineException(source, List.of(error("", "the file is empty")));
            }
            // Jackson reads the first document (YAML) or value (JSON) and would ignore the rest without a word.
            if (parser.nextToken() != null) {
                JsonLocation extra = parser.currentTokenLocation();
                throw new InvalidPipelineException(source, List.of(error(extra.getLineNr() < 1 ? ""
                        : "line " + extra.getLineNr() + ", column " + extra.getColumnNr(), format == PipelineFormat.JSON
                        ? "more JSON after the pipeline's object; a pipeline file holds one object"
                        : "a second YAML document; a pipeline file holds one document")));
            }
            return tree;
        } catch (JsonProcessingException syntax) {
            throw new InvalidPipelineException(source, List.of(syntaxError(syntax, format, source)));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /**
     * Turns a syntax tree into a pipeline, checking everything.
     *
     * @param tree the tree from {@link #parseTree}; overrides change it in place
     * @param overrides {@code --set} changes to apply first
     * @param source the file, for messages
     * @param defaultName the pipeline's name when the tree gives none
     * @return the pipeline
     * @throws InvalidPipelineException listing every problem
     */
    public Pipeline bind(JsonNode tree, List<PipelineOverride> overrides, String source, String defaultName)
            throws InvalidPipelineException {
        requireNonNull(tree, "tree");
        Problems problems = new Problems();
        Map<String, PipelineOverride> overridden = new OverrideApplier(problems).apply(tree, overrides);
        Optional<Pipeline> pipeline = new PipelineBinder(problems).bind(tree, defaultName);
        if (problems.hasErrors() || pipeline.isEmpty()) {
            throw new InvalidPipelineException(source, problems.all().stream()
                    .map(problem -> attributed(problem, overridden)).toList());
        }
        return pipeline.get();
    }

    /** A problem at a place an override set says so: the file itself may be fine. */
    private static PipelineProblem attributed(PipelineProblem problem, Map<String, PipelineOverride> overridden) {
        PipelineOverride override = overridden.get(problem.location());
        return override == null ? problem : new PipelineProblem(problem.severity(), problem.location(),
                problem.message() + " (set by --set " + override + ")");
    }

    private static PipelineProblem syntaxError(JsonProcessingException syntax, PipelineFormat format, String source) {
        String kind = format == PipelineFormat.JSON ? "JSON" : "YAML";
        if (syntax.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            int line = yaml.getProblemMark().getLine() + 1;
            int column = yaml.getProblemMark().getColumn() + 1;
            String problem = yaml.getProblem() == null ? JacksonMessages.oneLine(yaml.getMessage(), MALFORMED)
                    : yaml.getProblem();
            String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")";
            return error("line " + line + ", column " + column, kind + " syntax error: " + problem + context);
        }
        JsonLocation location = syntax.getLocation();
        String where = location == null || location.getLineNr() < 1 ? ""
                : "line " + location.getLineNr() + ", column " + location.getColumnNr();
        return error(where, kind + " syntax error: " + JacksonMessages.oneLine(syntax.getOriginalMessage(), MALFORMED));
    }

    private static PipelineProblem error(String location, String message) {
        return new PipelineProblem(PipelineProblem.Severity.ERROR, location, message);
    }

    private static String defaultName(Path file) {
        Path fileName = file.getFileName();
        String name = fileName == null ? "pipeline" : fileName.toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
