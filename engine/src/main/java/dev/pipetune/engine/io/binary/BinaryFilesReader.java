package dev.pipetune.engine.io.binary;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.io.BatchReader;
import dev.pipetune.engine.io.CompressedInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads whole files as rows, as Ray Data's {@code read_binary_files} does: one row per file with its content in a
 * binary column {@code bytes} and, when paths are included, its path (as given, for example as
 * {@link dev.pipetune.engine.io.FileListing} expanded it) in a utf8 column {@code path} after it. A file whose name
 * ends in a codec's extension ({@code .gz}, {@code .zst}, {@code .lz4}, {@code .br}, {@code .bz2}) gives its
 * decompressed content, as Ray's does ({@link CompressedInput}); data that does not decompress is an unreadable file.
 *
 * <p>Each batch holds up to {@code filesPerBatch} files, fewer when their total size would pass the 2 GiB that one
 * Arrow binary vector can hold; a single file of 2 GiB or more is an error. Files are read in the given order when
 * their batch is built. Lifecycle as for every {@link BatchReader}: batches are new roots owned by the caller.
 * Not thread-safe.
 */
public final class BinaryFilesReader implements BatchReader {

    /** The name of the content column. */
    public static final String BYTES_COLUMN = "bytes";

    /** The name of the path column. */
    public static final String PATH_COLUMN = "path";

    private static final long MAX_BATCH_BYTES = Integer.MAX_VALUE;

    private final List<Path> files;
    private final int filesPerBatch;
    private final boolean includePaths;
    private final BufferAllocator allocator;
    private final Schema schema;
    private final BiConsumer<Path, IOException> unreadable;
    private int nextFile;

    private BinaryFilesReader(List<Path> files, int filesPerBatch, boolean includePaths, BufferAllocator allocator,
            BiConsumer<Path, IOException> unreadable) {
        this.files = files;
        this.filesPerBatch = filesPerBatch;
        this.includePaths = includePaths;
        this.allocator = allocator;
        this.unreadable = unreadable;
        this.schema = schema(includePaths);
    }

    /**
     * Creates a reader of the given files; nothing is read yet.
     *
     * @param files the files, in the order of the rows
     * @param filesPerBatch the most files in one batch, at least 1
     * @param includePaths whether to add the {@code path} column
     * @param allocator where batches are allocated (borrowed; must outlive the batches)
     * @return the reader
     */
    public static BinaryFilesReader open(List<Path> files, int filesPerBatch, boolean includePaths,
            BufferAllocator allocator) {
        return open(files, filesPerBatch, includePaths, allocator, null);
    }

    /**
     * Creates a reader of the given files that leaves out the files it cannot read, reporting each, instead of
     * failing on the first.
     *
     * @param files the files, in the order of the rows
     * @param filesPerBatch the most files in one batch, at least 1
     * @param includePaths whether to add the {@code path} column
     * @param allocator where batches are allocated (borrowed; must outlive the batches)
     * @param unreadable told of each file left out and why; null to fail instead
     * @return the reader
     */
    public static BinaryFilesReader open(List<Path> files, int filesPerBatch, boolean includePaths,
            BufferAllocator allocator, BiConsumer<Path, IOException> unreadable) {
        requireNonNull(files, "files");
        requireNonNull(allocator, "allocator");
        if (filesPerBatch < 1) {
            throw new IllegalArgumentException("filesPerBatch must be at least 1, got " + filesPerBatch);
        }
        return new BinaryFilesReader(List.copyOf(files), filesPerBatch, includePaths, allocator, unreadable);
    }

    /**
     * Returns the schema of the batches: {@code bytes} (binary) and, if included, {@code path} (utf8).
     *
     * @param includePaths whether the path column is included
     * @return the schema
     */
    public static Schema schema(boolean includePaths) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(BYTES_COLUMN, FieldType.nullable(ArrowType.Binary.INSTANCE), null));
        if (includePaths) {
            fields.add(new Field(PATH_COLUMN, FieldType.nullable(ArrowType.Utf8.INSTANCE), null));
        }
        return new Schema(fields);
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public Optional<VectorSchemaRoot> next() throws IOException {
        if (nextFile == files.size()) {
            return Optional.empty();
        }
        return BatchReader.nextBatch(schema, allocator, this::fill);
    }

    private int fill(VectorSchemaRoot root) throws IOException {
        VarBinaryVector bytes = (VarBinaryVector) root.getVector(BYTES_COLUMN);
        VarCharVector paths = includePaths ? (VarCharVector) root.getVector(PATH_COLUMN) : null;
        root.allocateNew();
        long batchBytes = 0;
        int count = 0;
        while (count < filesPerBatch && nextFile < files.size()) {
            Path file = files.get(nextFile);
            long size;
            byte[] content;
            try {
                boolean compressed = CompressedInput.codecOf(file).isPresent();
                size = compressed ? CompressedInput.estimatedTextBytes(file) : Files.size(file);
                if (size >= MAX_BATCH_BYTES && !compressed) {
                    throw new IOException(file + ": " + size + " bytes is too large for one binary value (2 GiB)");
                }
                if (count > 0 && batchBytes + size > MAX_BATCH_BYTES) {
                    break;
                }
                content = compressed ? decompressed(file) : Files.readAllBytes(file);
            } catch (IOException failure) {
                if (unreadable == null) {
                    throw failure;
                }
                unreadable.accept(file, failure);
                nextFile++;
                continue;
            }
            bytes.setSafe(count, content);
            if (paths != null) {
                paths.setSafe(count, file.toString().getBytes(StandardCharsets.UTF_8));
            }
            batchBytes += content.length;
            count++;
            nextFile++;
        }
        return count;
    }

    /** Reads a compressed file's content, as Ray Data does for names ending in a codec's extension. */
    private static byte[] decompressed(Path file) throws IOException {
        try (InputStream input = CompressedInput.open(file)) {
            int limit = Integer.MAX_VALUE - 16;
            byte[] content = input.readNBytes(limit);
            if (content.length >= limit) {
                throw new IOException(file + ": its content is too large for one binary value (2 GiB)");
            }
            return content;
        }
    }

    @Override
    public void close() {
        nextFile = files.size();
    }
}
