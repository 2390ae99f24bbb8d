package dev.pipetune.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipetune.engine.expression.ExpressionException;
import dev.pipetune.engine.expression.ExpressionParser;
import dev.pipetune.engine.function.DocumentFormat;
import dev.pipetune.engine.function.ExtractText;
import dev.pipetune.engine.function.HtmlHandling;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads one entry of a pipeline file's {@code pipeline:} list into a {@link Step}, reporting every problem. */
final class StepBinder {

    private static final Pattern STEP_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final String FUNCTION_FORMS = "a built-in function (" + String.join(", ", BuiltinFunction.names())
            + ") or java:<fully.qualified.ClassName>";

    private final Problems problems;

    StepBinder(Problems problems) {
        this.problems = problems;
    }

    /**
     * What was read of one entry: the step, if it was valid, and its kind, if that could be told (so the order of
     * steps can be checked even when a step's options are wrong).
     */
    record Bound(Optional<Step> step, Optional<StepKind> kind) {
    }

    Bound bind(JsonNode entry, int index) {
        String location = "pipeline[" + index + "]";
        if (entry == null || !entry.isObject() || entry.isEmpty()) {
            problems.error(location, "must be a mapping from one step kind to its options, such as "
                    + "'read_parquet: {paths: [data]}', got " + MappingReader.describe(entry));
            return new Bound(Optional.empty(), Optional.empty());
        }
        List<String> keys = new ArrayList<>();
        entry.properties().forEach(property -> keys.add(property.getKey()));
        if (keys.size() > 1) {
            String advice = keys.contains(StepKind.NAME_KEY)
                    ? "; put the step's name inside its options, e.g. 'map_batches: {name: transform, ...}'"
                    : "; put each step in its own list item";
            problems.error(location, "has several keys (" + String.join(", ", keys) + "), but a step is one kind "
                    + "mapped to its options" + advice);
            return new Bound(Optional.empty(), Optional.empty());
        }
        String kindName = keys.getFirst();
        Optional<StepKind> kind = StepKind.byName(kindName);
        if (kind.isEmpty()) {
            problems.error(location, "unknown step '" + kindName + "'" + NearestName.of(kindName, StepKind.names())
                    .map(nearest -> "; did you mean '" + nearest + "'?")
                    .orElse("; steps are " + String.join(", ", StepKind.names())));
            return new Bound(Optional.empty(), Optional.empty());
        }
        String path = location + "." + kindName;
        MappingReader options = MappingReader.of(entry.get(kindName), path, problems, kind.get().keys());
        int errorsBefore = problems.all().size();
        Optional<String> name = name(options);
        Optional<Step> step = build(kind.get(), name, options);
        boolean clean = problems.all().size() == errorsBefore && !problems.hasErrorsAt(path);
        return new Bound(clean ? step : Optional.empty(), kind);
    }

    private Optional<String> name(MappingReader options) {
        Optional<String> name = options.string(StepKind.NAME_KEY);
        name.filter(value -> !STEP_NAME.matcher(value).matches() || value.chars().allMatch(Character::isDigit))
                .ifPresent(value -> options.error(StepKind.NAME_KEY, "must start with a letter or '_' and contain "
                        + "only letters, digits, '_' and '-', got '" + value + "'"));
        return name;
    }

    private Optional<Step> build(StepKind kind, Optional<String> name, MappingReader options) {
        try {
            return switch (kind) {
                case READ_PARQUET -> readParquet(name, options);
                case READ_CSV, READ_JSON, READ_BINARY_FILES -> otherRead(kind, name, options);
                case MAP_BATCHES -> mapBatches(name, options);
                case MAP, FLAT_MAP -> rowFunction(kind, name, options);
                case FILTER -> filter(name, options);
                case SELECT_COLUMNS -> options.requiredStringList("cols")
                        .map(columns -> new Step.SelectColumns(name, columns));
                case DROP_COLUMNS -> options.requiredStringList("cols")
                        .map(columns -> new Step.DropColumns(name, columns));
                case LIMIT -> limit(name, options);
                case REPARTITION -> repartition(name, options);
                case GROUPBY -> groupBy(name, options);
                case WRITE_PARQUET, WRITE_CSV, WRITE_JSON -> write(kind, name, options);
                case SHOW -> Optional.of(new Step.Show(name,
                        options.integerAtLeast("limit", 1, "a positive integer").orElse(Step.Show.DEFAULT_LIMIT)));
            };
        } catch (IllegalArgumentException | NoSuchElementException inconsistent) {
            if (!problems.hasErrorsAt(options.path())) {
                problems.error(options.path(), String.valueOf(inconsistent.getMessage()));
            }
            return Optional.empty();
        }
    }

