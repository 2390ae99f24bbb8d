package dev.pipetune.engine.io.parquet;

import static java.util.Objects.requireNonNull;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * Decodes a column chunk value by value through parquet-java's {@link ColumnReader}: the fallback for encodings
 * the bulk decoder does not handle (delta, byte-stream-split), and a reference implementation in tests.
 */
record ColumnReaderChunkDecoder(MessageType schema, String createdBy) implements ColumnChunkDecoder {

    ColumnReaderChunkDecoder {
        requireNonNull(schema, "schema");
        createdBy = createdBy == null ? "" : createdBy;
    }

    @Override
    public LeafData decode(ColumnDescriptor column, PageReadStore pages) {
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages,
                new DummyRecordConverter(schema).getRootConverter(), schema, createdBy);
        ColumnReader reader = store.getColumnReader(column);
        long total = reader.getTotalValueCount();
        LeafData leaf = ColumnChunkDecoder.newLeafData(column, total);
        int[] definitionLevels = leaf.definitionLevels();
        int[] repetitionLevels = leaf.repetitionLevels();
        int maxDefinition = column.getMaxDefinitionLevel();
        ValueBuffer values = leaf.values();
        int width = values.width();
        for (int i = 0; i < total; i++) {
            int definition = reader.getCurrentDefinitionLevel();
            if (definitionLevels != null) {
                definitionLevels[i] = definition;
            }
            if (repetitionLevels != null) {
                repetitionLevels[i] = reader.getCurrentRepetitionLevel();
            }
            if (definition == maxDefinition) {
                switch (column.getPrimitiveType().getPrimitiveTypeName()) {
                    case BOOLEAN -> values.appendByte(reader.getBoolean() ? (byte) 1 : (byte) 0);
                    case INT32 -> values.appendInt(reader.getInteger());
                    case INT64 -> values.appendLong(reader.getLong());
                    case FLOAT -> values.appendInt(Float.floatToRawIntBits(reader.getFloat()));
                    case DOUBLE -> values.appendLong(Double.doubleToRawLongBits(reader.getDouble()));
                    case INT96, FIXED_LEN_BYTE_ARRAY -> {
                        byte[] bytes = reader.getBinary().getBytesUnsafe();
                        if (bytes.length != width) {
                            throw new CorruptDataException("a fixed-length value has " + bytes.length
                                    + " bytes instead of " + width);
                        }
                        values.appendFixed(bytes, 0);
                    }
                    case BINARY -> {
                        Binary binary = reader.getBinary();
                        byte[] bytes = binary.getBytesUnsafe();
                        values.appendVariable(bytes, 0, bytes.length);
                    }
                    default -> throw new IllegalStateException("unexpected type " + column.getPrimitiveType());
                }
            }
            reader.consume();
            leaf.addLevels(1);
        }
        return leaf;
    }
}
