package dev.pipetune.engine.plan;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.aggregate.GroupByAggregation;
import dev.pipetune.engine.execution.ActorFactory;
import dev.pipetune.engine.execution.ActorInstance;
import dev.pipetune.engine.execution.AggregateOperator;
import dev.pipetune.engine.execution.BlockTransform;
import dev.pipetune.engine.execution.FileFormatWriter;
import dev.pipetune.engine.execution.LimitOperator;
import dev.pipetune.engine.execution.MapOperator;
import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.engine.execution.OutputPartitioner;
import dev.pipetune.engine.execution.PhysicalOperator;
import dev.pipetune.engine.execution.ReadTask;
import dev.pipetune.engine.execution.RepartitionOperator;
import dev.pipetune.engine.execution.ResourceBudget;
import dev.pipetune.engine.execution.SourceOperator;
import dev.pipetune.engine.execution.TaskResources;
import dev.pipetune.engine.execution.WriteOperator;
import dev.pipetune.engine.expression.Expression;
import dev.pipetune.engine.expression.ExpressionException;
import dev.pipetune.engine.expression.ExpressionParser;
import dev.pipetune.engine.expression.evaluation.WithColumns;
import dev.pipetune.engine.function.ExtractText;
import dev.pipetune.engine.io.CompressedInput;
import dev.pipetune.engine.io.DataFileException;
import dev.pipetune.engine.io.FileListing;
import dev.pipetune.engine.io.parquet.ParquetReadException;
import dev.pipetune.engine.pipeline.Aggregate;
import dev.pipetune.engine.pipeline.BatchSize;
import dev.pipetune.engine.pipeline.BuiltinFunction;
import dev.pipetune.engine.pipeline.Compression;
import dev.pipetune.engine.pipeline.Concurrency;
import dev.pipetune.engine.pipeline.DataContext;
import dev.pipetune.engine.pipeline.GpuCheck;
import dev.pipetune.engine.pipeline.OutputPaths;
import dev.pipetune.engine.pipeline.Partitioning;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.Resources;
import dev.pipetune.engine.pipeline.RetryPolicy;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.engine.udf.BatchFunction;
import dev.pipetune.engine.udf.BatchFunctionClass;
import dev.pipetune.engine.udf.FunctionContext;
import dev.pipetune.engine.udf.FunctionLoader;
import dev.pipetune.engine.udf.RowFunction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Turns a {@link Pipeline} into a {@link PhysicalPlan} for the {@link dev.pipetune.engine.execution.StreamingExecutor}:
 * lists the input files, checks columns and expressions against the input's schema where it is known, fuses
 * consecutive compatible map-like steps into one operator (as Ray does), pushes a filter that directly follows
 * {@code read_parquet} down to row-group statistics, and sizes the resource budget from {@code resource_limits} or
 * the machine. Stateless and thread-safe.
 */
public final class Planner {

    /** Ray's default retries of a failed task. */
    static final int DEFAULT_MAX_RETRIES = 3;

    /**
     * Whether {@code read_parquet} may deliver the columns a directly following {@code groupby} reads dictionary
     * encoded (see {@link #dictionaryColumns}; system property {@code pipetune.parquet.dictionaryKeys}, on unless
     * {@code false}; off for A/B comparisons).
     */
    private static final boolean DICTIONARY_KEYS = !"false".equalsIgnoreCase(
            System.getProperty("pipetune.parquet.dictionaryKeys", "true"));

