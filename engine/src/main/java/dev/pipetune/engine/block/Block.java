package dev.pipetune.engine.block;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * A block: one Arrow record batch flowing between operators, with exactly one owner at a time.
 *
 * <p>Lifecycle: whoever holds a block either hands it on (to a queue, a task, a sink) or {@linkplain #close closes}
 * it; closing releases its buffers (slices taken earlier keep the memory they share alive). A block remembers its
 * origin, typically the input file its rows came from, so errors can name it. Not thread-safe: one owner at a time.
 *
 * <p>Dictionary-encoded blocks: some columns of the batch may be 32-bit indices (fields carrying a
 * {@link DictionaryEncoding}) into dictionary vectors that the block owns with the batch ({@link #dictionaries()}).
 * Operators that understand them (the group-by aggregate, {@code with_columns}, {@code filter} and
 * {@code write_parquet}) read such a block through {@link #encodedRoot()}; for every other consumer
 * {@link #root()} decodes the encoded columns (once, kept with the block), so that none mistakes indices for values.
 * {@link #schema()} always describes the decoded columns.
 */
public final class Block implements AutoCloseable {

    private final VectorSchemaRoot root;
    private final String origin;
    /** The 0-based row, in the origin file, of the first row; -1 when the rows are not a run of one file's rows. */
    private final long firstRow;
    private final Map<Long, Dictionary> dictionaries;
    private final long sizeBytes;
    /** The batch with every encoded column decoded, made by the first {@link #root()} of an encoded block. */
    private VectorSchemaRoot decoded;
    private boolean closed;

    /**
     * Wraps a record batch; the block takes ownership of it.
     *
     * @param root the batch, now owned by the block
     * @param origin where its rows come from (an input file, or a description), for error messages
     */
    public Block(VectorSchemaRoot root, String origin) {
        this(root, Map.of(), origin);
    }

    /**
     * Wraps a record batch whose dictionary-encoded columns index into {@code dictionaries}; the block takes
     * ownership of the batch and of every dictionary vector.
     *
     * @param root the batch, now owned by the block
     * @param dictionaries the dictionaries of its encoded columns by encoding id, now owned by the block
     * @param origin where its rows come from (an input file, or a description), for error messages
     * @throws IllegalArgumentException if an encoded column's dictionary is missing
     */
    public Block(VectorSchemaRoot root, Map<Long, Dictionary> dictionaries, String origin) {
        this(root, dictionaries, origin, -1);
    }

    /**
     * Wraps a record batch whose rows are consecutive rows of one input file, so that errors can name a row of the
     * file; otherwise as {@link #Block(VectorSchemaRoot, Map, String)}.
     *
     * @param root the batch, now owned by the block
     * @param dictionaries the dictionaries of its encoded columns by encoding id, now owned by the block
     * @param origin the input file, for error messages
     * @param firstRow the 0-based row of the file that is the batch's first row; -1 when unknown
     * @throws IllegalArgumentException if an encoded column's dictionary is missing
     */
    public Block(VectorSchemaRoot root, Map<Long, Dictionary> dictionaries, String origin, long firstRow) {
        this.root = requireNonNull(root, "root");
        this.origin = requireNonNull(origin, "origin");
        this.firstRow = Math.max(-1, firstRow);
        this.dictionaries = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(dictionaries,
                "dictionaries")));
        long bytes = 0;
        for (FieldVector vector : root.getFieldVectors()) {
            bytes += vector.getBufferSize();
            DictionaryEncoding encoding = vector.getField().getDictionary();
            if (encoding != null && !dictionaries.containsKey(encoding.getId())) {
                throw new IllegalArgumentException("column '" + vector.getName() + "' is dictionary encoded (id "
                        + encoding.getId() + ") but the block has no such dictionary");
            }
        }
        for (Dictionary dictionary : dictionaries.values()) {
            bytes += dictionary.getVector().getBufferSize();
        }
        this.sizeBytes = bytes;
    }

    /** Returns the number of rows. */
    public int rows() {
        return root.getRowCount();
    }

    /** Returns the bytes its buffers hold, as counted against the object-store budget. */
    public long sizeBytes() {
        return sizeBytes;
    }

    /** Returns the column layout, each dictionary-encoded column described by its values' type. */
    public Schema schema() {
        return decodedSchema();
    }

    /**
     * Returns the record batch with plain columns; it stays owned by this block. For a dictionary-encoded block the
     * first call decodes the encoded columns into new vectors that the block keeps (and frees when closed).
     */
    public VectorSchemaRoot root() {
        checkOpen();
        if (dictionaries.isEmpty()) {
            return root;
        }
        if (decoded == null) {
            decoded = decode();
        }
        return decoded;
    }

    private VectorSchemaRoot decode() {
        List<FieldVector> vectors = new ArrayList<>(root.getFieldVectors().size());
        try {
            for (FieldVector vector : root.getFieldVectors()) {
                DictionaryEncoding encoding = vector.getField().getDictionary();
                vectors.add(encoding == null ? share(vector, 0, root.getRowCount(), vector.getAllocator())
                        : decode(vector, dictionaries.get(encoding.getId()).getVector()));
            }
        } catch (RuntimeException failure) {
            vectors.forEach(FieldVector::close);
            throw failure;
        }
        return new VectorSchemaRoot(decodedSchema(), vectors, root.getRowCount());
    }

    /**
     * Returns the record batch, whose dictionary-encoded columns (if any) index into {@link #dictionaries()}; it
     * stays owned by this block.
     */
    public VectorSchemaRoot encodedRoot() {
        checkOpen();
        return root;
    }

    /** Returns the dictionaries of the dictionary-encoded columns by encoding id; empty for a plain block. */
    public Map<Long, Dictionary> dictionaries() {
        checkOpen();
        return dictionaries;
    }

    /** Returns whether some column is dictionary encoded. */
    public boolean isDictionaryEncoded() {
        return !dictionaries.isEmpty();
    }

    /**
     * Returns the column layout with each dictionary-encoded column described by its values' type, as a plain block
     * of the same data would have it.
     */
    public Schema decodedSchema() {
        if (dictionaries.isEmpty()) {
            return root.getSchema();
        }
        List<Field> fields = new ArrayList<>();
        for (Field field : root.getSchema().getFields()) {
            DictionaryEncoding encoding = field.getDictionary();
            fields.add(encoding == null ? field : new Field(field.getName(), new FieldType(field.isNullable(),
                    dictionaries.get(encoding.getId()).getVector().getField().getType(), null), null));
        }
        return new Schema(fields);
    }

    /** Returns where the rows come from. */
    public String origin() {
        return origin;
    }

    /**
     * Returns the 0-based row of the origin file that is this block's first row, when the block's rows are
     * consecutive rows of that file (a read's output, sliced or transformed row for row); -1 otherwise.
     */
    public long firstRow() {
        return firstRow;
    }

    /**
     * Decodes a dictionary-encoded column: each row's dictionary value, null where the index is null.
     *
     * @param indices the column's indices, borrowed
     * @param entries the dictionary's values, borrowed
     * @return a new vector named and nullable as the indices' column, of the values' type, from the indices'
     *     allocator; owned by the caller
     */
    public static FieldVector decode(FieldVector indices, FieldVector entries) {
        FieldVector values = (FieldVector) DictionaryEncoder.decode(indices, new Dictionary(entries,
                indices.getField().getDictionary()), indices.getAllocator());
        Field plain = new Field(indices.getName(), new FieldType(indices.getField().isNullable(),
                values.getField().getType(), null), values.getField().getChildren());
        TransferPair pair = values.getTransferPair(plain, indices.getAllocator());
        pair.transfer();
        FieldVector renamed = (FieldVector) pair.getTo();
        renamed.setValueCount(indices.getValueCount());
        values.close();
        return renamed;
    }

    /**
     * Shares dictionaries into another allocator: each dictionary's values in a new vector sharing their buffers,
     * under the same encoding.
     *
     * @param dictionaries the dictionaries by encoding id, borrowed
     * @param allocator the new vectors' allocator
     * @return the shared dictionaries, in the same order, owned by the caller (none are left open on failure)
     */
    public static Map<Long, Dictionary> share(Map<Long, Dictionary> dictionaries, BufferAllocator allocator) {
        Map<Long, Dictionary> shared = new LinkedHashMap<>();
        try {
            for (Map.Entry<Long, Dictionary> entry : dictionaries.entrySet()) {
                FieldVector values = entry.getValue().getVector();
                shared.put(entry.getKey(), new Dictionary(share(values, 0, values.getValueCount(), allocator),
                        entry.getValue().getEncoding()));
            }
            return shared;
        } catch (RuntimeException failure) {
            shared.values().forEach(dictionary -> dictionary.getVector().close());
            throw failure;
        }
    }

    /**
     * Returns rows {@code [offset, offset + length)} as a new block owned by {@code allocator}. The data is shared
     * with this block (zero-copy) where Arrow allows; this block stays open and owned by the caller.
     *
     * @param offset the first row
     * @param length how many rows
     * @param allocator the new block's allocator
     * @return the slice
     */
    public Block slice(int offset, int length, BufferAllocator allocator) {
        checkOpen();
        if (offset < 0 || length < 0 || offset + length > rows()) {
            throw new IndexOutOfBoundsException("slice [" + offset + ", " + (offset + length) + ") of " + rows()
                    + " rows");
        }
        List<FieldVector> vectors = new ArrayList<>(root.getFieldVectors().size());
        Map<Long, Dictionary> sharedDictionaries;
        try {
            for (FieldVector vector : root.getFieldVectors()) {
                vectors.add(share(vector, offset, length, allocator));
            }
            sharedDictionaries = share(dictionaries, allocator);
        } catch (RuntimeException failure) {
            vectors.forEach(FieldVector::close);
            throw failure;
        }
        VectorSchemaRoot slice = new VectorSchemaRoot(root.getSchema(), vectors, length);
        return new Block(slice, sharedDictionaries, origin, firstRow < 0 ? -1 : firstRow + offset);
    }

    /**
     * Returns rows {@code [offset, offset + length)} of a vector as a new vector sharing its buffers (zero-copy where
     * Arrow allows); the source vector stays open and owned by its caller.
     *
     * @param vector the source vector
     * @param offset the first row
     * @param length how many rows
     * @param allocator the new vector's allocator
     * @return the new vector, owned by the caller
     */
    public static FieldVector share(FieldVector vector, int offset, int length, BufferAllocator allocator) {
        boolean nested = !vector.getChildrenFromFields().isEmpty();
        if ((vector instanceof BitVector || nested) && vector.getAllocator() != allocator) {
            // Arrow's split-and-transfer of a BitVector, and of a nested vector's validity (and its children's
            // bits), retains slices of the source's buffers without moving their accounting to the target
            // allocator, so the source's allocator would close with them outstanding (a leak when the executor
            // hands the last operator's blocks to the caller). Copy such vectors instead.
            FieldVector copy = vector.getField().createVector(allocator);
            try {
                copy.setInitialCapacity(Math.max(length, 1));
                copy.allocateNew();
                for (int row = 0; row < length; row++) {
                    copy.copyFromSafe(offset + row, row, vector);
                }
                copy.setValueCount(length);
                return copy;
            } catch (RuntimeException | Error failure) {
                copy.close();
                throw failure;
            }
        }
        TransferPair pair = vector.getTransferPair(allocator);
        if (length > 0) {
            pair.splitAndTransfer(offset, length);
        }
        FieldVector target = (FieldVector) pair.getTo();
        target.setValueCount(length);
        return target;
    }

    /** Releases the buffers; closing twice is harmless. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                root.close();
                if (decoded != null) {
                    decoded.close();
                }
            } finally {
                dictionaries.values().forEach(dictionary -> dictionary.getVector().close());
            }
        }
    }

    /** Returns whether the block was closed. */
    public boolean isClosed() {
        return closed;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("block from " + origin + " is closed");
        }
    }

    @Override
    public String toString() {
        return "Block[" + rows() + " rows, " + sizeBytes + " bytes, from " + origin + "]";
    }
}