    private Optional<Step> readParquet(Optional<String> name, MappingReader options) {
        Optional<List<String>> paths = options.requiredStringList("paths");
        Optional<List<String>> columns = options.stringList("columns");
        boolean includePaths = options.bool("include_paths", false);
        Partitioning partitioning = partitioning(options, StepKind.READ_PARQUET);
        Optional<List<String>> extensions = fileExtensions(options);
        Resources resources = readResources(options);
        return paths.map(files -> new Step.ReadParquet(name, files, columns, includePaths, partitioning, extensions,
                resources));
    }

    private Optional<Step> otherRead(StepKind kind, Optional<String> name, MappingReader options) {
        Optional<List<String>> paths = options.requiredStringList("paths");
        boolean includePaths = options.bool("include_paths", kind == StepKind.READ_BINARY_FILES);
        Partitioning partitioning = partitioning(options, kind);
        Optional<List<String>> extensions = fileExtensions(options);
        Resources resources = readResources(options);
        return paths.map(files -> switch (kind) {
            case READ_CSV -> new Step.ReadCsv(name, files, includePaths, partitioning, extensions, resources);
            case READ_JSON -> new Step.ReadJson(name, files, includePaths, partitioning, extensions, resources);
            default -> new Step.ReadBinaryFiles(name, files, includePaths, partitioning, extensions, resources);
        });
    }

    /**
     * Reads {@code file_extensions}: a name or a list of extensions (a leading dot and case do not matter), or null
     * for every file; absent gives the step's default.
     */
    private static Optional<List<String>> fileExtensions(MappingReader options) {
        Optional<JsonNode> raw = options.raw("file_extensions");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        if (raw.get().isNull()) {
            return Optional.of(List.of());
        }
        return options.stringList("file_extensions").map(extensions -> extensions.stream()
                .map(extension -> extension.strip().replaceFirst("^\\.", "").toLowerCase(java.util.Locale.ROOT))
                .distinct().toList());
    }

    /** Reads {@code partitioning}: {@code hive}, or {@code none} or null for none; absent gives Ray's default. */
    private static Partitioning partitioning(MappingReader options, StepKind kind) {
        Optional<JsonNode> raw = options.raw("partitioning");
        if (raw.isEmpty()) {
            return Partitioning.defaultFor(kind);
        }
        if (raw.get().isNull()) {
            return Partitioning.NONE;
        }
        return options.choice("partitioning", Partitioning.values(), Partitioning::fileName)
                .orElse(Partitioning.defaultFor(kind));
    }

    private Optional<Step> mapBatches(Optional<String> name, MappingReader options) {
        Optional<FunctionReference> fn = requiredFunction(options);
        KeywordArguments fnKwargs = options.keywordArguments("fn_kwargs");
        KeywordArguments constructorKwargs = options.keywordArguments("fn_constructor_kwargs");
        Optional<BatchSize> batchSize = options.batchSize("batch_size");
        Optional<BatchFormat> batchFormat = options.choice("batch_format", BatchFormat.values(),
                BatchFormat::fileName);
        Resources resources = functionResources(options);
        RetryPolicy retry = retry(options);
        fn.ifPresent(function -> checkFunction(function, StepKind.MAP_BATCHES, options, resources));
        return fn.map(function -> new Step.MapBatches(name, function, fnKwargs, constructorKwargs, batchSize,
                batchFormat, resources, retry));
    }

    private Optional<Step> rowFunction(StepKind kind, Optional<String> name, MappingReader options) {
        Optional<FunctionReference> fn = requiredFunction(options);
        KeywordArguments fnKwargs = options.keywordArguments("fn_kwargs");
        KeywordArguments constructorKwargs = options.keywordArguments("fn_constructor_kwargs");
        Resources resources = functionResources(options);
        RetryPolicy retry = retry(options);
        fn.ifPresent(function -> checkFunction(function, kind, options, resources));
        return fn.map(function -> kind == StepKind.MAP
                ? new Step.MapRows(name, function, fnKwargs, constructorKwargs, resources, retry)
                : new Step.FlatMap(name, function, fnKwargs, constructorKwargs, resources, retry));
    }