    /**
     * Plans a pipeline.
     *
     * @param pipeline the pipeline
     * @param context paths, function loading and machine resources
     * @return the plan, whose operators run once
     * @throws PlanException naming the place in the pipeline file, if inputs, columns, functions or resources do
     *     not allow the pipeline to run
     */
    public PhysicalPlan plan(Pipeline pipeline, PlanContext context) throws PlanException {
        requireNonNull(pipeline, "pipeline");
        requireNonNull(context, "context");
        ResourceBudget budget = budget(pipeline.context(), context);
        List<Step> steps = pipeline.steps();
        List<PhysicalOperator> operators = new ArrayList<>();
        Optional<Schema> schema = Optional.empty();
        Optional<Expression> pushed = pushableFilter(pipeline);
        SourcePlan source = source(pipeline, context, pushed, budget);
        operators.add(source.operator());
        schema = source.schema();
        MapStage pending = null;
        int showRows = 0;
        for (int index = 1; index < steps.size(); index++) {
            Step step = steps.get(index);
            String location = "pipeline[" + index + "]." + step.kind().fileName();
            String label = label(step, index);
            Optional<MapStage> stage = mapStage(step, label, location, context, budget, schema);
            if (stage.isPresent()) {
                schema = schemaAfter(step, schema, location);
                pending = pending != null && pending.canFuse(stage.get()) ? pending.fuse(stage.get()) : flush(pending,
                        operators, stage.get());
                continue;
            }
            flush(pending, operators, null);
            pending = null;
            switch (step) {
                case Step.Limit limit -> operators.add(new LimitOperator("Limit(" + label + ")", limit.limit()));
                case Step.Show show -> {
                    operators.add(new LimitOperator("Show(" + label + ")", show.limit()));
                    showRows = show.limit();
                }
                case Step.GroupBy groupBy -> {
                    if (schema.isPresent()) {
                        try {
                            schema = Optional.of(GroupByAggregation.compile(groupBy.keys(), groupBy.aggregates(),
                                    schema.get()).resultSchema());
                        } catch (IllegalArgumentException invalid) {
                            throw new PlanException(location, invalid.getMessage());
                        }
                    }
                    operators.add(new AggregateOperator("Aggregate(" + label + ")", groupBy.keys(),
                            groupBy.aggregates(), TaskResources.ONE_CPU));
                }
                case Step.Write write -> {
                    checkPartitionColumns(write, schema, location);
                    operators.add(write(write, label, location, context, budget, pipeline));
                }
                case Step.Repartition repartition -> operators.add(repartition(repartition, label));
                default -> throw new PlanException(location, step.kind().fileName() + " cannot be planned");
            }
        }
        flush(pending, operators, null);
        return new PhysicalPlan(operators, budget, pipeline.context().maxErroredBlocks(), showRows,
                pipeline.context().targetMaxBlockSize().bytes());
    }

    private static MapStage flush(MapStage pending, List<PhysicalOperator> operators, MapStage next) {
        if (pending != null) {
            operators.add(pending.toOperator());
        }
        return next;
    }

    private static ResourceBudget budget(DataContext dataContext, PlanContext context) {
        var limits = dataContext.resourceLimits();
        long cpuMillis = Math.round(limits.cpu().orElse(context.detectedCpus()) * 1000);
        int gpus = limits.gpu().orElse(context.detectedGpus());
        long objectStore = limits.objectStoreMemory().map(size -> size.bytes())
                .orElse((long) (context.physicalMemoryBytes() * 0.3));
        return new ResourceBudget(cpuMillis, gpus, objectStore, dataContext.allowCpuFallback());
    }

    private record SourcePlan(SourceOperator operator, Optional<Schema> schema) {
    }

    private static SourcePlan source(Pipeline pipeline, PlanContext context, Optional<Expression> pushed,
            ResourceBudget budget) throws PlanException {
        Step.Read read = pipeline.source();
        String location = "pipeline[0]." + read.kind().fileName();
        InputFiles input = files(read, context, location);
        List<Path> files = input.files();
        InputSample sample = context.inputSample();
        Resources resources = read.resources();
        TaskResources taskResources = taskResources(resources, location, budget);
        int cap = resources.concurrency().map(Concurrency::maximum).orElse(Integer.MAX_VALUE);
        String name = label(read, 0);
        List<ReadTask> tasks;
        Optional<Schema> schema = Optional.empty();
        // Sampling picks row groups of Parquet files, and whole files of other formats.
        List<Path> selected = read instanceof Step.ReadParquet ? files : sample.select(files);
        HivePartitions partitions = read.partitioning() == Partitioning.HIVE
                ? HivePartitions.of(selected, file -> input.asNamed().getOrDefault(file, file)) : HivePartitions.NONE;
        switch (read) {
            case Step.ReadParquet parquet -> {
                ParquetSource.Tasks planned = ParquetSource.plan(files, parquet.columns(), parquet.includePaths(),
                        partitions, pushed, readSchema -> dictionaryColumns(pipeline, Optional.of(readSchema)),
                        sample, location);
                schema = Optional.of(planned.schema());
                tasks = planned.tasks();
            }
            case Step.ReadCsv csv -> tasks = FileSources.csv(selected, csv.includePaths(), partitions, pushed);
            case Step.ReadJson json -> tasks = FileSources.json(selected, json.includePaths(), partitions, pushed);
            case Step.ReadBinaryFiles binary -> tasks = FileSources.binary(selected, binary.includePaths(),
                    partitions, pushed);
        }
        // Only the file system's own errors are retried: bytes that do not decode fail the same way again.
        Predicate<Throwable> retryable = failure -> failure instanceof IOException
                && !(failure instanceof DataFileException)
                && !(failure instanceof ParquetReadException unreadable && !unreadable.mayBeTransient());
        String operatorName = read.kind().fileName().equals("read_parquet") ? "ReadParquet(" + name + ")"
                : "Read(" + name + ")";
        return new SourcePlan(new SourceOperator(operatorName, tasks, taskResources, cap, DEFAULT_MAX_RETRIES,
                retryable), schema);
    }

