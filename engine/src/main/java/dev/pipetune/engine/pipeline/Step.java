package dev.pipetune.engine.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One step of a pipeline, as written in a pipeline file. Every step may carry a {@code name} by which overrides,
 * reports and the GUI address it; without one it is addressed by its 0-based index.
 *
 * <p>The records check single values; the rules that span several values or steps (a pipeline starts with a read,
 * expressions parse, ...) are the {@link PipelineReader}'s.
 */
public sealed interface Step {

    /** Returns what kind of step this is. */
    StepKind kind();

    /** Returns the step's name, if the file gives one. */
    Optional<String> name();

    /** A step that produces rows from files. */
    sealed interface Read extends Step {
        /** Returns the files or folders to read, as written (before path expansion). */
        List<String> paths();

        /** Returns whether each row gets a {@code path} column naming its file. */
        boolean includePaths();

        /** Returns how the folders on the files' paths give columns. */
        Partitioning partitioning();

        /**
         * Returns the extensions (without the dot, lower case) of the files listed from folders: empty for Ray Data's
         * default of the step, an empty list for every file.
         */
        Optional<List<String>> fileExtensions();

        /** Returns the resources of the read tasks. */
        Resources resources();
    }

    /** A step that runs a user or built-in function. */
    sealed interface FunctionStep extends Step {
        /** Returns the resources of the step's tasks or actors. */
        Resources resources();

        /** Returns how failed tasks are retried. */
        RetryPolicy retry();

        /** Returns the arguments passed to the function's constructor (actor classes only). */
        KeywordArguments fnConstructorKwargs();
    }

    /** A step that writes rows to files. */
    sealed interface Write extends Step {
        /** Returns the output folder, as written (before path expansion). */
        String path();

        /** Returns the fewest rows a file gets, except the last. */
        OptionalLong minRowsPerFile();

        /** Returns the most rows a file gets. */
        OptionalLong maxRowsPerFile();

        /** Returns the resources of the write tasks. */
        Resources resources();
    }

    /**
     * {@code read_parquet}.
     *
     * @param name the step's name
     * @param paths files or folders
     * @param columns the columns to read (column pruning); empty reads all
     * @param includePaths whether to add a {@code path} column
     * @param partitioning how folder names give columns
     * @param fileExtensions the extensions of the files listed from folders; empty for the default
     * @param resources the read tasks' resources
     */
    record ReadParquet(Optional<String> name, List<String> paths, Optional<List<String>> columns,
            boolean includePaths, Partitioning partitioning, Optional<List<String>> fileExtensions,
            Resources resources) implements Read {
        /** Copies lists and rejects nulls and empty path lists. */
        public ReadParquet {
            paths = nonEmpty(paths, "paths");
            columns = requireNonNull(columns, "columns").map(List::copyOf);
            requireNonNull(partitioning, "partitioning");
            fileExtensions = requireNonNull(fileExtensions, "fileExtensions").map(List::copyOf);
            requireAll(name, resources);
        }

        @Override
        public StepKind kind() {
            return StepKind.READ_PARQUET;
        }
    }

    /**
     * {@code read_csv}: files with a header row.
     *
     * @param name the step's name
     * @param paths files or folders
     * @param includePaths whether to add a {@code path} column
     * @param partitioning how folder names give columns
     * @param fileExtensions the extensions of the files listed from folders; empty for the default
     * @param resources the read tasks' resources
     */
    record ReadCsv(Optional<String> name, List<String> paths, boolean includePaths, Partitioning partitioning,
            Optional<List<String>> fileExtensions, Resources resources) implements Read {
        /** Copies the list and rejects nulls and empty path lists. */
        public ReadCsv {
            paths = nonEmpty(paths, "paths");
            requireNonNull(partitioning, "partitioning");
            fileExtensions = requireNonNull(fileExtensions, "fileExtensions").map(List::copyOf);
            requireAll(name, resources);
        }

        @Override
        public StepKind kind() {
            return StepKind.READ_CSV;
        }
    }

