package dev.pipetune.app.editor;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.pipeline.BatchFormat;
import dev.pipetune.engine.pipeline.Compression;
import dev.pipetune.engine.pipeline.Partitioning;
import dev.pipetune.engine.pipeline.StepKind;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The type of every option key that {@link StepKind#keys()} lists, as documented in {@code docs/pipeline-format.md}.
 * A test checks that every key of every kind has an entry, so a new engine option cannot go untyped.
 */
public final class OptionCatalog {

    private static final Map<String, OptionType> TYPES = Map.ofEntries(
            Map.entry(StepKind.NAME_KEY, OptionType.TEXT),
            Map.entry("paths", OptionType.TEXT_LIST),
            Map.entry("columns", OptionType.TEXT_LIST),
            Map.entry("include_paths", OptionType.BOOLEAN),
            Map.entry("partitioning", OptionType.CHOICE),
            Map.entry("file_extensions", OptionType.TEXT_LIST),
            Map.entry("partition_cols", OptionType.TEXT_LIST),
            Map.entry("num_cpus", OptionType.NUMBER),
            Map.entry("num_gpus", OptionType.NUMBER),
            Map.entry("memory", OptionType.SIZE),
            Map.entry("concurrency", OptionType.CONCURRENCY),
            Map.entry("max_retries", OptionType.INTEGER),
            Map.entry("retry_exceptions", OptionType.RETRY_EXCEPTIONS),
            Map.entry("fn", OptionType.TEXT),
            Map.entry("fn_kwargs", OptionType.MAPPING),
            Map.entry("fn_constructor_kwargs", OptionType.MAPPING),
            Map.entry("batch_size", OptionType.BATCH_SIZE),
            Map.entry("batch_format", OptionType.CHOICE),
            Map.entry("expr", OptionType.TEXT),
            Map.entry("cols", OptionType.TEXT_LIST),
            Map.entry("limit", OptionType.INTEGER),
            Map.entry("num_blocks", OptionType.INTEGER),
            Map.entry("target_num_rows_per_block", OptionType.INTEGER),
            Map.entry("shuffle", OptionType.BOOLEAN),
            Map.entry("key", OptionType.TEXT_LIST),
            Map.entry("aggregate", OptionType.TEXT_LIST),
            Map.entry("path", OptionType.TEXT),
            Map.entry("compression", OptionType.CHOICE),
            Map.entry("min_rows_per_file", OptionType.INTEGER),
            Map.entry("max_rows_per_file", OptionType.INTEGER));

    private static final Map<String, List<String>> CHOICES = Map.of(
            "batch_format", Arrays.stream(BatchFormat.values()).map(BatchFormat::fileName).toList(),
            "compression", Arrays.stream(Compression.values()).map(Compression::fileName).toList(),
            "partitioning", Arrays.stream(Partitioning.values()).map(Partitioning::fileName).toList());

    private static final Map<StepKind, Set<String>> REQUIRED = Map.ofEntries(
            Map.entry(StepKind.READ_PARQUET, Set.of("paths")),
            Map.entry(StepKind.READ_CSV, Set.of("paths")),
            Map.entry(StepKind.READ_JSON, Set.of("paths")),
            Map.entry(StepKind.READ_BINARY_FILES, Set.of("paths")),
            Map.entry(StepKind.MAP_BATCHES, Set.of("fn")),
            Map.entry(StepKind.MAP, Set.of("fn")),
            Map.entry(StepKind.FLAT_MAP, Set.of("fn")),
            Map.entry(StepKind.SELECT_COLUMNS, Set.of("cols")),
            Map.entry(StepKind.DROP_COLUMNS, Set.of("cols")),
            Map.entry(StepKind.LIMIT, Set.of("limit")),
            Map.entry(StepKind.GROUPBY, Set.of("key", "aggregate")),
            Map.entry(StepKind.WRITE_PARQUET, Set.of("path")),
            Map.entry(StepKind.WRITE_CSV, Set.of("path")),
            Map.entry(StepKind.WRITE_JSON, Set.of("path")));

    private static final List<OptionSpec> SETTINGS = List.of(
            setting("name", OptionType.TEXT),
            setting("description", OptionType.TEXT),
            setting("context.target_max_block_size", OptionType.SIZE),
            setting("context.eager_free", OptionType.BOOLEAN),
            setting("context.enable_progress_bars", OptionType.BOOLEAN),
            setting("context.enable_operator_progress_bars", OptionType.BOOLEAN),
            setting("context.enable_auto_log_stats", OptionType.BOOLEAN),
            setting("context.max_errored_blocks", OptionType.INTEGER),
            setting("context.resource_limits.cpu", OptionType.NUMBER),
            setting("context.resource_limits.gpu", OptionType.INTEGER),
            setting("context.resource_limits.object_store_memory", OptionType.SIZE));

    private OptionCatalog() {
    }

    /**
     * Describes the options of a step kind, in the engine's documentation order.
     *
     * @param kind the step kind
     * @return one spec per key the kind accepts, {@code name} first
     */
    public static List<OptionSpec> options(StepKind kind) {
        requireNonNull(kind, "kind");
        return kind.keys().stream().map(key -> spec(kind, key)).toList();
    }

    /**
     * Describes one key, including keys a kind does not accept (typed as text, so they can still be shown).
     *
     * @param kind the step kind
     * @param key an option key
     * @return its spec
     */
    public static OptionSpec spec(StepKind kind, String key) {
        requireNonNull(kind, "kind");
        requireNonNull(key, "key");
        OptionType type = TYPES.getOrDefault(key, OptionType.TEXT);
        if (kind == StepKind.SHOW && key.equals("limit")) {
            return new OptionSpec(key, type, List.of(), false);
        }
        return new OptionSpec(key, type, CHOICES.getOrDefault(key, List.of()),
                REQUIRED.getOrDefault(kind, Set.of()).contains(key));
    }

    /**
     * Describes the pipeline's own settings: {@code name}, {@code description} and every {@code context} key, each
     * named by its dotted path such as {@code context.resource_limits.cpu}.
     *
     * @return the settings, in documentation order
     */
    public static List<OptionSpec> settings() {
        return SETTINGS;
    }

    private static OptionSpec setting(String path, OptionType type) {
        return new OptionSpec(path, type, List.of(), false);
    }

    /** Returns whether the catalog types this key explicitly (a test uses it to find untyped engine keys). */
    static boolean knows(String key) {
        return TYPES.containsKey(key);
    }
}