    private Optional<Step> filter(Optional<String> name, MappingReader options) {
        Optional<String> expression = options.string("expr");
        Optional<FunctionReference> fn = options.has("fn") ? function(options) : Optional.empty();
        if (options.has("expr") == options.has("fn")) {
            problems.error(options.path(), options.has("expr")
                    ? "give either 'expr' or 'fn', not both"
                    : "missing required key 'expr' (an expression such as 'amount > 100') or 'fn'");
        }
        expression.ifPresent(text -> checkExpression(text, options.pathOf("expr")));
        KeywordArguments fnKwargs = options.keywordArguments("fn_kwargs");
        KeywordArguments constructorKwargs = options.keywordArguments("fn_constructor_kwargs");
        Resources resources = functionResources(options);
        RetryPolicy retry = retry(options);
        fn.ifPresent(function -> checkFunction(function, StepKind.FILTER, options, resources));
        if (expression.isPresent() && (!fnKwargs.isEmpty() || !constructorKwargs.isEmpty())) {
            problems.error(options.path(), "fn_kwargs and fn_constructor_kwargs apply to 'fn', not to 'expr'");
        }
        return Optional.of(new Step.Filter(name, expression, fn, fnKwargs, constructorKwargs, resources, retry));
    }

    private Optional<Step> limit(Optional<String> name, MappingReader options) {
        if (!options.has("limit")) {
            options.missing("limit");
        }
        OptionalLong limit = options.longAtLeast("limit", 0, "an integer, 0 or more");
        return limit.isPresent() ? Optional.of(new Step.Limit(name, limit.getAsLong())) : Optional.empty();
    }

    private Optional<Step> repartition(Optional<String> name, MappingReader options) {
        OptionalInt blocks = options.integerAtLeast("num_blocks", 1, "a positive integer");
        OptionalInt rows = options.integerAtLeast("target_num_rows_per_block", 1, "a positive integer");
        boolean shuffle = options.bool("shuffle", false);
        if (options.has("num_blocks") == options.has("target_num_rows_per_block")) {
            problems.error(options.path(), "give exactly one of 'num_blocks' and 'target_num_rows_per_block'");
            return Optional.empty();
        }
        return Optional.of(new Step.Repartition(name, blocks, rows, shuffle));
    }

    private Optional<Step> groupBy(Optional<String> name, MappingReader options) {
        Optional<List<String>> keys = options.requiredStringList("key");
        Optional<JsonNode> aggregateNode = options.raw("aggregate");
        if (aggregateNode.isEmpty()) {
            options.missing("aggregate");
            return Optional.empty();
        }
        JsonNode node = aggregateNode.get();
        if (!node.isArray() || node.isEmpty()) {
            options.error("aggregate", "must be a non-empty list such as [count(), sum(value)], got "
                    + MappingReader.describe(node));
            return Optional.empty();
        }
        List<Aggregate> aggregates = new ArrayList<>();
        List<String> outputNames = new ArrayList<>(keys.orElse(List.of()));
        for (int index = 0; index < node.size(); index++) {
            String location = options.pathOf("aggregate") + "[" + index + "]";
            JsonNode element = node.get(index);
            if (!element.isTextual()) {
                problems.error(location, "must be an aggregation such as 'sum(value)', got "
                        + MappingReader.describe(element));
                continue;
            }
            try {
                Aggregate aggregate = Aggregate.parse(element.asText());
                if (outputNames.contains(aggregate.outputName())) {
                    problems.error(location, "output column '" + aggregate.outputName()
                            + "' appears twice; rename one with 'as'");
                }
                outputNames.add(aggregate.outputName());
                aggregates.add(aggregate);
            } catch (IllegalArgumentException malformed) {
                problems.error(location, malformed.getMessage());
            }
        }
        return keys.map(columns -> new Step.GroupBy(name, columns, aggregates));
    }

