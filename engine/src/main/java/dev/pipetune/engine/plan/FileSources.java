package dev.pipetune.engine.plan;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.block.Blocks;
import dev.pipetune.engine.execution.ReadTask;
import dev.pipetune.engine.execution.TaskContext;
import dev.pipetune.engine.io.BatchReader;
import dev.pipetune.engine.io.ColumnType;
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
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

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

    static List<ReadTask> csv(List<Path> files, boolean includePaths) {
        return perFile(files, includePaths, CsvReader::open);
    }

    static List<ReadTask> json(List<Path> files, boolean includePaths) {
        return perFile(files, includePaths, JsonLinesReader::open);
    }

    /**
     * One task per file. Every file after the first gives its columns in the first file's order when it has the same
     * columns in another order (as pyarrow's datasets unify them by name), so that the output's column order does not
     * depend on which file a block came from.
     */
    private static List<ReadTask> perFile(List<Path> files, boolean includePaths, ReaderOpener opener) {
        ReadOptions options = ReadOptions.defaults().withIncludePaths(includePaths);
        List<ReadTask> tasks = new ArrayList<>();
        FirstFileColumns firstColumns = files.isEmpty() ? null
                : new FirstFileColumns(files.getFirst(), options, opener);
        UntypedColumnHints hints = new UntypedColumnHints(files, options, opener);
        for (int index = 0; index < files.size(); index++) {
            Path file = files.get(index);
            boolean first = index == 0;
            tasks.add(new FileTask(List.of(file), file.toString(), size(List.of(file)), true, context -> {
                BatchReader reader = opener.open(file, options, context.allocator());
                if (files.size() > 1 && !reader.untypedColumns().isEmpty()) {
                    Map<String, ColumnType> types = hints.typesOf(reader.untypedColumns(), context.allocator());
                    if (!types.isEmpty()) {
                        reader.close();
                        reader = opener.open(file, options.withUntypedHints(types), context.allocator());
                    }
                }
                if (first) {
                    return reader;
                }
                Optional<List<String>> order = firstColumns.names(context.allocator());
                return order.isPresent() ? ReorderedReader.inOrder(reader, order.get()) : reader;
            }));
        }
        return tasks;
    }

    /**
     * The types that other files of an input give the columns a file leaves without a value in its sample (a day
     * without discounts among daily files), as pyarrow unifies a null column with another file's type: the first
     * {@value #MAX_FILES} files in listing order are asked, each at most once, and the first that types a column
     * decides it.
     */
    private static final class UntypedColumnHints {

        private static final int MAX_FILES = 16;

        private final List<Path> files;
        private final ReadOptions options;
        private final ReaderOpener opener;
        private final Map<String, Optional<ColumnType>> found = new HashMap<>();
        private int scanned;

        UntypedColumnHints(List<Path> files, ReadOptions options, ReaderOpener opener) {
            this.files = files;
            this.options = options;
            this.opener = opener;
        }

        /** Returns the types found for the columns; a column no file types is left out. */
        synchronized Map<String, ColumnType> typesOf(Set<String> columns, BufferAllocator allocator) {
            while (scanned < Math.min(files.size(), MAX_FILES)
                    && columns.stream().anyMatch(column -> found.get(column) == null)) {
                Path file = files.get(scanned++);
                try (BatchReader reader = opener.open(file, options, allocator)) {
                    for (Field field : reader.schema().getFields()) {
                        if (!reader.untypedColumns().contains(field.getName())
                                && found.get(field.getName()) == null) {
                            ColumnType.of(field.getType()).ifPresent(type ->
                                    found.put(field.getName(), Optional.of(type)));
                        }
                    }
                } catch (IOException | RuntimeException unreadable) {
                    // That file's own task reports why it cannot be read.
                    continue;
                }
            }
            Map<String, ColumnType> types = new HashMap<>();
            for (String column : columns) {
                Optional<ColumnType> type = found.get(column);
                if (type != null && type.isPresent()) {
                    types.put(column, type.get());
                }
            }
            return types;
        }
    }

    /** The first file's column names, read once, by whichever task of a later file asks first. */
    private static final class FirstFileColumns {

        private final Path file;
        private final ReadOptions options;
        private final ReaderOpener opener;
        private Optional<List<String>> names;

        FirstFileColumns(Path file, ReadOptions options, ReaderOpener opener) {
            this.file = file;
            this.options = options;
            this.opener = opener;
        }

        /** Returns the names, or empty when the first file cannot be opened: its own task reports why. */
        synchronized Optional<List<String>> names(BufferAllocator allocator) {
            if (names == null) {
                try (BatchReader reader = opener.open(file, options, allocator)) {
                    names = Optional.of(reader.schema().getFields().stream().map(Field::getName).toList());
                } catch (IOException | RuntimeException unreadable) {
                    names = Optional.empty();
                }
            }
            return names;
        }
    }

    static List<ReadTask> binary(List<Path> files, boolean includePaths) {
        List<ReadTask> tasks = new ArrayList<>();
        for (int start = 0; start < files.size(); start += BINARY_FILES_PER_TASK) {
            List<Path> chunk = List.copyOf(files.subList(start, Math.min(files.size(), start + BINARY_FILES_PER_TASK)));
            String origin = chunk.size() == 1 ? chunk.getFirst().toString()
                    : chunk.getFirst() + " .. " + chunk.getLast().getFileName();
            // A file that cannot be read is one errored row, as max_errored_blocks counts them, not the whole task.
            tasks.add(new FileTask(chunk, origin, size(chunk), false, context -> BinaryFilesReader.open(chunk,
                    chunk.size(), includePaths, context.allocator(),
                    (file, failure) -> context.rowFailed(file.toString(), failure))));
        }
        return tasks;
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
