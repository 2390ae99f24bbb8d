package dev.pipetune.engine.io.parquet;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes a column chunk value by value through parquet-java's {@link ColumnReader}: the fallback for encodings
 * the bulk decoder does not handle (delta, byte-stream-split), and a reference implementation in tests. Values are
 * re-encoded as PLAIN in batches of {@value #BATCH} entries and written through the same {@link LeafColumnBuilder}
 * as the bulk decoder's pages.
 */
record ColumnReaderChunkDecoder(MessageType schema, String createdBy) implements ColumnChunkDecoder {

    private static final int BATCH = 4096;

    ColumnReaderChunkDecoder {
        requireNonNull(schema, "schema");
        createdBy = createdBy == null ? "" : createdBy;
    }

    @Override
    public LeafColumn decode(LeafNode leaf, PageReadStore pages, ChunkOptions options) {
        ColumnDescriptor column = leaf.descriptor();
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages,
                new DummyRecordConverter(schema).getRootConverter(), schema, createdBy);
        ColumnReader reader = store.getColumnReader(column);
        long total = reader.getTotalValueCount();
        try (LeafColumnBuilder builder = new LeafColumnBuilder(leaf, total, options.keepLevels(), options.sizeHint(),
                options.allocator(), options.scratch())) {
            PrimitiveTypeName type = column.getPrimitiveType().getPrimitiveTypeName();
            int maxDefinition = column.getMaxDefinitionLevel();
            int width = type == PrimitiveTypeName.INT96 ? 12 : column.getPrimitiveType().getTypeLength();
            ByteBuffer plain = ByteBuffer.allocate(BATCH * 16).order(ByteOrder.LITTLE_ENDIAN);
            int[] booleans = new int[BATCH];
            long remaining = total;
            while (remaining > 0) {
                int count = (int) Math.min(BATCH, remaining);
                builder.prepareLevels(count);
                int[] definitions = builder.definitionLevels();
                int[] repetitions = builder.repetitionLevels();
                int offset = builder.levelOffset();
                plain.clear();
                int present = 0;
                for (int i = 0; i < count; i++) {
                    int definition = reader.getCurrentDefinitionLevel();
                    if (definitions != null) {
                        definitions[offset + i] = definition;
                    }
                    if (repetitions != null) {
                        repetitions[offset + i] = reader.getCurrentRepetitionLevel();
                    }
                    if (definition == maxDefinition) {
                        if (type == PrimitiveTypeName.BOOLEAN) {
                            booleans[present] = reader.getBoolean() ? 1 : 0;
                        } else {
                            plain = appendPlain(plain, reader, type, width);
                        }
                        present++;
                    }
                    reader.consume();
                }
                // The builder counts the same non-null entries (or none, for a null vector).
                if (builder.addPage(count, false) > 0) {
                    if (type == PrimitiveTypeName.BOOLEAN) {
                        builder.booleanValues(booleans);
                    } else {
                        builder.plainValues(plain.flip());
                    }
                }
                remaining -= count;
            }
            return builder.build();
        }
    }

    /** Appends the reader's current value, PLAIN encoded, growing the buffer when needed. */
    private static ByteBuffer appendPlain(ByteBuffer plain, ColumnReader reader, PrimitiveTypeName type,
            int width) {
        ByteBuffer target = plain;
        switch (type) {
            case INT32 -> target = room(target, Integer.BYTES).putInt(reader.getInteger());
            case INT64 -> target = room(target, Long.BYTES).putLong(reader.getLong());
            case FLOAT -> target = room(target, Float.BYTES).putFloat(reader.getFloat());
            case DOUBLE -> target = room(target, Double.BYTES).putDouble(reader.getDouble());
            case INT96, FIXED_LEN_BYTE_ARRAY -> {
                Binary binary = reader.getBinary();
                if (binary.length() != width) {
                    throw new CorruptDataException("a fixed-length value has " + binary.length()
                            + " bytes instead of " + width);
                }
                target = room(target, width).put(binary.toByteBuffer());
            }
            case BINARY -> {
                Binary binary = reader.getBinary();
                target = room(target, Integer.BYTES + binary.length()).putInt(binary.length())
                        .put(binary.toByteBuffer());
            }
            default -> throw new IllegalStateException("unexpected type " + type);
        }
        return target;
    }

    private static ByteBuffer room(ByteBuffer buffer, int bytes) {
        if (buffer.remaining() >= bytes) {
            return buffer;
        }
        long size = Math.max(buffer.capacity() * 2L, (long) buffer.position() + bytes);
        if (size > ArrowSegments.MAX_BUFFER_BYTES) {
            throw new CorruptDataException("a batch of values exceeds 2 GiB");
        }
        ByteBuffer grown = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        return grown.put(buffer.flip());
    }
}
