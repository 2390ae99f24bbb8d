package dev.pipetune.engine.plan;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.block.Blocks;
import dev.pipetune.engine.execution.ReadTask;
import dev.pipetune.engine.execution.TaskContext;
import dev.pipetune.engine.io.BatchReader;
import dev.pipetune.engine.io.ReadOptions;
import dev.pipetune.engine.io.binary.BinaryFilesReader;
import dev.pipetune.engine.io.csv.CsvReader;
import dev.pipetune.engine.io.json.JsonLinesReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

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

    private static List<ReadTask> perFile(List<Path> files, boolean includePaths, ReaderOpener opener) {
        ReadOptions options = ReadOptions.defaults().withIncludePaths(includePaths);
        List<ReadTask> tasks = new ArrayList<>();
        for (Path file : files) {
            tasks.add(new FileTask(List.of(file), file.toString(), size(List.of(file)),
                    context -> opener.open(file, options, context.allocator())));
        }
        return tasks;
    }

    static List<ReadTask> binary(List<Path> files, boolean includePaths) {
        List<ReadTask> tasks = new ArrayList<>();
        for (int start = 0; start < files.size(); start += BINARY_FILES_PER_TASK) {
            List<Path> chunk = List.copyOf(files.subList(start, Math.min(files.size(), start + BINARY_FILES_PER_TASK)));
            String origin = chunk.size() == 1 ? chunk.getFirst().toString()
                    : chunk.getFirst() + " .. " + chunk.getLast().getFileName();
            // A file that cannot be read is one errored row, as max_errored_blocks counts them, not the whole task.
            tasks.add(new FileTask(chunk, origin, size(chunk), context -> BinaryFilesReader.open(chunk, chunk.size(),
                    includePaths, context.allocator(),
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

    /** Reads every batch of one reader into blocks, streaming each downstream as soon as it is read. */
    private record FileTask(List<Path> files, String origin, long estimatedBytes, Opener opener)
            implements ReadTask {

        @Override
        public List<Block> read(TaskContext context) throws Exception {
            List<Block> blocks = new ArrayList<>();
            try (BatchReader reader = opener.open(context)) {
                for (Optional<VectorSchemaRoot> batch = reader.next(); batch.isPresent(); batch = reader.next()) {
                    Block block = new Block(batch.get(), origin);
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