    private Optional<Step> write(StepKind kind, Optional<String> name, MappingReader options) {
        Optional<String> path = options.requiredString("path");
        OptionalLong minimum = options.longAtLeast("min_rows_per_file", 1, "a positive integer");
        OptionalLong maximum = options.longAtLeast("max_rows_per_file", 1, "a positive integer");
        if (minimum.isPresent() && maximum.isPresent() && minimum.getAsLong() > maximum.getAsLong()) {
            options.error("min_rows_per_file", "must not exceed max_rows_per_file (" + maximum.getAsLong()
                    + "), got " + minimum.getAsLong());
        }
        Optional<Compression> compression = kind == StepKind.WRITE_PARQUET
                ? options.choice("compression", Compression.values(), Compression::fileName) : Optional.empty();
        List<String> partitionCols = kind == StepKind.WRITE_PARQUET
                ? options.stringList("partition_cols").orElse(List.of()) : List.of();
        if (partitionCols.size() != Set.copyOf(partitionCols).size()) {
            options.error("partition_cols", "names a column twice: " + String.join(", ", partitionCols));
        }
        Resources resources = readResources(options);
        return path.map(folder -> switch (kind) {
            case WRITE_PARQUET -> new Step.WriteParquet(name, folder, compression, minimum, maximum, partitionCols,
                    resources);
            case WRITE_CSV -> new Step.WriteCsv(name, folder, minimum, maximum, resources);
            default -> new Step.WriteJson(name, folder, minimum, maximum, resources);
        });
    }

    private static Resources readResources(MappingReader options) {
        return new Resources(options.positiveNumber("num_cpus"), OptionalDouble.empty(),
                options.size("memory"), options.concurrency("concurrency"));
    }

    private static Resources functionResources(MappingReader options) {
        return new Resources(options.positiveNumber("num_cpus"), options.nonNegativeNumber("num_gpus"),
                options.size("memory"), options.concurrency("concurrency"));
    }

    private static RetryPolicy retry(MappingReader options) {
        return new RetryPolicy(options.integerAtLeast("max_retries", 0, "an integer, 0 or more"),
                options.retryOn("retry_exceptions"));
    }

    private Optional<FunctionReference> requiredFunction(MappingReader options) {
        if (!options.has("fn")) {
            options.missing("fn");
            return Optional.empty();
        }
        return function(options);
    }

    private Optional<FunctionReference> function(MappingReader options) {
        Optional<String> text = options.string("fn");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        FunctionReference reference = new FunctionReference(text.get());
        Optional<String> className = reference.javaClassName();
        if (className.isPresent()) {
            if (!FunctionReference.isJavaClassName(className.get())) {
                options.error("fn", "'" + className.get() + "' is not a Java class name; write "
                        + "java:<fully.qualified.ClassName>");
                return Optional.empty();
            }
            return Optional.of(reference);
        }
        if (reference.builtin().isEmpty()) {
            options.error("fn", "unknown function '" + text.get() + "'"
                    + NearestName.of(text.get(), BuiltinFunction.names())
                            .map(nearest -> "; did you mean '" + nearest + "'?").orElse("")
                    + "; use " + FUNCTION_FORMS);
            return Optional.empty();
        }
        return Optional.of(reference);
    }

    private void checkFunction(FunctionReference function, StepKind kind, MappingReader options,
            Resources resources) {
        Optional<BuiltinFunction> builtin = function.builtin();
        if (builtin.isEmpty()) {
            return;
        }
        if (kind != StepKind.MAP_BATCHES) {
            options.error("fn", builtin.get().fileName() + " is a batch function: use it in map_batches");
            return;
        }
        if (builtin.get().isClass()) {
            checkClassBuiltin(builtin.get(), options, resources);
            return;
        }
        if (resources.concurrency().orElse(null) instanceof Concurrency.Autoscaling) {
            options.error("concurrency", "a [min, max] range makes an autoscaling actor pool, which needs a class; "
                    + builtin.get().fileName() + " is a function: give one integer");
        }
        if (options.has("fn_constructor_kwargs")) {
            options.error("fn_constructor_kwargs", builtin.get().fileName() + " is a function and has no constructor");
        }
        switch (builtin.get()) {
            case WITH_COLUMNS -> checkWithColumns(options);
            case EXTRACT_TEXT -> checkExtractText(options);
            default -> throw new IllegalStateException("unhandled built-in " + builtin.get());
        }
    }

