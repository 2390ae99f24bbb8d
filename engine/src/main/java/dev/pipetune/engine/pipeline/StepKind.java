package dev.pipetune.engine.pipeline;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;

/**
 * The kinds of step a pipeline file may use, with Ray Data's names, their role in a pipeline and the option keys
 * each accepts.
 */
public enum StepKind {
    /** Reads Parquet files or folders of them. */
    READ_PARQUET("read_parquet", Role.SOURCE, List.of("paths", "columns", "include_paths", "partitioning",
            "file_extensions"),
            Options.READ),
    /** Reads CSV files with a header row. */
    READ_CSV("read_csv", Role.SOURCE, List.of("paths", "include_paths", "partitioning", "file_extensions"),
            Options.READ),
    /** Reads JSON-lines files. */
    READ_JSON("read_json", Role.SOURCE, List.of("paths", "include_paths", "partitioning", "file_extensions"),
            Options.READ),
    /** Reads whole files as rows of {@code path} and {@code bytes}. */
    READ_BINARY_FILES("read_binary_files", Role.SOURCE, List.of("paths", "include_paths", "partitioning",
            "file_extensions"), Options.READ),
    /** Applies a function to batches of rows. */
    MAP_BATCHES("map_batches", Role.TRANSFORM,
            List.of("fn", "fn_kwargs", "fn_constructor_kwargs", "batch_size", "batch_format"), Options.FUNCTION),
    /** Applies a function to each row. */
    MAP("map", Role.TRANSFORM, List.of("fn", "fn_kwargs", "fn_constructor_kwargs"), Options.FUNCTION),
    /** Applies a function that turns each row into zero or more rows. */
    FLAT_MAP("flat_map", Role.TRANSFORM, List.of("fn", "fn_kwargs", "fn_constructor_kwargs"), Options.FUNCTION),
    /** Keeps the rows for which an expression (or a function) is true. */
    FILTER("filter", Role.TRANSFORM, List.of("expr", "fn", "fn_kwargs", "fn_constructor_kwargs"), Options.FUNCTION),
    /** Keeps only the named columns, in that order. */
    SELECT_COLUMNS("select_columns", Role.TRANSFORM, List.of("cols"), Options.NONE),
    /** Removes the named columns. */
    DROP_COLUMNS("drop_columns", Role.TRANSFORM, List.of("cols"), Options.NONE),
    /** Stops after a number of rows. */
    LIMIT("limit", Role.TRANSFORM, List.of("limit"), Options.NONE),
    /** Changes the number of blocks, optionally shuffling rows. */
    REPARTITION("repartition", Role.TRANSFORM, List.of("num_blocks", "target_num_rows_per_block", "shuffle"),
            Options.NONE),
    /** Groups rows by key columns and aggregates each group. */
    GROUPBY("groupby", Role.TRANSFORM, List.of("key", "aggregate"), Options.NONE),
    /** Writes Parquet files into a folder. */
    WRITE_PARQUET("write_parquet", Role.SINK,
            List.of("path", "compression", "min_rows_per_file", "max_rows_per_file", "partition_cols"), Options.WRITE),
    /** Writes CSV files into a folder. */
    WRITE_CSV("write_csv", Role.SINK, List.of("path", "min_rows_per_file", "max_rows_per_file"), Options.WRITE),
    /** Writes JSON-lines files into a folder. */
    WRITE_JSON("write_json", Role.SINK, List.of("path", "min_rows_per_file", "max_rows_per_file"), Options.WRITE),
    /** Prints the first rows. */
    SHOW("show", Role.SINK, List.of("limit"), Options.NONE);

    /** The key every step accepts: its name, by which overrides and reports address it. */
    public static final String NAME_KEY = "name";

    private final String fileName;
    private final Role role;
    private final SequencedSet<String> keys;

    StepKind(String fileName, Role role, List<String> ownKeys, Options options) {
        this.fileName = fileName;
        this.role = role;
        this.keys = new LinkedHashSet<>();
        keys.add(NAME_KEY);
        keys.addAll(ownKeys);
        keys.addAll(options.keys);
    }

    /** Returns the name used in pipeline files, such as {@code map_batches}. */
    public String fileName() {
        return fileName;
    }

    /** Returns where in a pipeline this kind of step may stand. */
    public Role role() {
        return role;
    }

    /** Returns every option key this kind of step accepts, in documentation order. */
    public SequencedSet<String> keys() {
        return Collections.unmodifiableSequencedSet(keys);
    }

    /**
     * Finds a step kind by its pipeline-file name.
     *
     * @param name a name such as {@code read_parquet}
     * @return the kind, or empty if there is none of that name
     */
    public static Optional<StepKind> byName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.fileName.equals(name)).findFirst();
    }

    /** Returns every step kind's pipeline-file name. */
    public static List<String> names() {
        return Arrays.stream(values()).map(StepKind::fileName).toList();
    }

    /** Where a step may stand in a pipeline. */
    public enum Role {
        /** Produces rows: only the first step of a pipeline. */
        SOURCE,
        /** Turns rows into rows. */
        TRANSFORM,
        /** Consumes rows: the last step of a pipeline. */
        SINK
    }

    private enum Options {
        NONE(List.of()),
        READ(List.of("num_cpus", "memory", "concurrency")),
        FUNCTION(List.of("num_cpus", "num_gpus", "memory", "concurrency", "max_retries", "retry_exceptions")),
        WRITE(List.of("num_cpus", "memory", "concurrency"));

        private final List<String> keys;

        Options(List<String> keys) {
            this.keys = keys;
        }
    }
}