    /**
     * The columns that {@code read_parquet} may deliver dictionary encoded. Its string columns when every later step
     * handles them encoded (see {@link #encodedStringsThroughout}); the key of a {@code groupby} that only
     * {@code with_columns} and filters separate from it (see {@link #groupByKeyAfterEncodedSteps}). When a
     * {@code groupby} directly follows it (no step, not even a pushed-down filter, in between): a single string or
     * binary key that no aggregation reads, and every integer or floating-point column that is not a key and that
     * only {@code min}, {@code max} or {@code count} read (they work on the few distinct values instead of every
     * row's; a {@code sum} or {@code mean} would have to look each row's value up anyway).
     */
    static Set<String> dictionaryColumns(Pipeline pipeline, Optional<Schema> schema) {
        if (!DICTIONARY_KEYS || schema.isEmpty() || !(pipeline.source() instanceof Step.ReadParquet parquet)
                || parquet.includePaths() || pipeline.steps().size() < 2) {
            return Set.of();
        }
        if (!(pipeline.steps().get(1) instanceof Step.GroupBy groupBy)) {
            return encodedStringsThroughout(pipeline) ? stringColumns(schema.get())
                    : groupByKeyAfterEncodedSteps(pipeline, schema.get());
        }
        Set<String> columns = new LinkedHashSet<>();
        soleUnaggregatedKey(groupBy, schema.get(), type -> type instanceof ArrowType.Utf8
                || type instanceof ArrowType.Binary).ifPresent(columns::add);
        Set<Aggregate.Function> fewValues = EnumSet.of(Aggregate.Function.MIN, Aggregate.Function.MAX,
                Aggregate.Function.COUNT);
        for (Aggregate aggregate : groupBy.aggregates()) {
            String column = aggregate.column().orElse(null);
            if (column == null || groupBy.keys().contains(column) || !type(schema.get(), column)
                    .filter(type -> type instanceof ArrowType.Int || type instanceof ArrowType.FloatingPoint)
                    .isPresent()) {
                continue;
            }
            boolean onlyFewValues = groupBy.aggregates().stream().filter(other -> other.column()
                    .filter(column::equals).isPresent()).allMatch(other -> fewValues.contains(other.function()));
            if (onlyFewValues) {
                columns.add(column);
            }
        }
        return Set.copyOf(columns);
    }

    /**
     * Whether every step after the source reads dictionary-encoded string columns as they are: {@code with_columns}
     * (which computes a one-column expression of an encoded string over its dictionary entries), {@code filter} with
     * an expression (which copies indices instead of strings), and a final {@code write_parquet} (which writes the
     * indices without hashing the strings again). Any other step would only decode them again.
     */
    private static boolean encodedStringsThroughout(Pipeline pipeline) {
        List<Step> steps = pipeline.steps();
        if (!(steps.getLast() instanceof Step.WriteParquet)) {
            return false;
        }
        return steps.subList(1, steps.size() - 1).stream().allMatch(Planner::keepsStringsEncoded);
    }

    /** Whether a step between the source and the sink passes dictionary-encoded strings on encoded. */
    private static boolean keepsStringsEncoded(Step step) {
        return switch (step) {
            case Step.MapBatches map -> map.fn().builtin().orElse(null) == BuiltinFunction.WITH_COLUMNS;
            case Step.Filter filter -> filter.expression().isPresent();
            default -> false;
        };
    }

    /**
     * The key of a {@code groupby} with one string key that no aggregation reads, when only {@code with_columns} and
     * expression filters come between the source and it: they pass the key on encoded, and the aggregate groups
     * rows by dictionary entry.
     */
    private static Set<String> groupByKeyAfterEncodedSteps(Pipeline pipeline, Schema schema) {
        List<Step> steps = pipeline.steps();
        int index = 1;
        while (index < steps.size() && keepsStringsEncoded(steps.get(index))) {
            index++;
        }
        if (index == steps.size() || !(steps.get(index) instanceof Step.GroupBy groupBy)) {
            return Set.of();
        }
        return soleUnaggregatedKey(groupBy, schema, ArrowType.Utf8.class::isInstance).map(Set::of).orElse(Set.of());
    }

