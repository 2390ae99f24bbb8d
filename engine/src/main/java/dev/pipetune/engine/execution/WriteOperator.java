package dev.pipetune.engine.execution;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.block.Blocks;
import dev.pipetune.engine.block.ColumnTypes;
import dev.pipetune.engine.io.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * {@code write_parquet}, {@code write_csv}, {@code write_json}: tasks write files into a temporary folder beside the
 * output folder; when every task succeeded, {@link #finish} swaps the temporary folder in for the output folder.
 * On failure or cancellation {@link #abort} deletes the temporary folder, so the output folder is either the
 * complete new result or untouched, never half-written.
 *
 * <p>File sizes: a task takes queued blocks until it has {@code minRowsPerFile} rows (all remaining rows at the end
 * of the stream) and splits them into files of at most {@code maxRowsPerFile} rows.
 */
public final class WriteOperator extends QueuedInputOperator {

    private final Path output;
    private final Path temporary;
    private final FileFormatWriter format;
    private final long minRowsPerFile;
    private final long maxRowsPerFile;
    private final long targetBytesPerFile;
    private final Optional<OutputPartitioner> partitioner;
    private final AtomicInteger fileNumber = new AtomicInteger();
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final long processId = ProcessHandle.current().pid();
    private boolean temporaryCreated;
    private Schema firstSchema;
    private String firstOrigin;

    /**
     * Creates the operator.
     *
     * @param name its name in reports
     * @param output the output folder, replaced as a whole on success
     * @param format the file format
     * @param minRowsPerFile the fewest rows a file gets (except the last)
     * @param maxRowsPerFile the most rows a file gets
     * @param targetBytesPerFile a task also waits for this many bytes of input (except at the end), so files are
     *     not tiny when blocks are small
     * @param resources what each write task holds
     * @param maxConcurrency the most write tasks at once
     * @param maxRetries how often a failed write is retried
     * @param retryable which failures are retried
     */
    public WriteOperator(String name, Path output, FileFormatWriter format, long minRowsPerFile, long maxRowsPerFile,
            long targetBytesPerFile, TaskResources resources, int maxConcurrency, int maxRetries,
            Predicate<Throwable> retryable) {
        this(name, output, format, Optional.empty(), minRowsPerFile, maxRowsPerFile, targetBytesPerFile, resources,
                maxConcurrency, maxRetries, retryable);
    }

    /**
     * Creates the operator, writing into hive-style folders when a partitioner is given ({@code partition_cols}):
     * each task splits its rows by folder and writes each folder's rows into files of at most
     * {@code maxRowsPerFile} rows there.
     *
     * @param name its name in reports
     * @param output the output folder, replaced as a whole on success
     * @param format the file format
     * @param partitioner splits rows into folders; empty writes every file into the output folder itself
     * @param minRowsPerFile the fewest rows a task takes (except the last)
     * @param maxRowsPerFile the most rows a file gets
     * @param targetBytesPerFile a task also waits for this many bytes of input (except at the end)
     * @param resources what each write task holds
     * @param maxConcurrency the most write tasks at once
     * @param maxRetries how often a failed write is retried
     * @param retryable which failures are retried
     */
    public WriteOperator(String name, Path output, FileFormatWriter format, Optional<OutputPartitioner> partitioner,
            long minRowsPerFile, long maxRowsPerFile, long targetBytesPerFile, TaskResources resources,
            int maxConcurrency, int maxRetries, Predicate<Throwable> retryable) {
        super(name, resources, maxConcurrency, maxRetries, retryable);
        this.partitioner = requireNonNull(partitioner, "partitioner");
        this.output = requireNonNull(output, "output").toAbsolutePath().normalize();
        this.format = requireNonNull(format, "format");
        if (minRowsPerFile < 1 || maxRowsPerFile < minRowsPerFile) {
            throw new IllegalArgumentException("rows per file must satisfy 1 <= min <= max");
        }
        this.minRowsPerFile = minRowsPerFile;
        this.maxRowsPerFile = maxRowsPerFile;
        this.targetBytesPerFile = targetBytesPerFile;
        this.temporary = this.output.resolveSibling(temporaryPrefix() + processId + "-" + runId + ".tmp");
    }

    /** The start of the names of this output's temporary folders, followed by the writing process's id. */
    private String temporaryPrefix() {
        Path fileName = output.getFileName();
        return "." + (fileName == null ? "output" : fileName) + ".pipetune-";
    }

    /** Returns the temporary folder the files are written to before the commit. */
    public Path temporaryFolder() {
        return temporary;
    }

    @Override
    boolean hasTask() {
        return !queued().isEmpty() && (areInputsDone()
                || Blocks.rows(queued()) >= minRowsPerFile && Blocks.sizeBytes(queued()) >= targetBytesPerFile);
    }

    @Override
    Optional<PendingTask> pollTask() {
        if (!hasTask()) {
            return Optional.empty();
        }
        ensureTemporaryFolder();
        if (firstSchema == null) {
            firstSchema = queued().peekFirst().decodedSchema();
            firstOrigin = queued().peekFirst().origin();
        }
        Schema expected = firstSchema;
        String expectedOrigin = firstOrigin;
        List<Block> bundle = new ArrayList<>();
        long rows = 0;
        long bytes = 0;
        while (!queued().isEmpty() && (bundle.isEmpty() || rows < minRowsPerFile || bytes < targetBytesPerFile)) {
            Block block = queued().pollFirst();
            bundle.add(block);
            rows += block.rows();
            bytes += block.sizeBytes();
        }
        int first = partitioner.isPresent() ? -1 : fileNumber.getAndAdd((int) Math.ceilDiv(rows, maxRowsPerFile));
        return Optional.of(new PendingTask(context -> {
            for (Block block : bundle) {
                requireSameColumns(block, expected, expectedOrigin);
            }
            return partitioner.isPresent() ? writePartitioned(bundle, partitioner.get(), context)
                    : write(bundle, first, context);
        }, bundle, bundle.getFirst().origin(), 0, null));
    }

    /**
     * The files of one output share one schema (as each file's writer requires of its blocks): a block whose columns
     * or types differ from the first block's (input files whose schemas were inferred one by one, as CSV and JSON
     * lines are) fails before anything is written, naming both inputs, whichever files the blocks would have met in.
     */
    private static void requireSameColumns(Block block, Schema expected, String expectedOrigin) {
        ColumnTypes.requireSame(block.decodedSchema(), block.origin(), expected, expectedOrigin,
                "every file written to one output must give the same columns");
    }

    private List<Block> write(List<Block> bundle, int firstFile, TaskContext context) throws IOException {
        int[] next = {firstFile};
        writeFiles(temporary, bundle, () -> next[0]++, context);
        return List.of();
    }

    /**
     * Splits the bundle's rows by folder and writes each folder's rows into files of at most {@code maxRowsPerFile}
     * rows there, numbered when written (a folder's files come from any task).
     */
    private List<Block> writePartitioned(List<Block> bundle, OutputPartitioner splitter, TaskContext context)
            throws IOException {
        Map<String, List<Block>> byFolder = new LinkedHashMap<>();
        try {
            for (Block block : bundle) {
                for (Map.Entry<String, Block> folder : splitter.split(block, context.allocator()).entrySet()) {
                    byFolder.computeIfAbsent(folder.getKey(), unused -> new ArrayList<>()).add(folder.getValue());
                }
            }
            for (Map.Entry<String, List<Block>> folder : byFolder.entrySet()) {
                Path directory = temporary.resolve(folder.getKey());
                Files.createDirectories(directory);
                writeFiles(directory, folder.getValue(), fileNumber::getAndIncrement, context);
            }
            return List.of();
        } finally {
            byFolder.values().forEach(Blocks::closeAll);
        }
    }

    /** Writes blocks' rows, in order, into files of at most {@code maxRowsPerFile} rows in a folder. */
    private void writeFiles(Path directory, List<Block> blocks, IntSupplier numbers, TaskContext context)
            throws IOException {
        List<Block> fileBlocks = new ArrayList<>();
        long fileRows = 0;
        try {
            for (Block block : blocks) {
                int offset = 0;
                while (offset < block.rows()) {
                    int length = (int) Math.min(block.rows() - offset, maxRowsPerFile - fileRows);
                    fileBlocks.add(block.slice(offset, length, context.allocator()));
                    offset += length;
                    fileRows += length;
                    if (fileRows == maxRowsPerFile) {
                        writeFile(directory, fileBlocks, numbers.getAsInt());
                        Blocks.closeAll(fileBlocks);
                        fileBlocks.clear();
                        fileRows = 0;
                    }
                }
            }
            if (!fileBlocks.isEmpty()) {
                writeFile(directory, fileBlocks, numbers.getAsInt());
            }
        } finally {
            Blocks.closeAll(fileBlocks);
        }
    }

    private void writeFile(Path directory, List<Block> blocks, int number) throws IOException {
        Path file = directory.resolve(String.format("part-%05d-%s.%s", number, runId, format.extension()));
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "two write tasks chose the same file name");
        }
        format.write(blocks, file);
    }

    private void ensureTemporaryFolder() {
        if (temporaryCreated) {
            return;
        }
        try {
            Files.createDirectories(temporary);
            temporaryCreated = true;
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot create " + temporary, failure);
        }
    }

    @Override
    void finish() throws IOException {
        ensureTemporaryFolder();
        Path previous = output.resolveSibling(temporary.getFileName() + ".old");
        boolean replacing = Files.exists(output);
        if (replacing) {
            Folders.move(output, previous);
        }
        try {
            Folders.move(temporary, output);
        } catch (IOException failure) {
            if (replacing) {
                Folders.move(previous, output);
            }
            throw failure;
        }
        if (replacing) {
            Folders.deleteTree(previous);
        }
        deleteLeftovers();
    }

    /**
     * Deletes the temporary folders of earlier writes to the same output whose process has ended without cleaning up
     * (it was killed): their names carry the writing process's id. Folders of live processes, and of names this
     * operator does not recognize, stay.
     */
    private void deleteLeftovers() {
        Path parent = output.getParent();
        if (parent == null) {
            return;
        }
        String prefix = temporaryPrefix();
        try (var siblings = Files.list(parent)) {
            for (Path sibling : (Iterable<Path>) siblings::iterator) {
                String name = sibling.getFileName().toString();
                if (!name.startsWith(prefix) || !(name.endsWith(".tmp") || name.endsWith(".tmp.old"))) {
                    continue;
                }
                String rest = name.substring(prefix.length());
                int dash = rest.indexOf('-');
                if (dash <= 0 || !rest.substring(0, dash).chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long owner = Long.parseLong(rest.substring(0, dash));
                if (owner != processId && ProcessHandle.of(owner).map(handle -> !handle.isAlive()).orElse(true)) {
                    Folders.deleteTree(sibling);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // Best effort: leftovers have hidden temporary names and never replace an output.
        }
    }

    @Override
    void abort() {
        try {
            Folders.deleteTree(temporary);
        } catch (IOException ignored) {
            // Best effort: the folder has a temporary name and never replaces the output.
        }
    }


    @Override
    boolean exhausted() {
        return queued().isEmpty();
    }
}
