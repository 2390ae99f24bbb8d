package dev.pipetune.profiler.export;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.expression.Expression;
import dev.pipetune.engine.expression.ExpressionException;
import dev.pipetune.engine.expression.ExpressionParser;
import dev.pipetune.engine.pipeline.Aggregate;
import dev.pipetune.engine.pipeline.BatchSize;
import dev.pipetune.engine.pipeline.BuiltinFunction;
import dev.pipetune.engine.pipeline.Concurrency;
import dev.pipetune.engine.pipeline.FunctionReference;
import dev.pipetune.engine.pipeline.KeywordArguments;
import dev.pipetune.engine.pipeline.Partitioning;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.Resources;
import dev.pipetune.engine.pipeline.RetryPolicy;
import dev.pipetune.engine.pipeline.Step;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Generates a runnable Ray Data Python script with the same steps and settings as a pipeline.
 *
 * <p>The script sets the pipeline's {@code context} on {@code DataContext}, reads with the same reader, columns and
 * resources, runs built-in functions as equivalent pyarrow compute code ({@code with_columns} expressions with
 * pipetune's semantics, {@code extract_text} as workload W3 defines it), filters with {@code filter(expr=...)} where
 * the Ray release has predicate expressions and evaluates the condition exactly as pipetune does (else with pyarrow
 * compute in {@code map_batches}), aggregates with {@code groupby().aggregate()}, and writes with the same codec and
 * rows per file into a new folder that replaces the output only on success. Java user functions become placeholders
 * marked with {@code @java_placeholder} whose bodies raise {@code NotImplementedError} naming the Java class; the
 * script refuses to run while one is left. Relative paths resolve against {@code BASE_DIR}, which defaults to the
 * pipeline file's folder and can be changed in the script, with {@code --base-dir} or {@code PIPETUNE_BASE_DIR}.
 *
 * <p>The script runs standalone ({@code python3 script.py}, which starts or joins Ray) or as a module: its
 * {@code run()} executes the pipeline in the caller's Ray session and returns the collected rows when the pipeline
 * has no write step. Instances are stateless and thread-safe.
 */
public final class RayScriptGenerator {

    private static final String INDENT = "    ";
    private static final int LINE_LENGTH = 110;
    private static final Set<String> RESERVED = Set.of("run", "main", "resolve", "collect", "write_replacing",
            "java_placeholder", "refuse_placeholders", "extract_text", "configure_context", "table", "ds", "pa", "pc",
            "pq", "ray", "os", "re", "sys", "shutil", "uuid", "argparse", "col", "lit", "Count", "Sum", "Mean", "Min",
            "Max", "Std", "DataContext", "ExecutionResources", "BASE_DIR", "_with_column", "MODEL_DIR",
            "model_folder");

    /**
     * Generates the script.
     *
     * @param pipeline the pipeline
     * @param options the Ray release, the source for the header and the base folder of relative paths
     * @return the script and notes for the user
     * @throws ExportException if a step uses something the script cannot express; the message names the step
     */
    public RayScript generate(Pipeline pipeline, RayExportOptions options) throws ExportException {
        requireNonNull(pipeline, "pipeline");
        requireNonNull(options, "options");
        return new Script(pipeline, options).build();
    }

    /** The state of one generation. */
    private static final class Script {
        private final Pipeline pipeline;
        private final RayExportOptions options;
        private final RayVersion version;
        private final List<String> definitions = new ArrayList<>();
        private final List<String> body = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final Set<String> imports = new LinkedHashSet<>();
        private final Set<String> runtime = new LinkedHashSet<>();
        private final Set<String> names = new HashSet<>(RESERVED);
        private final Set<String> aggregates = new LinkedHashSet<>();
        private final Set<String> packages = new LinkedHashSet<>();
        private final Set<BundledModel> bundledModels = EnumSet.noneOf(BundledModel.class);

        Script(Pipeline pipeline, RayExportOptions options) {
            this.pipeline = pipeline;
            this.options = options;
            this.version = options.rayVersion();
        }

        RayScript build() throws ExportException {
            runtime.add("paths");
            for (int index = 0; index < pipeline.steps().size(); index++) {
                Step step = pipeline.steps().get(index);
                try {
                    step(step, index);
                } catch (ExportException cause) {
                    throw new ExportException(pipeline.label(index) + ": " + cause.getMessage());
                }
            }
            if (pipeline.sink().isEmpty()) {
                runtime.add("collect");
                line("return collect(ds)");
            }
            for (BundledModel model : bundledModels) {
                notes.add(model.modelName() + " loads from MODEL_DIR/" + model.modelName() + " (MODEL_DIR: "
                        + BundledModel.FOLDER + "/ beside the script, --model-dir or PIPETUNE_MODEL_DIR)");
            }
            return new RayScript(assemble(), notes, bundledModels);
        }

        private void step(Step step, int index) throws ExportException {
            String label = pipeline.label(index);
            switch (step) {
                case Step.ReadParquet read -> {
                    List<String> arguments = new ArrayList<>(List.of(paths(read.paths())));
                    read.columns().ifPresent(columns -> arguments.add("columns=" + PythonLiterals.strings(columns)));
                    read(read, label, "read_parquet", arguments);
                }
                case Step.ReadCsv read -> read(read, label, "read_csv", new ArrayList<>(List.of(paths(read.paths()))));
                case Step.ReadJson read ->
                        read(read, label, "read_json", new ArrayList<>(List.of(paths(read.paths()))));
                case Step.ReadBinaryFiles read ->
                        read(read, label, "read_binary_files", new ArrayList<>(List.of(paths(read.paths()))));
                case Step.MapBatches map -> mapBatches(map, label, index);
                case Step.MapRows map -> rowFunction(map.fn(), map.fnKwargs(), map.fnConstructorKwargs(),
                        map.resources(), map.retry(), label, index, "map");
                case Step.FlatMap map -> rowFunction(map.fn(), map.fnKwargs(), map.fnConstructorKwargs(),
                        map.resources(), map.retry(), label, index, "flat_map");
                case Step.Filter filter -> filter(filter, label, index);
                case Step.SelectColumns select ->
                        statement(label, "ds = ds.select_columns(" + PythonLiterals.strings(select.columns()) + ")");
                case Step.DropColumns drop ->
                        statement(label, "ds = ds.drop_columns(" + PythonLiterals.strings(drop.columns()) + ")");
                case Step.Limit limit -> statement(label, "ds = ds.limit(" + limit.limit() + ")");
                case Step.Repartition repartition -> {
                    List<String> arguments = new ArrayList<>();
                    repartition.numBlocks().ifPresent(blocks -> arguments.add("num_blocks=" + blocks));
                    repartition.targetRowsPerBlock()
                            .ifPresent(rows -> arguments.add("target_num_rows_per_block=" + rows));
                    if (repartition.shuffle()) {
                        arguments.add("shuffle=True");
                    }
                    statement(label, call("ds = ds.repartition", arguments));
                }
                case Step.GroupBy groupBy -> groupBy(groupBy, label);
                case Step.WriteParquet write -> {
                    List<String> arguments = new ArrayList<>(List.of("compression=" + PythonLiterals.string(
                            write.compression().orElse(dev.pipetune.engine.pipeline.Compression.SNAPPY).fileName())));
                    if (!write.partitionCols().isEmpty()) {
                        arguments.add("partition_cols=" + PythonLiterals.strings(write.partitionCols()));
                    }
                    write(write, label, "write_parquet", arguments);
                }
                case Step.WriteCsv write -> write(write, label, "write_csv", new ArrayList<>());
                case Step.WriteJson write -> write(write, label, "write_json", new ArrayList<>());
                case Step.Show show -> statement(label, "ds.show(" + show.limit() + ")");
            }
        }

        private void read(Step.Read read, String label, String function, List<String> arguments) {
            if (read.includePaths()) {
                arguments.add("include_paths=True");
            } else if (read instanceof Step.ReadBinaryFiles) {
                arguments.add("include_paths=False");
            }
            read.fileExtensions().ifPresent(extensions -> arguments.add("file_extensions="
                    + (extensions.isEmpty() ? "None" : PythonLiterals.strings(extensions))));
            // Ray's defaults are pipetune's: hive for Parquet, CSV and JSON, none for binary files.
            if (read.partitioning() != Partitioning.defaultFor(read.kind())) {
                arguments.add(read.partitioning() == Partitioning.HIVE
                        ? "partitioning=ray.data.datasource.Partitioning(\"hive\")" : "partitioning=None");
            }
            arguments.addAll(remoteArguments(read.resources(), label));
            statement(label, call("ds = ray.data." + function, arguments));
        }

        private void write(Step.Write write, String label, String function, List<String> arguments) {
            runtime.add("outputs");
            write.minRowsPerFile().ifPresent(rows -> arguments.add(
                    (version.hasMinRowsPerFile() ? "min_rows_per_file=" : "num_rows_per_file=") + rows));
            write.maxRowsPerFile().ifPresent(rows -> {
                if (version.hasMaxRowsPerFile()) {
                    arguments.add("max_rows_per_file=" + rows);
                } else {
                    notes.add(label + ": max_rows_per_file=" + rows + " needs Ray 2.47 or later; Ray " + version
                            + " writes files of any size");
                }
            });
            arguments.addAll(remoteArguments(write.resources(), label));
            List<String> all = new ArrayList<>(List.of(PythonLiterals.string(write.path()).transform(
                    path -> "resolve(" + path + ")"), "ds." + function));
            all.addAll(arguments);
            statement(label, call("write_replacing", all));
        }

        private void mapBatches(Step.MapBatches map, String label, int index) throws ExportException {
            Optional<BuiltinFunction> builtin = map.fn().builtin();
            List<String> arguments = new ArrayList<>();
            String function;
            boolean actorClass = false;
            if (builtin.isPresent() && builtin.get() == BuiltinFunction.WITH_COLUMNS) {
                function = name(label, index);
                withColumns(function, map.fnKwargs(), label);
            } else if (builtin.isPresent() && builtin.get() == BuiltinFunction.EXTRACT_TEXT) {
                runtime.add("extract_text");
                function = "extract_text";
            } else if (builtin.isPresent()) {
                // The model built-ins: Python classes with the same arguments, run by an actor pool.
                runtime.add("model_columns");
                actorClass = true;
                function = switch (builtin.get()) {
                    case SENTENCE_EMBEDDING -> {
                        runtime.add("sentence_embedding");
                        bundledModels.add(BundledModel.ALL_MINILM_L6_V2);
                        packages.addAll(List.of("onnxruntime", "tokenizers", "numpy"));
                        yield "SentenceEmbedding";
                    }
                    case TORCH_MODEL -> {
                        runtime.add("torch_model");
                        packages.addAll(List.of("torch", "numpy"));
                        yield "TorchModel";
                    }
                    default -> throw new ExportException("no Python equivalent of " + builtin.get().fileName());
                };
                kwargs(arguments, KeywordArguments.NONE, map.fnConstructorKwargs());
            } else {
                actorClass = isActorClass(map.fnConstructorKwargs(), map.resources());
                function = placeholder(map.fn(), label, index, actorClass, "batch", "table: pa.Table",
                        "pa.Table", map.fnKwargs(), map.fnConstructorKwargs(), "a pyarrow.Table (table.to_pylist() "
                                + "gives the rows that batch_format: rows handed over)");
                kwargs(arguments, map.fnKwargs(), map.fnConstructorKwargs());
            }
            arguments.addFirst("batch_format=\"pyarrow\"");
            arguments.addFirst(function);
            map.batchSize().ifPresent(size -> arguments.add(switch (size) {
                case BatchSize.Rows(int rows) -> "batch_size=" + rows;
                case BatchSize.WholeBlock() -> "batch_size=None";
            }));
            arguments.addAll(taskArguments(map.resources(), map.retry(), actorClass, label));
            statement(label, call("ds = ds.map_batches", arguments));
        }

        private void withColumns(String function, KeywordArguments columns, String label) throws ExportException {
            runtime.add("expressions");
            StringBuilder code = new StringBuilder();
            code.append("def ").append(function).append("(table: pa.Table) -> pa.Table:\n");
            code.append(INDENT).append("\"\"\"with_columns of ").append(label).append(": adds or replaces "
                    + "columns in order.\"\"\"\n");
            code.append(INDENT).append("return _with_columns(table, [\n");
            for (Map.Entry<String, Object> column : columns.values().entrySet()) {
                String source = String.valueOf(column.getValue());
                Expression expression = parse(source, "fn_kwargs." + column.getKey());
                code.append(INDENT).append(INDENT).append("# ").append(column.getKey()).append(" = ")
                        .append(source.replace('\n', ' ')).append('\n');
                code.append(INDENT).append(INDENT).append('(').append(PythonLiterals.string(column.getKey()))
                        .append(", lambda table: ").append(translate(expression, "fn_kwargs." + column.getKey()))
                        .append("),\n");
            }
            code.append(INDENT).append("])\n");
            definitions.add(code.toString());
        }

        private void filter(Step.Filter filter, String label, int index) throws ExportException {
            if (filter.fn().isPresent()) {
                rowFunction(filter.fn().get(), filter.fnKwargs(), filter.fnConstructorKwargs(), filter.resources(),
                        filter.retry(), label, index, "filter");
                return;
            }
            String source = filter.expression().orElseThrow();
            Expression condition = parse(source, "expr");
            Optional<String> predicate = version.hasPredicateExpressions() ? RayPredicates.translate(condition)
                    : Optional.empty();
            if (predicate.isPresent()) {
                imports.add("from ray.data.expressions import col, lit");
                List<String> arguments = new ArrayList<>(List.of("expr=" + predicate.get()));
                arguments.addAll(taskArguments(filter.resources(), filter.retry(), false, label));
                statement(label + ": " + ScriptFrame.oneLine(source), call("ds = ds.filter", arguments));
                return;
            }
            runtime.add("expressions");
            String function = name(label, index);
            definitions.add("def " + function + "(table: pa.Table) -> pa.Table:\n"
                    + INDENT + "\"\"\"filter of " + label + ": keeps the rows where "
                    + ScriptFrame.oneLine(source).replace("\"", "'") + " is true.\"\"\"\n"
                    + INDENT + "return _keep(table, " + translate(condition, "expr") + ")\n");
            List<String> arguments = new ArrayList<>(List.of(function, "batch_format=\"pyarrow\"",
                    "batch_size=None"));
            arguments.addAll(taskArguments(filter.resources(), filter.retry(), false, label));
            String why = version.hasPredicateExpressions() ? "Ray's predicate expressions could evaluate it "
                    + "differently" : "Ray " + version + " has no predicate expressions";
            statement(label + ": " + ScriptFrame.oneLine(source) + " (pyarrow compute: " + why + ")",
                    call("ds = ds.map_batches", arguments));
        }

        private void rowFunction(FunctionReference fn, KeywordArguments kwargs, KeywordArguments constructorKwargs,
                Resources resources, RetryPolicy retry, String label, int index, String method)
                throws ExportException {
            if (fn.builtin().isPresent()) {
                throw new ExportException(fn.text() + " is a batch function; use it in map_batches");
            }
            boolean actorClass = isActorClass(constructorKwargs, resources);
            String returns = switch (method) {
                case "filter" -> "bool";
                case "flat_map" -> "list";
                default -> "dict";
            };
            String function = placeholder(fn, label, index, actorClass, "row", "row: dict", returns, kwargs,
                    constructorKwargs, "one row as a dict of column name to value");
            List<String> arguments = new ArrayList<>(List.of(function));
            kwargs(arguments, kwargs, constructorKwargs);
            arguments.addAll(taskArguments(resources, retry, actorClass, label));
            statement(label, call("ds = ds." + method, arguments));
        }

        private String placeholder(FunctionReference fn, String label, int index, boolean actorClass,
                String what, String parameter, String returns, KeywordArguments kwargs,
                KeywordArguments constructorKwargs, String input) throws ExportException {
            String javaClass = fn.javaClassName().orElseThrow(() -> new ExportException("unknown function "
                    + fn.text()));
            runtime.add("placeholders");
            String simpleName = javaClass.substring(javaClass.lastIndexOf('.') + 1);
            String name = actorClass ? unique(PythonLiterals.identifier(simpleName)) : name(label, index);
            String message = PythonLiterals.string("port the Java class " + javaClass + " (" + label
                    + ") to Python");
            String extra = kwargs.isEmpty() ? "" : ", " + keywordParameters(kwargs);
            StringBuilder code = new StringBuilder();
            code.append("@java_placeholder(").append(PythonLiterals.string(javaClass)).append(")\n");
            if (actorClass) {
                code.append("class ").append(name).append(":\n");
                code.append(INDENT).append("\"\"\"TODO: port the Java class ").append(javaClass).append(" (")
                        .append(label).append(") to Python, then remove @java_placeholder.\n\n")
                        .append(INDENT).append("Ray runs it in an actor pool: __init__ loads the state once per "
                                + "actor, __call__ gets\n").append(INDENT).append(input).append(".\"\"\"\n\n");
                code.append(INDENT).append("def __init__(self")
                        .append(constructorKwargs.isEmpty() ? "" : ", " + keywordParameters(constructorKwargs))
                        .append("):\n");
                code.append(INDENT).append(INDENT).append("raise NotImplementedError(").append(message)
                        .append(")\n\n");
                code.append(INDENT).append("def __call__(self, ").append(parameter).append(extra).append(") -> ")
                        .append(returns).append(":\n");
                code.append(INDENT).append(INDENT).append("raise NotImplementedError(").append(message)
                        .append(")\n");
            } else {
                code.append("def ").append(name).append('(').append(parameter).append(extra).append(") -> ")
                        .append(returns).append(":\n");
                code.append(INDENT).append("\"\"\"TODO: port the Java class ").append(javaClass).append(" (")
                        .append(label).append(") to Python, then remove @java_placeholder.\n\n")
                        .append(INDENT).append("It gets ").append(input).append(" per ").append(what)
                        .append(".\"\"\"\n");
                code.append(INDENT).append("raise NotImplementedError(").append(message).append(")\n");
            }
            definitions.add(code.toString());
            notes.add(label + ": " + name + " is a placeholder for the Java class " + javaClass
                    + "; port it to Python before running the script");
            return name;
        }

        private static String keywordParameters(KeywordArguments arguments) throws ExportException {
            List<String> parameters = new ArrayList<>();
            for (String key : arguments.values().keySet()) {
                if (!PythonLiterals.isIdentifier(key)) {
                    throw new ExportException("argument name '" + key + "' is not a Python identifier");
                }
                parameters.add(key);
            }
            return String.join(", ", parameters);
        }

        private static void kwargs(List<String> arguments, KeywordArguments kwargs,
                KeywordArguments constructorKwargs) {
            if (!kwargs.isEmpty()) {
                arguments.add("fn_kwargs=" + PythonLiterals.value(kwargs.values()));
            }
            if (!constructorKwargs.isEmpty()) {
                arguments.add("fn_constructor_kwargs=" + PythonLiterals.value(constructorKwargs.values()));
            }
        }

        /** A Java function that needs constructor arguments or an autoscaling pool is a class run by actors. */
        private static boolean isActorClass(KeywordArguments constructorKwargs, Resources resources) {
            return !constructorKwargs.isEmpty()
                    || resources.concurrency().orElse(null) instanceof Concurrency.Autoscaling;
        }

        private void groupBy(Step.GroupBy groupBy, String label) {
            List<String> functions = new ArrayList<>();
            for (Aggregate aggregate : groupBy.aggregates()) {
                String function = switch (aggregate.function()) {
                    case COUNT -> "Count";
                    case SUM -> "Sum";
                    case MEAN -> "Mean";
                    case MIN -> "Min";
                    case MAX -> "Max";
                    case STD -> "Std";
                };
                aggregates.add(function);
                List<String> arguments = new ArrayList<>();
                aggregate.column().ifPresent(column -> arguments.add(PythonLiterals.string(column)));
                if (aggregate.function() == Aggregate.Function.COUNT && aggregate.column().isPresent()) {
                    arguments.add("ignore_nulls=True");
                }
                if (aggregate.function() == Aggregate.Function.STD) {
                    arguments.add("ddof=1");
                }
                arguments.add("alias_name=" + PythonLiterals.string(aggregate.outputName()));
                functions.add(function + "(" + String.join(", ", arguments) + ")");
            }
            String keys = groupBy.keys().size() == 1 ? PythonLiterals.string(groupBy.keys().getFirst())
                    : PythonLiterals.strings(groupBy.keys());
            statement(label, call("ds = ds.groupby(" + keys + ").aggregate", functions));
        }

        /** num_cpus, num_gpus, memory, concurrency and retries of a function step, in the release's form. */
        private List<String> taskArguments(Resources resources, RetryPolicy retry, boolean actorClass,
                String label) {
            List<String> arguments = new ArrayList<>();
            resources.numCpus().ifPresent(cpus -> arguments.add("num_cpus=" + PythonLiterals.resource(cpus)));
            resources.numGpus().ifPresent(gpus -> arguments.add("num_gpus=" + PythonLiterals.resource(gpus)));
            resources.memory().ifPresent(memory -> arguments.add("memory=" + memory.bytes()));
            resources.concurrency().ifPresent(concurrency -> arguments.add(concurrency(concurrency, actorClass)));
            retry.maxRetries().ifPresent(count -> arguments.add("max_retries=" + count));
            switch (retry.retryOn()) {
                case RetryPolicy.RetryOn.SystemFailuresOnly() -> {
                    // Ray's default
                }
                case RetryPolicy.RetryOn.AnyException() -> arguments.add("retry_exceptions=True");
                case RetryPolicy.RetryOn.Listed(List<String> classNames) -> {
                    arguments.add("retry_exceptions=True");
                    notes.add(label + ": pipetune retried only " + String.join(", ", classNames)
                            + "; the script retries every exception until you list the Python exception classes");
                }
            }
            return arguments;
        }

        private String concurrency(Concurrency concurrency, boolean actorClass) {
            if (!version.hasComputeStrategies()) {
                return switch (concurrency) {
                    case Concurrency.Fixed(int value) -> "concurrency=" + value;
                    case Concurrency.Autoscaling(int minimum, int maximum) ->
                            "concurrency=(" + minimum + ", " + maximum + ")";
                };
            }
            return switch (concurrency) {
                case Concurrency.Fixed(int value) -> actorClass
                        ? "compute=ray.data.ActorPoolStrategy(size=" + value + ")"
                        : "compute=ray.data.TaskPoolStrategy(size=" + value + ")";
                case Concurrency.Autoscaling(int minimum, int maximum) ->
                        "compute=ray.data.ActorPoolStrategy(min_size=" + minimum + ", max_size=" + maximum + ")";
            };
        }

        /** num_cpus and memory of read and write tasks as ray_remote_args, and their concurrency cap. */
        private List<String> remoteArguments(Resources resources, String label) {
            List<String> remote = new ArrayList<>();
            resources.numCpus().ifPresent(cpus -> remote.add("\"num_cpus\": " + PythonLiterals.resource(cpus)));
            resources.numGpus().ifPresent(gpus -> remote.add("\"num_gpus\": " + PythonLiterals.resource(gpus)));
            resources.memory().ifPresent(memory -> remote.add("\"memory\": " + memory.bytes()));
            List<String> arguments = new ArrayList<>();
            if (!remote.isEmpty()) {
                arguments.add("ray_remote_args={" + String.join(", ", remote) + "}");
            }
            resources.concurrency().ifPresent(concurrency -> {
                arguments.add("concurrency=" + concurrency.maximum());
                if (concurrency instanceof Concurrency.Autoscaling) {
                    notes.add(label + ": Ray caps read and write tasks with one number; concurrency "
                            + concurrency.maximum() + " is the range's maximum");
                }
            });
            return arguments;
        }

        private String paths(List<String> paths) {
            return paths.stream().map(path -> "resolve(" + PythonLiterals.string(path) + ")")
                    .collect(Collectors.joining(", ", "[", "]"));
        }

        private Expression parse(String source, String key) throws ExportException {
            try {
                return ExpressionParser.parse(source);
            } catch (ExpressionException malformed) {
                throw new ExportException(key + ": " + malformed.getMessage());
            }
        }

        private static String translate(Expression expression, String key) throws ExportException {
            try {
                return PyArrowExpressions.translate(expression);
            } catch (ExportException untranslatable) {
                throw new ExportException(key + ": " + untranslatable.getMessage());
            }
        }

        /** A Python name for a step's function: its name, or its kind and index. */
        private String name(String label, int index) {
            Step step = pipeline.steps().get(index);
            String base = step.name().map(PythonLiterals::identifier)
                    .orElse(step.kind().fileName() + "_" + index);
            return unique(base);
        }

        private String unique(String base) {
            String name = names.contains(base) ? base + "_step" : base;
            int suffix = 2;
            String candidate = name;
            while (!names.add(candidate)) {
                candidate = name + "_" + suffix++;
            }
            return candidate;
        }

        private void statement(String comment, String code) {
            line("# " + comment);
            for (String part : code.split("\n")) {
                line(part);
            }
        }

        private void line(String code) {
            body.add(INDENT + code);
        }

        private String assemble() {
            StringBuilder script = new StringBuilder();
            script.append("#!/usr/bin/env python3\n");
            script.append(ScriptFrame.header(pipeline, options, packages, runtime.contains("placeholders"),
                    !bundledModels.isEmpty()));
            script.append("import argparse\nimport os\nimport re\n");
            if (runtime.contains("outputs")) {
                script.append("import shutil\nimport uuid\n");
            }
            script.append("\nimport pyarrow as pa\n");
            if (runtime.contains("expressions") || runtime.contains("extract_text")) {
                script.append("import pyarrow.compute as pc\n");
            }
            if (pipeline.sink().isEmpty()) {
                script.append("import pyarrow.parquet as pq\n");
            }
            script.append("import ray\nimport ray.data\nfrom ray.data import DataContext, ExecutionResources\n");
            if (!aggregates.isEmpty()) {
                script.append("from ray.data.aggregate import ").append(String.join(", ", aggregates.stream()
                        .sorted().toList())).append('\n');
            }
            imports.forEach(line -> script.append(line).append('\n'));
            script.append("\n# Relative paths of the pipeline resolve against this folder, the pipeline file's folder "
                    + "when it was\n# exported. Change it here, with --base-dir DIR or with the environment variable "
                    + "PIPETUNE_BASE_DIR.\n");
            script.append("BASE_DIR = os.environ.get(\"PIPETUNE_BASE_DIR\", ")
                    .append(PythonLiterals.string(options.baseDirectory().toString())).append(")\n");
            if (!bundledModels.isEmpty()) {
                script.append("\n# The models that pipetune ships (all-MiniLM-L6-v2's ONNX file and tokenizer) load "
                        + "from MODEL_DIR/NAME.\n# `pipetune export --to ray -o SCRIPT.py` writes them to "
                        + BundledModel.FOLDER + "/ beside the script. Change it here,\n# with --model-dir DIR or "
                        + "with the environment variable PIPETUNE_MODEL_DIR.\n");
                script.append("MODEL_DIR = os.environ.get(\"PIPETUNE_MODEL_DIR\", os.path.join(os.path.dirname("
                        + "os.path.abspath(__file__)), \"" + BundledModel.FOLDER + "\"))\n");
            }
            for (String part : List.of("paths", "outputs", "collect", "placeholders", "expressions",
                    "extract_text", "model_columns", "sentence_embedding", "torch_model")) {
                if (runtime.contains(part)) {
                    script.append("\n\n").append(resource(part + ".py"));
                }
            }
            for (String definition : definitions) {
                script.append("\n\n").append(definition);
            }
            script.append("\n\n").append(ScriptFrame.configureContext(pipeline.context()));
            script.append("\n\ndef run():\n");
            script.append(INDENT).append("\"\"\"Runs the pipeline in the current Ray session").append(
                    pipeline.sink().isEmpty() ? " and returns its rows as a pyarrow.Table" : "").append(".\"\"\"\n");
            if (runtime.contains("placeholders")) {
                script.append(INDENT).append("refuse_placeholders()\n");
            }
            script.append(INDENT).append("configure_context()\n");
            body.forEach(line -> script.append(line).append('\n'));
            script.append("\n\n").append(ScriptFrame.main(pipeline.sink().isEmpty(),
                    runtime.contains("placeholders"), !bundledModels.isEmpty()));
            return script.toString();
        }

        /** A call with its arguments on one line when it fits, else one argument per line. */
        private static String call(String callee, List<String> arguments) {
            String oneLine = callee + "(" + String.join(", ", arguments) + ")";
            if (oneLine.length() + INDENT.length() <= LINE_LENGTH || arguments.isEmpty()) {
                return oneLine;
            }
            return callee + "(\n" + arguments.stream().map(argument -> INDENT + argument + ",")
                    .collect(Collectors.joining("\n")) + "\n)";
        }

        private static String resource(String name) {
            try (InputStream input = RayScriptGenerator.class.getResourceAsStream(name)) {
                if (input == null) {
                    throw new IllegalStateException("missing script part " + name);
                }
                return new String(input.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }
    }
}