    /** The key of a one-key {@code groupby} that no aggregation reads, when the schema gives it an accepted type. */
    private static Optional<String> soleUnaggregatedKey(Step.GroupBy groupBy, Schema schema,
            Predicate<ArrowType> acceptedType) {
        if (groupBy.keys().size() != 1) {
            return Optional.empty();
        }
        String key = groupBy.keys().getFirst();
        boolean aggregated = groupBy.aggregates().stream().anyMatch(aggregate -> aggregate.column()
                .filter(key::equals).isPresent());
        return aggregated || type(schema, key).filter(acceptedType).isEmpty() ? Optional.empty() : Optional.of(key);
    }

    private static Set<String> stringColumns(Schema schema) {
        Set<String> columns = new LinkedHashSet<>();
        for (Field field : schema.getFields()) {
            if (field.getType() instanceof ArrowType.Utf8) {
                columns.add(field.getName());
            }
        }
        return Set.copyOf(columns);
    }

    private static Optional<ArrowType> type(Schema schema, String column) {
        return schema.getFields().stream().filter(field -> field.getName().equals(column)).findFirst()
                .map(Field::getType);
    }

    /**
     * A read step's files, and each file's path as the step names it: an absolute path as it is, and for a relative
     * one only the part from the named path on, as Ray parses the paths it is given (folder columns come from it).
     */
    private record InputFiles(List<Path> files, Map<Path, Path> asNamed) {
    }

    private static InputFiles files(Step.Read read, PlanContext context, String location) throws PlanException {
        List<Path> roots = new ArrayList<>();
        List<Optional<Path>> relativeNames = new ArrayList<>();
        for (String written : read.paths()) {
            Path path;
            try {
                path = context.paths().expand(written);
            } catch (IllegalArgumentException unexpandable) {
                throw new PlanException(location + ".paths", unexpandable.getMessage());
            }
            if (!Files.exists(path)) {
                throw new PlanException(location + ".paths", "'" + written + "' does not exist (" + path + ")"
                        + sampleDataHint(written));
            }
            roots.add(path);
            boolean named = !written.startsWith("~") && !written.contains("${") && !Path.of(written).isAbsolute();
            relativeNames.add(named ? Optional.of(Path.of(written).normalize()) : Optional.empty());
        }
        // Ray Data's defaults: read_csv and read_binary_files list every file; read_parquet lists .parquet files
        // unless extensions are named (Ray's Parquet source falls back to them for None too).
        Set<String> extensions = read.fileExtensions().filter(named -> !named.isEmpty()
                || !(read instanceof Step.ReadParquet)).<Set<String>>map(LinkedHashSet::new)
                .orElseGet(() -> switch (read) {
                    case Step.ReadParquet parquet -> Set.of("parquet");
                    case Step.ReadCsv csv -> Set.of();
                    case Step.ReadJson json -> CompressedInput.JSON_EXTENSIONS;
                    case Step.ReadBinaryFiles binary -> Set.of();
                });
        try {
            List<Path> files = new ArrayList<>();
            Map<Path, Path> asNamed = new HashMap<>();
            for (int index = 0; index < roots.size(); index++) {
                Path root = roots.get(index);
                List<Path> found = FileListing.expand(List.of(root), extensions);
                files.addAll(found);
                Optional<Path> name = relativeNames.get(index);
                if (name.isPresent()) {
                    found.forEach(file -> asNamed.putIfAbsent(file, name.get().resolve(root.relativize(file))));
                }
            }
            if (files.isEmpty()) {
                throw new PlanException(location + ".paths", "no " + (extensions.isEmpty() ? "" : String.join("/",
                        extensions) + " ") + "files under " + String.join(", ", read.paths()));
            }
            return new InputFiles(List.copyOf(files), asNamed);
        } catch (IOException unreadable) {
            throw new PlanException(location + ".paths", unreadable.getMessage());
        }
    }

    private static String sampleDataHint(String written) {
        return written.contains("data/") || written.startsWith("data")
                ? "; for the bundled examples, create the data with: pipetune sample-data examples/data" : "";
    }

