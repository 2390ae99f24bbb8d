package dev.pipetune.engine.plan;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.block.Blocks;
import dev.pipetune.engine.execution.ReadTask;
import dev.pipetune.engine.execution.TaskContext;
import dev.pipetune.engine.expression.Expression;
import dev.pipetune.engine.io.BatchReader;
import dev.pipetune.engine.io.ColumnType;
import dev.pipetune.engine.io.CompressedInput;
import dev.pipetune.engine.io.ReadOptions;
import dev.pipetune.engine.io.ReorderedReader;
import dev.pipetune.engine.io.binary.BinaryFilesReader;
import dev.pipetune.engine.io.csv.CsvReader;
import dev.pipetune.engine.io.json.JsonLinesReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** The read tasks of {@code read_csv}, {@code read_json} (one per file) and {@code read_binary_files}. */
final class FileSources {

    /** Files per {@code read_binary_files} task: one block of this many rows. */
    static final int BINARY_FILES_PER_TASK = 64;

    private FileSources() {
    }

    /** Opens a reader of one text file. */
    @FunctionalInterface
    interface ReaderOpener {
        BatchReader open(Path file, ReadOptions options, BufferAllocator allocator) throws IOException;
    }

    static List<ReadTask> csv(List<Path> files, boolean includePaths, HivePartitions partitions,
            Optional<Expression> filter) {
        return perFile(files, includePaths, partitions, filter, CsvReader::open);
    }

    static List<ReadTask> json(List<Path> files, boolean includePaths, HivePartitions partitions,
            Optional<Expression> filter) {
        return perFile(files, includePaths, partitions, filter, JsonLinesReader::open);
    }

    /**
     * One task per file. Every file after the first gives its columns in the first file's order when it has the same
     * columns in another order (as pyarrow's datasets unify them by name), so that the output's column order does not
     * depend on which file a block came from; a column a file leaves without a value takes another file's type.
     */
    private static List<ReadTask> perFile(List<Path> files, boolean includePaths, HivePartitions partitions,
            Optional<Expression> filter, ReaderOpener opener) {
        ReadOptions options = ReadOptions.defaults().withIncludePaths(includePaths);
        List<ReadTask> tasks = new ArrayList<>();
        InputSchemas schemas = new InputSchemas(files, options, opener);
        for (int index = 0; index < files.size(); index++) {
            Path file = files.get(index);
            boolean first = index == 0;
            tasks.add(new FileTask(List.of(file), file.toString(), textBytes(file), true, context -> {
                BatchReader reader = opener.open(file, options, context.allocator());
                if (files.size() > 1 && !reader.untypedColumns().isEmpty()) {
                    Map<String, ColumnType> types = schemas.typesOf(reader.untypedColumns(), context.allocator());
                    if (!types.isEmpty()) {
                        reader.close();
                        reader = opener.open(file, options.withUntypedHints(types), context.allocator());
                    }
                }
                if (!first) {
                    Optional<List<String>> order = schemas.firstFileColumns(context.allocator());
                    reader = order.isPresent() ? ReorderedReader.inOrder(reader, order.get()) : reader;
                }
                if (files.size() > 1) {
                    reader = conformed(reader, file, schemas.unified(context.allocator()), context.allocator());
                }
                return withFolderColumns(reader, file, partitions, filter, context.allocator());
            }));
        }
        return tasks;
    }

    /**
     * Gives a file's batches the columns that the input's sampled files have together ({@link UnifiedColumns}): nulls
     * for the ones it lacks, and wider types where another file's values need them (a column of whole numbers here,
     * of decimals there). A file whose columns do not fit them is read as it is, and fails where its blocks meet
     * others', naming both files.
     */
    private static BatchReader conformed(BatchReader reader, Path file, Optional<Schema> common,
            BufferAllocator allocator) {
        if (common.isEmpty()) {
            return reader;
        }
        UnifiedColumns unified;
        // A column no value of this file typed is null-typed here, as in the common schema: it takes any type.
        Schema own = nullTyped(reader.schema().getFields(), reader.untypedColumns());
        try {
            unified = UnifiedColumns.of(List.of(common.get(), own), List.of(file, file), Optional.empty());
        } catch (IllegalArgumentException differing) {
            return reader;
        }
        if (unified.uniform() || !unified.names().equals(common.get().getFields().stream().map(Field::getName)
                .toList())) {
            return reader;
        }
        return ConformingReader.of(reader, unified, allocator);
    }