    /**
     * {@code read_json}: JSON-lines files.
     *
     * @param name the step's name
     * @param paths files or folders
     * @param includePaths whether to add a {@code path} column
     * @param partitioning how folder names give columns
     * @param fileExtensions the extensions of the files listed from folders; empty for the default
     * @param resources the read tasks' resources
     */
    record ReadJson(Optional<String> name, List<String> paths, boolean includePaths, Partitioning partitioning,
            Optional<List<String>> fileExtensions, Resources resources) implements Read {
        /** Copies the list and rejects nulls and empty path lists. */
        public ReadJson {
            paths = nonEmpty(paths, "paths");
            requireNonNull(partitioning, "partitioning");
            fileExtensions = requireNonNull(fileExtensions, "fileExtensions").map(List::copyOf);
            requireAll(name, resources);
        }

        @Override
        public StepKind kind() {
            return StepKind.READ_JSON;
        }
    }

    /**
     * {@code read_binary_files}: one row per file with its {@code bytes} (and {@code path} when asked).
     *
     * @param name the step's name
     * @param paths files or folders
     * @param includePaths whether to add a {@code path} column
     * @param partitioning how folder names give columns
     * @param fileExtensions the extensions of the files listed from folders; empty for the default
     * @param resources the read tasks' resources
     */
    record ReadBinaryFiles(Optional<String> name, List<String> paths, boolean includePaths, Partitioning partitioning,
            Optional<List<String>> fileExtensions, Resources resources) implements Read {
        /** Copies the list and rejects nulls and empty path lists. */
        public ReadBinaryFiles {
            paths = nonEmpty(paths, "paths");
            requireNonNull(partitioning, "partitioning");
            fileExtensions = requireNonNull(fileExtensions, "fileExtensions").map(List::copyOf);
            requireAll(name, resources);
        }

        @Override
        public StepKind kind() {
            return StepKind.READ_BINARY_FILES;
        }
    }

    /**
     * {@code map_batches}.
     *
     * @param name the step's name
     * @param fn the function or class
     * @param fnKwargs arguments for each call
     * @param fnConstructorKwargs arguments for the class's constructor
     * @param batchSize rows per batch; empty for Ray's default ({@link BatchSize#DEFAULT})
     * @param batchFormat how batches are handed over; empty for Arrow
     * @param resources the tasks' or actors' resources
     * @param retry how failed tasks are retried
     */
    record MapBatches(Optional<String> name, FunctionReference fn, KeywordArguments fnKwargs,
            KeywordArguments fnConstructorKwargs, Optional<BatchSize> batchSize, Optional<BatchFormat> batchFormat,
            Resources resources, RetryPolicy retry) implements FunctionStep {
        /** Rejects nulls. */
        public MapBatches {
            requireAll(name, fn, fnKwargs, fnConstructorKwargs, batchSize, batchFormat, resources, retry);
        }

        @Override
        public StepKind kind() {
            return StepKind.MAP_BATCHES;
        }
    }

    /**
     * {@code map}: a function applied to each row.
     *
     * @param name the step's name
     * @param fn the function or class
     * @param fnKwargs arguments for each call
     * @param fnConstructorKwargs arguments for the class's constructor
     * @param resources the tasks' or actors' resources
     * @param retry how failed tasks are retried
     */
    record MapRows(Optional<String> name, FunctionReference fn, KeywordArguments fnKwargs,
            KeywordArguments fnConstructorKwargs, Resources resources, RetryPolicy retry) implements FunctionStep {
        /** Rejects nulls. */
        public MapRows {
            requireAll(name, fn, fnKwargs, fnConstructorKwargs, resources, retry);
        }

        @Override
        public StepKind kind() {
            return StepKind.MAP;
        }
    }

    /**
     * {@code flat_map}: a function that turns each row into zero or more rows.
     *
     * @param name the step's name
     * @param fn the function or class
     * @param fnKwargs arguments for each call
     * @param fnConstructorKwargs arguments for the class's constructor
     * @param resources the tasks' or actors' resources
     * @param retry how failed tasks are retried
     */
    record FlatMap(Optional<String> name, FunctionReference fn, KeywordArguments fnKwargs,
            KeywordArguments fnConstructorKwargs, Resources resources, RetryPolicy retry) implements FunctionStep {
        /** Rejects nulls. */
        public FlatMap {
            requireAll(name, fn, fnKwargs, fnConstructorKwargs, resources, retry);
        }

        @Override
        public StepKind kind() {
            return StepKind.FLAT_MAP;
        }
    }