    /**
     * The filter expression that directly follows the read, if any: {@code read_parquet} skips row groups its
     * statistics rule out, and every read skips files whose folder columns rule it out.
     */
    private static Optional<Expression> pushableFilter(Pipeline pipeline) {
        if (pipeline.steps().size() > 1
                && pipeline.steps().get(1) instanceof Step.Filter filter && filter.expression().isPresent()) {
            try {
                return Optional.of(ExpressionParser.parse(filter.expression().get()));
            } catch (ExpressionException malformed) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<MapStage> mapStage(Step step, String label, String location, PlanContext context,
            ResourceBudget budget, Optional<Schema> schema) throws PlanException {
        return switch (step) {
            case Step.MapBatches map -> Optional.of(mapBatches(map, label, location, context, budget, schema));
            case Step.Filter filter when filter.expression().isPresent() -> {
                String expression = filter.expression().get();
                compileCheck(schema, location + ".expr", () -> dev.pipetune.engine.expression.evaluation.Predicate
                        .compile(expression, schema.get()));
                yield Optional.of(builtInStage("Filter(" + label + ")", Transforms.filter(expression), null,
                        filter.resources(), filter.retry(), OptionalInt.empty(), location, budget));
            }
            case Step.MapRows map -> Optional.of(rowStage("Map(" + label + ")", map.fn().javaClassName(),
                    function -> RowTransforms.map(function, map.fnKwargs()), map.resources(), map.retry(), location,
                    context, budget));
            case Step.FlatMap flatMap -> Optional.of(rowStage("FlatMap(" + label + ")", flatMap.fn().javaClassName(),
                    function -> RowTransforms.flatMap(function, flatMap.fnKwargs()), flatMap.resources(),
                    flatMap.retry(), location, context, budget));
            case Step.Filter filter when filter.fn().isPresent() -> Optional.of(rowStage("Filter(" + label + ")",
                    filter.fn().get().javaClassName(), function -> RowTransforms.filter(function, filter.fnKwargs()),
                    filter.resources(), filter.retry(), location, context, budget));
            case Step.SelectColumns select -> {
                checkColumns(schema, select.columns(), location + ".cols");
                yield Optional.of(builtInStage("SelectColumns(" + label + ")",
                        Transforms.selectColumns(select.columns()), null, Resources.DEFAULTS, RetryPolicy.DEFAULTS,
                        OptionalInt.empty(), location, budget));
            }
            case Step.DropColumns drop -> {
                checkColumns(schema, drop.columns(), location + ".cols");
                yield Optional.of(builtInStage("DropColumns(" + label + ")",
                        Transforms.dropColumns(drop.columns()), null, Resources.DEFAULTS, RetryPolicy.DEFAULTS,
                        OptionalInt.empty(), location, budget));
            }
            default -> Optional.empty();
        };
    }

    private static MapStage rowStage(String name, Optional<String> className,
            Function<RowFunction, BlockTransform> transform, Resources resources, RetryPolicy retry,
            String location, PlanContext context, ResourceBudget budget) throws PlanException {
        if (className.isEmpty()) {
            throw new PlanException(location + ".fn", "row steps take a Java RowFunction class: "
                    + "fn: java:com.acme.MyRowFunction");
        }
        FunctionLoader.LoadedFunction loaded;
        try {
            loaded = context.functions().load(className.get());
        } catch (IllegalArgumentException missing) {
            throw new PlanException(location + ".fn", missing.getMessage());
        }
        if (!loaded.isRowFunction()) {
            throw new PlanException(location + ".fn", className.get() + " is not a RowFunction; batch functions "
                    + "go in map_batches");
        }
        RowFunction function = (RowFunction) instantiate(loaded, location);
        return stage(name, transform.apply(function), null, resources, retry, OptionalInt.empty(), location, budget);
    }

    private static MapStage mapBatches(Step.MapBatches map, String label, String location, PlanContext context,
            ResourceBudget budget, Optional<Schema> schema) throws PlanException {
        OptionalInt batchSize = switch (map.batchSize().orElse(BatchSize.DEFAULT)) {
            case BatchSize.Rows rows -> OptionalInt.of(rows.rows());
            case BatchSize.WholeBlock whole -> OptionalInt.empty();
        };
        String name = "MapBatches(" + label + ")";
        Optional<BuiltinFunction> builtin = map.fn().builtin();
        if (builtin.isPresent() && builtin.get().isClass()) {
            ModelStep model = ModelStep.of(builtin.get(), map, location, context, budget, schema);
            return stage(name, null, model.actors(), model.resources(), map.retry(), batchSize, location, budget);
        }
        if (builtin.isPresent()) {
            BlockTransform transform = switch (builtin.get()) {
                case WITH_COLUMNS -> {
                    Map<String, String> expressions = Transforms.expressions(map.fnKwargs());
                    compileCheck(schema, location + ".fn_kwargs", () -> WithColumns.compile(expressions,
                            schema.get()));
                    yield Transforms.withColumns(map.fnKwargs());
                }
                case EXTRACT_TEXT -> {
                    if (schema.isPresent() && schema.get().getFields().stream()
                            .noneMatch(field -> field.getName().equals(ExtractText.BYTES))) {
                        throw new PlanException(location + ".fn", "extract_text needs a 'bytes' column, as "
                                + "read_binary_files produces");
                    }
                    yield Transforms.extractText(Transforms.extractTextOptions(map.fnKwargs()));
                }
                default -> throw new IllegalStateException("unhandled built-in " + builtin.get());
            };
            // Built-ins work row by row over whole vectors: their output does not depend on where batches end, so
            // they run on whole blocks instead of re-slicing them into batch_size rows and concatenating the
            // results again (batch_size bounds what a user function sees; a built-in sees no batches).
            return builtInStage(name, transform, null, map.resources(), map.retry(), OptionalInt.empty(), location,
                    budget);
        }
        String className = map.fn().javaClassName().orElseThrow();
        FunctionLoader.LoadedFunction loaded;
        try {
            loaded = context.functions().load(className);
        } catch (IllegalArgumentException missing) {
            throw new PlanException(location + ".fn", missing.getMessage());
        }
        switch (loaded.kind()) {
            case BATCH_FUNCTION -> {
                if (map.resources().concurrency().orElse(null) instanceof Concurrency.Autoscaling) {
                    throw new PlanException(location + ".concurrency", className + " is a stateless "
                            + "BatchFunction; a [min, max] range is for classes (BatchFunctionClass): "
                            + "give one integer");
                }
                BatchFunction function = (BatchFunction) instantiate(loaded, location);
                return stage(name, Transforms.batchFunction(function, map.fnKwargs(), map.fnConstructorKwargs()),
                        null, map.resources(), map.retry(), batchSize, location, budget);
            }
            case BATCH_CLASS -> {
                if (map.resources().concurrency().isEmpty()) {
                    throw new PlanException(location, className + " is a class (BatchFunctionClass) and runs in an "
                            + "actor pool: set concurrency to the number of instances, e.g. 2, or a range [1, 4]");
                }
                ActorFactory factory = devices -> actor(loaded, map, devices);
                return stage(name, null, factory, map.resources(), map.retry(), batchSize, location, budget);
            }
            default -> throw new PlanException(location + ".fn", className + " is a RowFunction; use it with map, "
                    + "flat_map or filter, or implement BatchFunction for map_batches");
        }
    }

    private static ActorInstance actor(FunctionLoader.LoadedFunction loaded, Step.MapBatches map,
            List<Integer> devices) {
        try {
            return actor((BatchFunctionClass) loaded.newInstance(), map, devices);
        } catch (ReflectiveOperationException failure) {
            throw new IllegalStateException("constructing " + loaded.className() + " failed: " + failure, failure);
        }
    }

    /** Opens one instance of a class for an actor holding {@code devices}, and wraps it as the actor's transform. */
    static ActorInstance actor(BatchFunctionClass instance, Step.MapBatches map, List<Integer> devices) {
        try {
            RootAllocator openAllocator = new RootAllocator();
            try {
                instance.open(new FunctionContext(openAllocator, map.fnKwargs(), map.fnConstructorKwargs(),
                        devices));
            } finally {
                openAllocator.close();
            }
            BlockTransform transform = Transforms.batchClass(instance, map.fnKwargs(), map.fnConstructorKwargs());
            return new ActorInstance() {
                @Override
                public BlockTransform transform() {
                    return transform;
                }

                @Override
                public void close() throws Exception {
                    instance.close();
                }
            };
        } catch (RuntimeException failure) {
            closeQuietly(instance, failure);
            throw failure;
        } catch (Exception failure) {
            closeQuietly(instance, failure);
            throw new IllegalStateException("opening " + map.fn().text() + " failed: " + failure, failure);
        }
    }

    private static void closeQuietly(BatchFunctionClass instance, Throwable failure) {
        try {
            instance.close();
        } catch (Exception closing) {
            failure.addSuppressed(closing);
        }
    }

    private static Object instantiate(FunctionLoader.LoadedFunction loaded, String location) throws PlanException {
        try {
            return loaded.newInstance();
        } catch (ReflectiveOperationException failure) {
            Throwable cause = failure.getCause() == null ? failure : failure.getCause();
            throw new PlanException(location + ".fn", "constructing " + loaded.className() + " failed: " + cause);
        }
    }

    private static MapStage stage(String name, BlockTransform transform, ActorFactory actors,
            Resources resources, RetryPolicy retry, OptionalInt batchSize, String location, ResourceBudget budget)
            throws PlanException {
        boolean explicit = resources.numCpus().isPresent() || resources.numGpus().isPresent()
                || resources.memory().isPresent() || resources.concurrency().isPresent();
        return new MapStage(name, transform, actors, taskResources(resources, location, budget),
                resources.concurrency(), explicit, batchSize, retry.maxRetries().orElse(DEFAULT_MAX_RETRIES),
                retryPredicate(retry.retryOn()), false);
    }

    /** A stage of built-in steps only: its tasks run pipetune's code, which shares the cores (see MapStage). */
    private static MapStage builtInStage(String name, BlockTransform transform, ActorFactory actors,
            Resources resources, RetryPolicy retry, OptionalInt batchSize, String location, ResourceBudget budget)
            throws PlanException {
        return stage(name, transform, actors, resources, retry, batchSize, location, budget).asBuiltIn();
    }

    static TaskResources taskResources(Resources resources, String location, ResourceBudget budget)
            throws PlanException {
        double cpus = resources.numCpus().orElse(1.0);
        double gpus = resources.numGpus().orElse(0.0);
        if (gpus > 0 && budget.gpuDevices() == 0 && budget.cpuFallback()) {
            gpus = 0;
        }
        if (gpus > 1 && gpus != Math.floor(gpus)) {
            throw new PlanException(location + ".num_gpus", "more than one GPU must be a whole number, got " + gpus);
        }
        if (gpus > budget.gpuDevices()) {
            throw new PlanException(location + ".num_gpus", GpuCheck.message(gpus, budget.gpuDevices()));
        }
        if (cpus * 1000 > budget.cpuMillis()) {
            throw new PlanException(location + ".num_cpus", "asks for " + cpus + " CPUs per task, more than the "
                    + budget.cpuMillis() / 1000.0 + " available");
        }
        return TaskResources.of(cpus, gpus);
    }

    private static Predicate<Throwable> retryPredicate(RetryPolicy.RetryOn retryOn) {
        return switch (retryOn) {
            case RetryPolicy.RetryOn.SystemFailuresOnly none ->
                    failure -> failure instanceof IOException || failure instanceof UncheckedIOException;
            case RetryPolicy.RetryOn.AnyException any -> failure -> failure instanceof Exception;
            case RetryPolicy.RetryOn.Listed listed -> failure -> {
                for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
                    if (listed.classNames().contains(type.getName())) {
                        return true;
                    }
                }
                return false;
            };
        };
    }

    private static Optional<Schema> schemaAfter(Step step, Optional<Schema> schema, String location)
            throws PlanException {
        if (schema.isEmpty()) {
            return schema;
        }
        return switch (step) {
            case Step.Filter filter -> schema;
            case Step.SelectColumns select -> Optional.of(new Schema(select.columns().stream()
                    .map(column -> field(schema.get(), column)).toList()));
            case Step.DropColumns drop -> Optional.of(new Schema(schema.get().getFields().stream()
                    .filter(field -> !drop.columns().contains(field.getName())).toList()));
            case Step.MapBatches map when map.fn().builtin().orElse(null) == BuiltinFunction.WITH_COLUMNS -> {
                Map<String, String> expressions = Transforms.expressions(map.fnKwargs());
                try {
                    yield Optional.of(WithColumns.compile(expressions, schema.get()).outputSchema());
                } catch (ExpressionException invalid) {
                    throw new PlanException(location, invalid.getMessage());
                }
            }
            case Step.MapBatches map when map.fn().builtin().orElse(null) == BuiltinFunction.EXTRACT_TEXT ->
                    Optional.of(ExtractText.outputSchema());
            case Step.MapBatches map when map.fn().builtin().filter(BuiltinFunction::isClass).isPresent() ->
                    ModelStep.outputSchema(map.fn().builtin().get(), map, schema.get());
            default -> Optional.empty();
        };
    }

    private static Field field(Schema schema, String name) {
        return schema.getFields().stream().filter(field -> field.getName().equals(name)).findFirst().orElseThrow();
    }

    static void checkColumns(Optional<Schema> schema, List<String> columns, String location)
            throws PlanException {
        if (schema.isEmpty()) {
            return;
        }
        List<String> available = schema.get().getFields().stream().map(Field::getName).toList();
        for (String column : columns) {
            if (!available.contains(column)) {
                throw new PlanException(location, "column '" + column + "' does not exist here; available columns: "
                        + String.join(", ", available));
            }
        }
    }

    /** A compilation to try against a known schema. */
    @FunctionalInterface
    private interface Compilation {
        Object compile();
    }

    private static void compileCheck(Optional<Schema> schema, String location, Compilation compilation)
            throws PlanException {
        if (schema.isEmpty()) {
            return;
        }
        try {
            compilation.compile();
        } catch (ExpressionException invalid) {
            throw new PlanException(location, invalid.getMessage());
        }
    }

    /**
     * Where the written columns are known: every {@code partition_cols} column is one of them, and at least one other
     * column is left for the files.
     */
    private static void checkPartitionColumns(Step.Write write, Optional<Schema> schema, String location)
            throws PlanException {
        if (!(write instanceof Step.WriteParquet parquet) || parquet.partitionCols().isEmpty() || schema.isEmpty()) {
            return;
        }
        List<String> names = schema.get().getFields().stream().map(Field::getName).toList();
        for (String column : parquet.partitionCols()) {
            if (!names.contains(column)) {
                throw new PlanException(location + ".partition_cols", "column '" + column + "' is not among the "
                        + "columns written: " + String.join(", ", names));
            }
            ArrowType type = schema.get().findField(column).getType();
            if (!OutputPartitioner.canName(type)) {
                throw new PlanException(location + ".partition_cols", OutputPartitioner.cannotName(column, type));
            }
        }
        if (parquet.partitionCols().containsAll(names)) {
            throw new PlanException(location + ".partition_cols", "names every column written (" + String.join(", ",
                    names) + "); the files need at least one other column");
        }
    }

    private static WriteOperator write(Step.Write write, String label, String location, PlanContext context,
            ResourceBudget budget, Pipeline pipeline) throws PlanException {
        Path output;
        try {
            output = context.paths().expand(write.path());
        } catch (IllegalArgumentException unexpandable) {
            throw new PlanException(location + ".path", unexpandable.getMessage());
        }
        Optional<String> unsafe = OutputPaths.problem(output, pipeline, context.paths());
        if (unsafe.isPresent()) {
            throw new PlanException(location + ".path", unsafe.get());
        }
        FileFormatWriter format = switch (write) {
            case Step.WriteParquet parquet -> FileFormats.parquet(parquet.compression().orElse(Compression.SNAPPY));
            case Step.WriteCsv csv -> FileFormats.csv();
            case Step.WriteJson json -> FileFormats.json();
        };
        long targetBytes = Math.clamp(budget.objectStoreBytes() / 64, 1L << 20, 32L << 20);
        Resources resources = write.resources();
        int cap = resources.concurrency().map(Concurrency::maximum).orElse(Integer.MAX_VALUE);
        Optional<OutputPartitioner> partitioner = write instanceof Step.WriteParquet parquet
                && !parquet.partitionCols().isEmpty() ? Optional.of(new OutputPartitioner(parquet.partitionCols()))
                : Optional.empty();
        return new WriteOperator(OperatorMetrics.WRITE_PREFIX + label + ")", output, format, partitioner,
                write.minRowsPerFile().orElse(1), write.maxRowsPerFile().orElse(Long.MAX_VALUE),
                write.minRowsPerFile().isPresent() ? 1 : targetBytes,
                taskResources(resources, location, budget), cap, DEFAULT_MAX_RETRIES,
                failure -> failure instanceof IOException);
    }

    private static PhysicalOperator repartition(Step.Repartition repartition, String label) {
        String name = "Repartition(" + label + ")";
        if (repartition.numBlocks().isPresent()) {
            return new RepartitionOperator(name, repartition.numBlocks().getAsInt(), repartition.shuffle());
        }
        int rows = repartition.targetRowsPerBlock().orElseThrow();
        BlockTransform identity = (input, context) -> List.of(input.slice(0, input.rows(), context.allocator()));
        return MapOperator.taskPool(name, identity, TaskResources.of(0.1, 0),
                Integer.MAX_VALUE, 0, failure -> false, OptionalInt.of(rows), rows);
    }

    private static String label(Step step, int index) {
        return step.name().orElse(step.kind().fileName() + "[" + index + "]");
    }
}