    /** The fields, the untyped ones (no sampled value typed them) as null-typed columns, which take any type. */
    private static Schema nullTyped(List<Field> fields, Set<String> untyped) {
        return new Schema(fields.stream().map(field -> untyped.contains(field.getName())
                ? Field.nullable(field.getName(), ArrowType.Null.INSTANCE) : field).toList());
    }

    /**
     * The schemas of an input's first {@value #MAX_FILES} files, each read at most once, by whichever task asks first:
     * the first file's column order, the types other files give the columns a file leaves without a value in its
     * sample (a day without discounts among daily files), as pyarrow unifies a null column with another file's type,
     * and the columns they have together. A file that cannot be opened has no schema here; its own task reports why.
     */
    private static final class InputSchemas {

        private static final int MAX_FILES = 16;

        private final List<Path> files;
        private final ReadOptions options;
        private final ReaderOpener opener;
        private final Map<Integer, Optional<FileSchema>> read = new HashMap<>();
        private Optional<Schema> unified;

        /** A file's columns, and those of them that no sampled value typed. */
        private record FileSchema(List<Field> fields, Set<String> untyped) {
        }

        InputSchemas(List<Path> files, ReadOptions options, ReaderOpener opener) {
            this.files = files;
            this.options = options;
            this.opener = opener;
        }

        /** Returns the first file's column names, or empty when it cannot be opened. */
        synchronized Optional<List<String>> firstFileColumns(BufferAllocator allocator) {
            return schema(0, allocator).map(schema -> schema.fields().stream().map(Field::getName).toList());
        }

        /** Returns the types that the first file typing each column gives it; a column none types is left out. */
        synchronized Map<String, ColumnType> typesOf(Set<String> columns, BufferAllocator allocator) {
            Map<String, ColumnType> types = new HashMap<>();
            for (int index = 0; index < Math.min(files.size(), MAX_FILES) && types.size() < columns.size(); index++) {
                schema(index, allocator).ifPresent(schema -> {
                    for (Field field : schema.fields()) {
                        String name = field.getName();
                        if (columns.contains(name) && !schema.untyped().contains(name) && !types.containsKey(name)) {
                            ColumnType.of(field.getType()).ifPresent(type -> types.put(name, type));
                        }
                    }
                });
            }
            return types;
        }

        /**
         * Returns the columns the sampled files have together, as {@link UnifiedColumns} combines them (a column that
         * no sampled value typed counts as null-typed, and stays a string column where no file types it); empty when
         * two files give a column types that no type holds, or no file can be opened.
         */
        synchronized Optional<Schema> unified(BufferAllocator allocator) {
            if (unified == null) {
                List<Schema> sampled = new ArrayList<>();
                List<Path> origins = new ArrayList<>();
                for (int index = 0; index < Math.min(files.size(), MAX_FILES); index++) {
                    Path file = files.get(index);
                    schema(index, allocator).ifPresent(schema -> {
                        sampled.add(nullTyped(schema.fields(), schema.untyped()));
                        origins.add(file);
                    });
                }
                try {
                    unified = sampled.isEmpty() ? Optional.empty() : Optional.of(new Schema(UnifiedColumns.of(sampled,
                            origins, Optional.empty()).fields().stream().map(field -> field.getType()
                            instanceof ArrowType.Null ? Field.nullable(field.getName(), ArrowType.Utf8.INSTANCE)
                            : field).toList()));
                } catch (IllegalArgumentException differing) {
                    unified = Optional.empty();
                }
            }
            return unified;
        }

        private Optional<FileSchema> schema(int index, BufferAllocator allocator) {
            Optional<FileSchema> known = read.get(index);
            if (known == null) {
                try (BatchReader reader = opener.open(files.get(index), options, allocator)) {
                    known = Optional.of(new FileSchema(reader.schema().getFields(), reader.untypedColumns()));
                } catch (IOException | RuntimeException unreadable) {
                    known = Optional.empty();
                }
                read.put(index, known);
            }
            return known;
        }
    }