    /**
     * {@code filter}: keeps rows for which {@code expr} is true, or for which the function returns true. Exactly one
     * of the two is present.
     *
     * @param name the step's name
     * @param expression the predicate, in the expression language
     * @param fn a predicate function or class instead of an expression
     * @param fnKwargs arguments for each call of {@code fn}
     * @param fnConstructorKwargs arguments for the class's constructor
     * @param resources the tasks' or actors' resources
     * @param retry how failed tasks are retried
     */
    record Filter(Optional<String> name, Optional<String> expression, Optional<FunctionReference> fn,
            KeywordArguments fnKwargs, KeywordArguments fnConstructorKwargs, Resources resources, RetryPolicy retry)
            implements FunctionStep {
        /** Rejects nulls, and anything but exactly one of expression and function. */
        public Filter {
            requireAll(name, expression, fn, fnKwargs, fnConstructorKwargs, resources, retry);
            if (expression.isPresent() == fn.isPresent()) {
                throw new IllegalArgumentException("a filter needs exactly one of expr and fn");
            }
        }

        @Override
        public StepKind kind() {
            return StepKind.FILTER;
        }
    }

    /**
     * {@code select_columns}.
     *
     * @param name the step's name
     * @param columns the columns to keep, in output order
     */
    record SelectColumns(Optional<String> name, List<String> columns) implements Step {
        /** Copies the list and rejects nulls and empty lists. */
        public SelectColumns {
            columns = nonEmpty(columns, "cols");
            requireNonNull(name, "name");
        }

        @Override
        public StepKind kind() {
            return StepKind.SELECT_COLUMNS;
        }
    }

    /**
     * {@code drop_columns}.
     *
     * @param name the step's name
     * @param columns the columns to remove
     */
    record DropColumns(Optional<String> name, List<String> columns) implements Step {
        /** Copies the list and rejects nulls and empty lists. */
        public DropColumns {
            columns = nonEmpty(columns, "cols");
            requireNonNull(name, "name");
        }

        @Override
        public StepKind kind() {
            return StepKind.DROP_COLUMNS;
        }
    }

    /**
     * {@code limit}.
     *
     * @param name the step's name
     * @param limit the most rows that pass, 0 or more
     */
    record Limit(Optional<String> name, long limit) implements Step {
        /** Rejects nulls and negative limits. */
        public Limit {
            requireNonNull(name, "name");
            if (limit < 0) {
                throw new IllegalArgumentException("limit must be 0 or more, got " + limit);
            }
        }

        @Override
        public StepKind kind() {
            return StepKind.LIMIT;
        }
    }

    /**
     * {@code repartition}: either a number of blocks or a target number of rows per block.
     *
     * @param name the step's name
     * @param numBlocks the number of output blocks
     * @param targetRowsPerBlock the rows each output block should get
     * @param shuffle whether rows are shuffled across blocks
     */
    record Repartition(Optional<String> name, OptionalInt numBlocks, OptionalInt targetRowsPerBlock,
            boolean shuffle) implements Step {
        /** Rejects nulls, and anything but exactly one of the two sizes. */
        public Repartition {
            requireAll(name, numBlocks, targetRowsPerBlock);
            if (numBlocks.isPresent() == targetRowsPerBlock.isPresent()) {
                throw new IllegalArgumentException(
                        "repartition needs exactly one of num_blocks and target_num_rows_per_block");
            }
        }

        @Override
        public StepKind kind() {
            return StepKind.REPARTITION;
        }
    }

    /**
     * {@code groupby} followed by its aggregations.
     *
     * @param name the step's name
     * @param keys the grouping columns, at least one
     * @param aggregates the aggregations, at least one
     */
    record GroupBy(Optional<String> name, List<String> keys, List<Aggregate> aggregates) implements Step {
        /** Copies the lists and rejects nulls and empty lists. */
        public GroupBy {
            keys = nonEmpty(keys, "key");
            aggregates = nonEmpty(aggregates, "aggregate");
            requireNonNull(name, "name");
        }

        @Override
        public StepKind kind() {
            return StepKind.GROUPBY;
        }
    }

