package dev.pipetune.engine.pipeline;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pipetune.engine.io.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Writes {@link Pipeline}s as pipeline files (YAML or JSON) that {@link PipelineReader} reads back to an equal
 * pipeline.
 *
 * <p>The text is canonical: it depends only on the pipeline, not on how its file was written. Keys come in the
 * order of the documentation ({@code name}, {@code description}, {@code context}, {@code pipeline}; within a step
 * {@link StepKind#keys()}), every context setting is written (so the file shows the whole configuration), and a
 * step's options are written only where they are set (read steps always state {@code include_paths}). Expressions
 * are kept as written. Sizes are written in their shortest exact binary form such as
 * {@code 128MiB} and whole numbers of CPUs without a fraction. YAML output
 * may start with comment lines. Instances are stateless and thread-safe.
 */
public final class PipelineWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * Returns the pipeline as the text of a pipeline file.
     *
     * @param pipeline the pipeline
     * @param format YAML or JSON
     * @param comment lines for a comment at the top of a YAML file (without {@code #}); ignored for JSON, which
     *     has no comments
     * @return the text, ending with a newline
     */
    public String write(Pipeline pipeline, PipelineFormat format, List<String> comment) {
        requireNonNull(pipeline, "pipeline");
        requireNonNull(format, "format");
        requireNonNull(comment, "comment");
        JsonNode tree = toTree(pipeline);
        try {
            if (format == PipelineFormat.JSON) {
                return JSON.writeValueAsString(tree) + "\n";
            }
            StringBuilder text = new StringBuilder();
            for (String line : comment) {
                for (String part : line.split("\\R", -1)) {
                    text.append(part.isEmpty() ? "#" : "# " + part).append('\n');
                }
            }
            return text.append(YAML.writeValueAsString(tree)).toString();
        } catch (JsonProcessingException impossible) {
            throw new UncheckedIOException("cannot serialize a pipeline tree", impossible);
        }
    }

    /**
     * Writes a pipeline file atomically, in the syntax its extension asks for ({@code .json} JSON, else YAML).
     *
     * @param pipeline the pipeline
     * @param file the file to write; missing folders are created, an existing file is replaced only on success
     * @param comment comment lines for a YAML file
     * @throws IOException if the file cannot be written; the file is then unchanged
     */
    public void write(Pipeline pipeline, Path file, List<String> comment) throws IOException {
        requireNonNull(file, "file");
        AtomicFile.writeString(file, write(pipeline, PipelineFormat.of(file), comment));
    }

    /**
     * Returns the pipeline as the syntax tree {@link PipelineReader#bind} reads.
     *
     * @param pipeline the pipeline
     * @return a new tree
     */
    public JsonNode toTree(Pipeline pipeline) {
        requireNonNull(pipeline, "pipeline");
        ObjectNode root = NODES.objectNode();
        root.put("name", pipeline.name());
        if (!pipeline.description().isEmpty()) {
            root.put("description", pipeline.description());
        }
        root.set("context", context(pipeline.context()));
        ArrayNode steps = root.putArray("pipeline");
        for (Step step : pipeline.steps()) {
            ObjectNode entry = steps.addObject();
            entry.set(step.kind().fileName(), options(step));
        }
        return root;
    }

    private static ObjectNode context(DataContext context) {
        ObjectNode node = NODES.objectNode();
        node.put("target_max_block_size", context.targetMaxBlockSize().toString());
        node.put("eager_free", context.eagerFree());
        node.put("enable_progress_bars", context.enableProgressBars());
        node.put("enable_operator_progress_bars", context.enableOperatorProgressBars());
        node.put("enable_auto_log_stats", context.enableAutoLogStats());
        node.put("max_errored_blocks", context.maxErroredBlocks());
        ResourceLimits limits = context.resourceLimits();
        if (!limits.equals(ResourceLimits.DETECTED)) {
            ObjectNode limitNode = node.putObject("resource_limits");
            putNumber(limitNode, "cpu", limits.cpu());
            limits.gpu().ifPresent(gpu -> limitNode.put("gpu", gpu));
            limits.objectStoreMemory().ifPresent(size -> limitNode.put("object_store_memory", size.toString()));
        }
        node.put("allow_cpu_fallback", context.allowCpuFallback());
        return node;
    }

    private static ObjectNode options(Step step) {
        ObjectNode node = NODES.objectNode();
        step.name().ifPresent(name -> node.put(StepKind.NAME_KEY, name));
        switch (step) {
            case Step.ReadParquet read -> {
                node.set("paths", stringOrList(read.paths()));
                read.columns().ifPresent(columns -> node.set("columns", strings(columns)));
                node.put("include_paths", read.includePaths());
                partitioning(node, read);
                resources(node, read.resources());
            }
            case Step.Read read -> {
                node.set("paths", stringOrList(read.paths()));
                node.put("include_paths", read.includePaths());
                partitioning(node, read);
                resources(node, read.resources());
            }
            case Step.MapBatches map -> {
                function(node, map.fn(), map.fnKwargs(), map.fnConstructorKwargs());
                map.batchSize().ifPresent(size -> {
                    switch (size) {
                        case BatchSize.Rows(int rows) -> node.put("batch_size", rows);
                        case BatchSize.WholeBlock() -> node.putNull("batch_size");
                    }
                });
                map.batchFormat().ifPresent(format -> node.put("batch_format", format.fileName()));
                resources(node, map.resources());
                retry(node, map.retry());
            }
            case Step.MapRows map -> {
                function(node, map.fn(), map.fnKwargs(), map.fnConstructorKwargs());
                resources(node, map.resources());
                retry(node, map.retry());
            }
            case Step.FlatMap map -> {
                function(node, map.fn(), map.fnKwargs(), map.fnConstructorKwargs());
                resources(node, map.resources());
                retry(node, map.retry());
            }
            case Step.Filter filter -> {
                filter.expression().ifPresent(expression -> node.put("expr", expression));
                filter.fn().ifPresent(fn -> function(node, fn, filter.fnKwargs(), filter.fnConstructorKwargs()));
                resources(node, filter.resources());
                retry(node, filter.retry());
            }
            case Step.SelectColumns select -> node.set("cols", stringOrList(select.columns()));
            case Step.DropColumns drop -> node.set("cols", stringOrList(drop.columns()));
            case Step.Limit limit -> node.put("limit", limit.limit());
            case Step.Repartition repartition -> {
                repartition.numBlocks().ifPresent(blocks -> node.put("num_blocks", blocks));
                repartition.targetRowsPerBlock().ifPresent(rows -> node.put("target_num_rows_per_block", rows));
                node.put("shuffle", repartition.shuffle());
            }
            case Step.GroupBy groupBy -> {
                node.set("key", stringOrList(groupBy.keys()));
                node.set("aggregate", strings(groupBy.aggregates().stream().map(Aggregate::toText).toList()));
            }
            case Step.WriteParquet write -> {
                node.put("path", write.path());
                write.compression().ifPresent(codec -> node.put("compression", codec.fileName()));
                if (!write.partitionCols().isEmpty()) {
                    node.set("partition_cols", strings(write.partitionCols()));
                }
                rowsPerFile(node, write);
            }
            case Step.Write write -> rowsPerFile(node, write);
            case Step.Show show -> node.put("limit", show.limit());
        }
        return node;
    }

    private static void rowsPerFile(ObjectNode node, Step.Write write) {
        node.put("path", write.path());
        putLong(node, "min_rows_per_file", write.minRowsPerFile());
        putLong(node, "max_rows_per_file", write.maxRowsPerFile());
        resources(node, write.resources());
    }

    private static void function(ObjectNode node, FunctionReference fn, KeywordArguments kwargs,
            KeywordArguments constructorKwargs) {
        node.put("fn", fn.text());
        if (!kwargs.isEmpty()) {
            node.set("fn_kwargs", arguments(kwargs.values()));
        }
        if (!constructorKwargs.isEmpty()) {
            node.set("fn_constructor_kwargs", arguments(constructorKwargs.values()));
        }
    }

    /**
     * Writes {@code partitioning} where it is not the kind's default (null for none, else its name), and
     * {@code file_extensions} where set (null for every file).
     */
    private static void partitioning(ObjectNode node, Step.Read read) {
        read.fileExtensions().ifPresent(extensions -> {
            if (extensions.isEmpty()) {
                node.putNull("file_extensions");
            } else {
                node.set("file_extensions", strings(extensions));
            }
        });
        if (read.partitioning() != Partitioning.defaultFor(read.kind())) {
            if (read.partitioning() == Partitioning.NONE) {
                node.putNull("partitioning");
            } else {
                node.put("partitioning", read.partitioning().fileName());
            }
        }
    }

    private static void resources(ObjectNode node, Resources resources) {
        putNumber(node, "num_cpus", resources.numCpus());
        putNumber(node, "num_gpus", resources.numGpus());
        resources.memory().ifPresent(size -> node.put("memory", size.toString()));
        resources.concurrency().ifPresent(concurrency -> {
            switch (concurrency) {
                case Concurrency.Fixed(int value) -> node.put("concurrency", value);
                case Concurrency.Autoscaling(int minimum, int maximum) ->
                        node.putArray("concurrency").add(minimum).add(maximum);
            }
        });
    }

    private static void retry(ObjectNode node, RetryPolicy retry) {
        retry.maxRetries().ifPresent(count -> node.put("max_retries", count));
        switch (retry.retryOn()) {
            case RetryPolicy.RetryOn.SystemFailuresOnly() -> {
                // the default: written as nothing
            }
            case RetryPolicy.RetryOn.AnyException() -> node.put("retry_exceptions", true);
            case RetryPolicy.RetryOn.Listed(List<String> classNames) ->
                    node.set("retry_exceptions", strings(classNames));
        }
    }

    private static ObjectNode arguments(Map<String, Object> values) {
        ObjectNode node = NODES.objectNode();
        values.forEach((key, value) -> node.set(key, argument(value)));
        return node;
    }

    private static JsonNode argument(Object value) {
        return switch (value) {
            case String text -> NODES.textNode(text);
            case Long number -> NODES.numberNode(number);
            case Double number -> NODES.numberNode(number);
            case Boolean flag -> NODES.booleanNode(flag);
            case List<?> list -> {
                ArrayNode array = NODES.arrayNode();
                list.forEach(element -> array.add(argument(element)));
                yield array;
            }
            case Map<?, ?> map -> {
                ObjectNode object = NODES.objectNode();
                map.forEach((key, element) -> object.set(String.valueOf(key), argument(element)));
                yield object;
            }
            default -> throw new IllegalArgumentException("unsupported keyword argument " + value.getClass());
        };
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    /** One value as a plain string, several as a list: the reader accepts both for these keys. */
    private static JsonNode stringOrList(List<String> values) {
        return values.size() == 1 ? NODES.textNode(values.getFirst()) : strings(values);
    }

    private static void putNumber(ObjectNode node, String key, OptionalDouble value) {
        if (value.isPresent()) {
            double number = value.getAsDouble();
            if (number == Math.rint(number) && Math.abs(number) < 1e15) {
                node.put(key, (long) number);
            } else {
                node.put(key, number);
            }
        }
    }

    private static void putLong(ObjectNode node, String key, OptionalLong value) {
        value.ifPresent(number -> node.put(key, number));
    }
}