    private void checkExtractText(MappingReader options) {
        Optional<JsonNode> arguments = options.raw("fn_kwargs");
        if (arguments.isEmpty() || !arguments.get().isObject()) {
            return;
        }
        String prefix = options.pathOf("fn_kwargs") + ".";
        arguments.get().properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            switch (entry.getKey()) {
                case ExtractText.FORMAT -> checkChoice(value, DocumentFormat.names(), prefix + entry.getKey());
                case ExtractText.HTML -> checkChoice(value, HtmlHandling.names(), prefix + entry.getKey());
                default -> problems.error(prefix + entry.getKey(), "unknown key; extract_text takes '"
                        + ExtractText.FORMAT + "' and '" + ExtractText.HTML + "'");
            }
        });
        JsonNode html = arguments.get().get(ExtractText.HTML);
        JsonNode format = arguments.get().get(ExtractText.FORMAT);
        if (html != null && html.asText().equals(HtmlHandling.JSOUP.fileName()) && format != null
                && format.isTextual() && !format.asText().equals(DocumentFormat.AUTO.fileName())) {
            problems.error(prefix + ExtractText.HTML, "html: jsoup applies to format auto; format '"
                    + format.asText() + "' decides how it reads HTML itself");
        }
    }

    private void checkChoice(JsonNode value, List<String> choices, String location) {
        if (!value.isTextual() || !choices.contains(value.asText())) {
            problems.error(location, "must be one of " + String.join(", ", choices) + ", got "
                    + MappingReader.describe(value));
        }
    }

    /**
     * A class built-in (a model) runs in an actor pool: it needs {@code concurrency} and exactly the
     * {@code fn_constructor_kwargs} it declares, each of its type.
     */
    private void checkClassBuiltin(BuiltinFunction builtin, MappingReader options, Resources resources) {
        String name = builtin.fileName();
        if (resources.concurrency().isEmpty()) {
            problems.error(options.path(), name + " loads a model once per actor and runs in an actor pool: set "
                    + "concurrency to the number of actors, e.g. 2, or a range [1, 4]");
        }
        if (options.has("fn_kwargs") && !options.keywordArguments("fn_kwargs").isEmpty()) {
            options.error("fn_kwargs", name + " takes its arguments in fn_constructor_kwargs");
        }
        Optional<JsonNode> arguments = options.raw("fn_constructor_kwargs");
        List<String> known = builtin.constructorArguments().stream().map(ConstructorArgument::name).toList();
        if (arguments.isEmpty() || !arguments.get().isObject()) {
            problems.error(arguments.isEmpty() ? options.path() : options.pathOf("fn_constructor_kwargs"), name
                    + " needs fn_constructor_kwargs, a mapping with " + String.join(", ", known));
            return;
        }
        String location = options.pathOf("fn_constructor_kwargs");
        arguments.get().properties().forEach(entry -> {
            if (!known.contains(entry.getKey())) {
                problems.error(location + "." + entry.getKey(), "unknown argument of " + name
                        + NearestName.of(entry.getKey(), known).map(nearest -> "; did you mean '" + nearest + "'?")
                                .orElse("; " + name + " takes " + String.join(", ", known)));
            }
        });
        for (ConstructorArgument argument : builtin.constructorArguments()) {
            JsonNode value = arguments.get().get(argument.name());
            if (value == null) {
                if (argument.required()) {
                    problems.error(location, "missing required argument '" + argument.name() + "' of " + name);
                }
            } else if (!argument.type().accepts(value)) {
                problems.error(location + "." + argument.name(), "must be " + argument.type().description()
                        + ", got " + MappingReader.describe(value));
            }
        }
    }

    private void checkWithColumns(MappingReader options) {
        Optional<JsonNode> arguments = options.raw("fn_kwargs");
        if (arguments.isEmpty() || !arguments.get().isObject() || arguments.get().isEmpty()) {
            if (arguments.isEmpty() || arguments.get().isObject()) {
                problems.error(options.path(), "with_columns needs fn_kwargs mapping each new column to an "
                        + "expression, e.g. {amount: \"value * qty\"}");
            }
            return;
        }
        arguments.get().properties().forEach(entry -> {
            String location = options.pathOf("fn_kwargs") + "." + entry.getKey();
            if (!entry.getValue().isTextual()) {
                problems.error(location, "must be an expression in quotes, got "
                        + MappingReader.describe(entry.getValue()));
            } else {
                checkExpression(entry.getValue().asText(), location);
            }
        });
    }

    private void checkExpression(String text, String location) {
        try {
            ExpressionParser.parse(text);
        } catch (ExpressionException malformed) {
            problems.error(location, malformed.getMessage());
        }
    }
}