    /**
     * {@code write_parquet}.
     *
     * @param name the step's name
     * @param path the output folder
     * @param compression the codec; empty for snappy
     * @param minRowsPerFile the fewest rows per file
     * @param maxRowsPerFile the most rows per file
     * @param partitionCols the columns whose values name hive-style folders ({@code key=value/}) the rows go to,
     *     outermost first; empty writes every file into the output folder itself
     * @param resources the write tasks' resources
     */
    record WriteParquet(Optional<String> name, String path, Optional<Compression> compression,
            OptionalLong minRowsPerFile, OptionalLong maxRowsPerFile, List<String> partitionCols, Resources resources)
            implements Write {
        /** Rejects nulls and inconsistent file sizes; copies the list. */
        public WriteParquet {
            requireAll(name, path, compression, minRowsPerFile, maxRowsPerFile, resources);
            partitionCols = List.copyOf(requireNonNull(partitionCols, "partitionCols"));
            checkRowsPerFile(minRowsPerFile, maxRowsPerFile);
        }

        /** A write without partition columns. */
        public WriteParquet(Optional<String> name, String path, Optional<Compression> compression,
                OptionalLong minRowsPerFile, OptionalLong maxRowsPerFile, Resources resources) {
            this(name, path, compression, minRowsPerFile, maxRowsPerFile, List.of(), resources);
        }

        @Override
        public StepKind kind() {
            return StepKind.WRITE_PARQUET;
        }
    }

    /**
     * {@code write_csv}.
     *
     * @param name the step's name
     * @param path the output folder
     * @param minRowsPerFile the fewest rows per file
     * @param maxRowsPerFile the most rows per file
     * @param resources the write tasks' resources
     */
    record WriteCsv(Optional<String> name, String path, OptionalLong minRowsPerFile, OptionalLong maxRowsPerFile,
            Resources resources) implements Write {
        /** Rejects nulls and inconsistent file sizes. */
        public WriteCsv {
            requireAll(name, path, minRowsPerFile, maxRowsPerFile, resources);
            checkRowsPerFile(minRowsPerFile, maxRowsPerFile);
        }

        @Override
        public StepKind kind() {
            return StepKind.WRITE_CSV;
        }
    }

    /**
     * {@code write_json}: JSON-lines files.
     *
     * @param name the step's name
     * @param path the output folder
     * @param minRowsPerFile the fewest rows per file
     * @param maxRowsPerFile the most rows per file
     * @param resources the write tasks' resources
     */
    record WriteJson(Optional<String> name, String path, OptionalLong minRowsPerFile, OptionalLong maxRowsPerFile,
            Resources resources) implements Write {
        /** Rejects nulls and inconsistent file sizes. */
        public WriteJson {
            requireAll(name, path, minRowsPerFile, maxRowsPerFile, resources);
            checkRowsPerFile(minRowsPerFile, maxRowsPerFile);
        }

        @Override
        public StepKind kind() {
            return StepKind.WRITE_JSON;
        }
    }

    /**
     * {@code show}: prints the first rows.
     *
     * @param name the step's name
     * @param limit how many rows to print, at least 1
     */
    record Show(Optional<String> name, int limit) implements Step {
        /** Ray's default number of rows to show. */
        public static final int DEFAULT_LIMIT = 20;

        /** Rejects nulls and limits below 1. */
        public Show {
            requireNonNull(name, "name");
            if (limit < 1) {
                throw new IllegalArgumentException("show limit must be at least 1, got " + limit);
            }
        }

        @Override
        public StepKind kind() {
            return StepKind.SHOW;
        }
    }

    private static <T> List<T> nonEmpty(List<T> values, String key) {
        List<T> copy = List.copyOf(requireNonNull(values, key));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(key + " must not be empty");
        }
        return copy;
    }

    private static void requireAll(Object... values) {
        for (int index = 0; index < values.length; index++) {
            requireNonNull(values[index], "argument " + index);
        }
    }

    private static void checkRowsPerFile(OptionalLong minimum, OptionalLong maximum) {
        if (minimum.isPresent() && minimum.getAsLong() < 1) {
            throw new IllegalArgumentException("min_rows_per_file must be at least 1");
        }
        if (maximum.isPresent() && maximum.getAsLong() < 1) {
            throw new IllegalArgumentException("max_rows_per_file must be at least 1");
        }
        if (minimum.isPresent() && maximum.isPresent() && minimum.getAsLong() > maximum.getAsLong()) {
            throw new IllegalArgumentException("min_rows_per_file must not exceed max_rows_per_file");
        }
    }
}
