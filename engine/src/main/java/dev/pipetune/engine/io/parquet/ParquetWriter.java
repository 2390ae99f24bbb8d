package dev.pipetune.engine.io.parquet;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.block.Block;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Writes Arrow batches to a Parquet file, encoding pages straight from the Arrow buffers.
 *
 * <p>Each column's values go to a {@link ColumnChunkWriter}: fixed-width values are copied (or widened) in bulk
 * into PLAIN pages, booleans bit-packed; strings, binary and 4- or 8-byte numbers are dictionary-encoded
 * (RLE_DICTIONARY ids, dictionary page PLAIN) until the dictionary outgrows the page size or does not pay off (a
 * chunk whose first values are mostly distinct), then PLAIN; definition levels of
 * nullable columns are RLE/bit-packed. Pages (data page version 1, about {@link WriteOptions#pageBytes()} bytes
 * uncompressed) carry min, max and null count computed in the same pass, in Parquet's column orders (signed or
 * unsigned integers, unsigned bytes for strings and binary, IEEE 754 total order without NaN for floats). A row
 * group is buffered compressed in memory and written once it reaches {@link WriteOptions#rowGroupBytes()} (or at
 * {@link #endRowGroup()}); parquet-java's {@link ParquetFileWriter} lays out the chunks, page headers, column and
 * offset indexes and the footer.
 *
 * <p>The file is written under a temporary name in the target's directory; {@link #close()} finishes it and renames
 * it to the target atomically, so readers never see a half-written file. {@link #abort()} (or a failure in
 * {@link #write(VectorSchemaRoot)} or {@link #close()}) deletes the temporary file and leaves the target untouched.
 *
 * <p>Flat schemas only: booleans, integers of every width, float16/32/64, strings, binary, fixed-size binary,
 * dates, times, timestamps (ms/us/ns, with or without a time zone) and 128-bit decimals, with nulls. A writer is not
 * thread-safe.
 */
public final class ParquetWriter implements AutoCloseable {

    /** Rows appended to every column before the row group's size is checked. */
    private static final int ROWS_PER_SLICE = 4096;
    private static final int COLUMN_INDEX_TRUNCATE_LENGTH = 64;
    private static final int STATISTICS_TRUNCATE_LENGTH = Integer.MAX_VALUE;
    private static final int MAX_PADDING_BYTES = 0;

    private final Path target;
    private final Path temporary;
    private final Schema schema;
    private final WriteOptions options;
    private final CodecFactory codecs;
    private final ParquetFileWriter fileWriter;
    private final List<ChunkWriter> chunks = new ArrayList<>();
    private long rowGroupRows;
    private State state = State.OPEN;

    private enum State { OPEN, CLOSED, FAILED }

    private ParquetWriter(Path target, Path temporary, Schema schema, WriteOptions options) throws IOException {
        this.target = target;
        this.temporary = temporary;
        this.schema = schema;
        this.options = options;
        List<WriteField> columns = ArrowSchemaMapper.map(schema);
        MessageType parquetSchema = new MessageType("schema", columns.stream().map(WriteField::parquetType)
                .toList());
        this.codecs = new CodecFactory(new PlainParquetConfiguration(), options.pageBytes());
        PageCompressor compressor = new PageCompressor(options.compression().codec(),
                codecs.getCompressor(options.compression().codec()));
        List<ColumnDescriptor> leaves = parquetSchema.getColumns();
        int leaf = 0;
        for (WriteField column : columns) {
            // A flat field or a list of numbers has one leaf; a nested field has one per primitive below it.
            int leafCount = column instanceof NestedWriteColumn nested ? NestedShape.leafPaths(nested.shape()).size()
                    : 1;
            chunks.add(switch (column) {
                case WriteColumn flat -> new ColumnChunkWriter(leaves.get(leaf), ValueEncoder.forColumn(flat,
                        options.pageBytes(), options.dictionaryEncoding()), options.pageBytes(), compressor);
                case ListWriteColumn list -> new ListChunkWriter(leaves.get(leaf), list, options.pageBytes(),
                        compressor);
                case NestedWriteColumn nested -> new NestedChunkWriter(leaves.subList(leaf, leaf + leafCount), nested,
                        options.pageBytes(), compressor);
            });
            leaf += leafCount;
        }
        this.fileWriter = new ParquetFileWriter(new LocalOutputFile(temporary), parquetSchema,
                ParquetFileWriter.Mode.CREATE, options.rowGroupBytes(), MAX_PADDING_BYTES,
                COLUMN_INDEX_TRUNCATE_LENGTH, STATISTICS_TRUNCATE_LENGTH, false);
        fileWriter.start();
    }

    /**
     * Starts writing a file.
     *
     * @param target the file to create or replace when the writer is closed
     * @param schema the schema every batch must have (flat or nested fields)
     * @param options the codec and sizes
     * @return an open writer, which the caller must close or abort
     * @throws IOException when the temporary file cannot be created
     * @throws IllegalArgumentException when the schema has no columns or a field's type cannot be written
     */
    public static ParquetWriter create(Path target, Schema schema, WriteOptions options) throws IOException {
        requireNonNull(target, "target");
        requireNonNull(schema, "schema");
        requireNonNull(options, "options");
        Path absolute = target.toAbsolutePath();
        if (schema.getFields().isEmpty()) {
            throw new IllegalArgumentException("the rows to write have no columns (JSON lines of empty objects, or "
                    + "every column dropped); a Parquet file needs at least one");
        }
        ArrowSchemaMapper.map(schema);
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            return new ParquetWriter(absolute, temporary, schema, options);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /**
     * Returns the file this writer creates on close.
     *
     * @return the target path
     */
    public Path target() {
        return target;
    }

    /**
     * Appends a batch. Its rows go to the current row group, which is flushed once it reaches the configured size.
     *
     * @param batch a batch with the writer's schema; the caller keeps ownership
     * @throws IOException when writing fails; the writer is then aborted
     * @throws IllegalArgumentException when the batch's schema differs or a non-nullable column holds a null; the
     *     writer is then aborted
     */
    public void write(VectorSchemaRoot batch) throws IOException {
        write(batch, Map.of());
    }

    /**
     * Appends a batch whose columns may be dictionary encoded: 32-bit indices whose field carries a
     * {@link DictionaryEncoding} into a dictionary of {@code dictionaries}, standing for the dictionary's values
     * (the writer's schema has the values' type). A string or binary column is written from its indices: each
     * dictionary entry is looked up in the column chunk's dictionary once, not each row's string. Other encoded
     * columns are decoded first. The file is the same as for the decoded batch.
     *
     * @param batch a batch with the writer's schema once decoded; the caller keeps ownership
     * @param dictionaries the dictionaries of its encoded columns by encoding id; the caller keeps ownership
     * @throws IOException when writing fails; the writer is then aborted
     * @throws IllegalArgumentException when the batch's decoded schema differs, a dictionary is missing, or a
     *     non-nullable column holds a null; the writer is then aborted
     */
    public void write(VectorSchemaRoot batch, Map<Long, Dictionary> dictionaries) throws IOException {
        requireNonNull(batch, "batch");
        requireNonNull(dictionaries, "dictionaries");
        checkOpen();
        List<FieldVector> decoded = new ArrayList<>();
        try {
            List<FieldVector> vectors = new ArrayList<>(batch.getFieldVectors());
            FieldVector[] entries = new FieldVector[vectors.size()];
            for (int column = 0; column < vectors.size(); column++) {
                FieldVector vector = vectors.get(column);
                DictionaryEncoding encoding = vector.getField().getDictionary();
                if (encoding == null) {
                    continue;
                }
                Dictionary dictionary = dictionaries.get(encoding.getId());
                if (dictionary == null || !(vector instanceof IntVector)) {
                    throw new IllegalArgumentException("column '" + vector.getName() + "' is dictionary encoded (id "
                            + encoding.getId() + ") but its dictionary or its 32-bit indices are missing");
                }
                FieldVector values = dictionary.getVector();
                if (chunks.get(column) instanceof ColumnChunkWriter && values instanceof BaseVariableWidthVector
                        && values.getNullCount() == 0) {
                    entries[column] = values;
                } else {
                    FieldVector plain = Block.decode(vector, dictionary.getVector());
                    decoded.add(plain);
                    vectors.set(column, plain);
                }
            }
            checkSchema(batch.getSchema(), vectors, entries);
            boolean[] hasNulls = nullsByColumn(vectors);
            int rows = batch.getRowCount();
            for (int from = 0; from < rows; from += ROWS_PER_SLICE) {
                int to = Math.min(rows, from + ROWS_PER_SLICE);
                for (int column = 0; column < chunks.size(); column++) {
                    if (entries[column] != null) {
                        ((ColumnChunkWriter) chunks.get(column)).appendEncoded((IntVector) vectors.get(column),
                                entries[column], hasNulls[column], from, to);
                    } else {
                        chunks.get(column).append(vectors.get(column), hasNulls[column], from, to);
                    }
                }
                rowGroupRows += to - from;
                if (bufferedBytes() >= options.rowGroupBytes()) {
                    flushRowGroup();
                }
            }
        } catch (IOException | RuntimeException e) {
            abortAfter(e);
            throw e;
        } finally {
            decoded.forEach(FieldVector::close);
        }
    }

    /** Checks that the columns, encoded ones read as their dictionaries' values, have the writer's schema. */
    private void checkSchema(Schema batchSchema, List<FieldVector> vectors, FieldVector[] entries) {
        List<Field> fields = new ArrayList<>(vectors.size());
        for (int column = 0; column < vectors.size(); column++) {
            Field field = batchSchema.getFields().get(column);
            if (entries[column] != null) {
                field = new Field(field.getName(), new FieldType(field.isNullable(),
                        entries[column].getField().getType(), null), null);
            } else if (field.getDictionary() != null) {
                field = vectors.get(column).getField();
            }
            fields.add(field);
        }
        Schema actual = new Schema(fields);
        if (!actual.equals(schema)) {
            throw new IllegalArgumentException("batch schema " + actual + " differs from the writer's " + schema);
        }
    }

    /** Tells which columns hold nulls; throws when a non-nullable one does. */
    private boolean[] nullsByColumn(List<FieldVector> vectors) {
        boolean[] hasNulls = new boolean[vectors.size()];
        for (int column = 0; column < vectors.size(); column++) {
            FieldVector vector = vectors.get(column);
            hasNulls[column] = vector.getNullCount() > 0;
            if (hasNulls[column] && !vector.getField().isNullable()) {
                int row = 0;
                while (!vector.isNull(row)) {
                    row++;
                }
                throw new IllegalArgumentException("column '" + vector.getName() + "' is not nullable but row " + row
                        + " is null");
            }
        }
        return hasNulls;
    }

    private long bufferedBytes() {
        long bytes = 0;
        for (ChunkWriter chunk : chunks) {
            bytes += chunk.bufferedBytes();
        }
        return bytes;
    }

    /**
     * Ends the current row group now, whatever its size, so that the next batch starts a new one. With a large
     * {@link WriteOptions#rowGroupBytes()} this gives row groups of an exact number of rows. Does nothing when no
     * row was written since the last row group ended.
     *
     * @throws IOException when writing fails; the writer is then aborted
     * @throws IllegalStateException when the writer is closed or aborted
     */
    public void endRowGroup() throws IOException {
        checkOpen();
        try {
            flushRowGroup();
        } catch (IOException | RuntimeException e) {
            abortAfter(e);
            throw e;
        }
    }

    private void flushRowGroup() throws IOException {
        if (rowGroupRows == 0) {
            return;
        }
        fileWriter.startBlock(rowGroupRows);
        for (ChunkWriter chunk : chunks) {
            chunk.writeChunk(fileWriter);
        }
        fileWriter.endBlock();
        rowGroupRows = 0;
    }

    /**
     * Finishes the file and renames it to the target, replacing any file there.
     *
     * @throws IOException when finishing or renaming fails; the temporary file is then deleted
     */
    @Override
    public void close() throws IOException {
        if (state != State.OPEN) {
            return;
        }
        try {
            flushRowGroup();
            // Parquet keeps only that instants are UTC; the Arrow schema beside it keeps a named zone for pyarrow.
            fileWriter.end(ArrowSchemaMetadata.needsStoredSchema(schema)
                    ? Map.of(ArrowSchemaMetadata.KEY, ArrowSchemaMetadata.encode(schema)) : Map.of());
            codecs.release();
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            state = State.CLOSED;
        } catch (IOException | RuntimeException e) {
            abortAfter(e);
            throw e;
        }
    }

    /** Abandons the file: deletes the temporary file and leaves the target untouched. Safe to call twice. */
    public void abort() {
        if (state != State.OPEN) {
            return;
        }
        abortAfter(null);
    }

    private void abortAfter(Exception failure) {
        state = State.FAILED;
        try {
            chunks.forEach(ChunkWriter::discardChunk);
            fileWriter.abort();
            codecs.release();
        } catch (RuntimeException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
        }
    }

    private void checkOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("the writer for " + target + " is " + state.name().toLowerCase());
        }
    }
}