    /**
     * Adds a file's folder columns to its reader (replacing its own columns of the same names, as Ray's reader does;
     * a key with no folder on the file's path is read from the file's own column if it has one), or empties the
     * reader when the filter that follows the read rules the file out by them.
     */
    private static BatchReader withFolderColumns(BatchReader reader, Path file, HivePartitions partitions,
            Optional<Expression> filter, BufferAllocator allocator) {
        Set<String> own = partitions.ownKeys(file, reader.schema().getFields().stream().map(Field::getName)
                .toList());
        boolean skipped = filter.isPresent() && !partitions.mayMatch(file, filter.get(), own);
        return FolderColumnsReader.wrap(reader, partitions.keys(), partitions.valuesOf(file, own), skipped,
                allocator);
    }

    /**
     * Tasks of up to {@value #BINARY_FILES_PER_TASK} files each; with folder columns, a task's files share their
     * folder values (files come sorted by path, so a folder's files are neighbours), and a folder the filter rules
     * out gets no task.
     */
    static List<ReadTask> binary(List<Path> files, boolean includePaths, HivePartitions partitions,
            Optional<Expression> filter) {
        // Folder keys named like the reader's own columns (bytes, path) leave those columns as they are.
        Set<String> own = BinaryFilesReader.schema(includePaths).getFields().stream().map(Field::getName)
                .filter(partitions.keys()::contains).collect(Collectors.toUnmodifiableSet());
        List<ReadTask> tasks = new ArrayList<>();
        int start = 0;
        while (start < files.size()) {
            FolderValues values = partitions.valuesOf(files.get(start), own);
            int end = start + 1;
            while (end < files.size() && end - start < BINARY_FILES_PER_TASK
                    && partitions.valuesOf(files.get(end), own).equals(values)) {
                end++;
            }
            List<Path> chunk = List.copyOf(files.subList(start, end));
            start = end;
            if (filter.isPresent() && !partitions.mayMatch(chunk.getFirst(), filter.get(), own)) {
                continue;
            }
            String origin = chunk.size() == 1 ? chunk.getFirst().toString()
                    : chunk.getFirst() + " .. " + chunk.getLast().getFileName();
            // A file that cannot be read is one errored row, as max_errored_blocks counts them, not the whole task.
            tasks.add(new FileTask(chunk, origin, size(chunk), false, context -> FolderColumnsReader.wrap(
                    BinaryFilesReader.open(chunk, chunk.size(), includePaths, context.allocator(),
                            (file, failure) -> context.rowFailed(file.toString(), failure)),
                    values.keys(), values, false, context.allocator())));
        }
        return tasks;
    }

    /** A text file's guessed size once decompressed (see {@link CompressedInput#estimatedTextBytes}). */
    private static long textBytes(Path file) {
        try {
            return CompressedInput.estimatedTextBytes(file);
        } catch (IOException unreadable) {
            // An unreadable file fails its task with a clear error; for the estimate it counts as empty.
            return 0;
        }
    }

    private static long size(List<Path> files) {
        long bytes = 0;
        for (Path file : files) {
            try {
                bytes += Files.size(file);
            } catch (IOException unreadable) {
                // An unreadable file fails its task with a clear error; for the estimate it counts as empty.
                continue;
            }
        }
        return bytes;
    }

    /** Opens a reader over the task's allocator, reporting rows it leaves out to the task. */
    @FunctionalInterface
    private interface Opener {
        BatchReader open(TaskContext context) throws IOException;
    }

    /**
     * Reads every batch of one reader into blocks, streaming each downstream as soon as it is read. With
     * {@code rowsOfOneFile} the blocks know which row of the file each starts at.
     */
    private record FileTask(List<Path> files, String origin, long estimatedBytes, boolean rowsOfOneFile,
            Opener opener) implements ReadTask {

        @Override
        public List<Block> read(TaskContext context) throws Exception {
            List<Block> blocks = new ArrayList<>();
            try (BatchReader reader = opener.open(context)) {
                long firstRow = 0;
                for (Optional<VectorSchemaRoot> batch = reader.next(); batch.isPresent(); batch = reader.next()) {
                    Block block = new Block(batch.get(), Map.of(), origin, rowsOfOneFile ? firstRow : -1);
                    firstRow += block.rows();
                    if (!context.emit(block)) {
                        blocks.add(block);
                    }
                    context.checkCancelled();
                }
                return blocks;
            } catch (Exception | Error failure) {
                Blocks.closeAll(blocks);
                throw failure;
            }
        }
    }
}
