package dev.pipetune.engine.io.parquet;

import java.util.EnumSet;
import java.util.Set;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/** Decodes one column chunk of a row group into levels and values. */
sealed interface ColumnChunkDecoder permits BulkChunkDecoder, ColumnReaderChunkDecoder {

    /** The encodings {@link BulkChunkDecoder} decodes (level encodings included). */
    Set<Encoding> BULK_ENCODINGS = EnumSet.of(Encoding.PLAIN, Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY,
            Encoding.RLE, Encoding.BIT_PACKED);

    /**
     * Decodes a column chunk.
     *
     * @param column the column
     * @param pages the row group's pages
     * @return the chunk's levels and non-null values
     */
    LeafData decode(ColumnDescriptor column, PageReadStore pages);

    /**
     * Tells whether the bulk decoder handles every encoding a column chunk uses.
     *
     * @param metadata the chunk's metadata
     * @return {@code true} when {@link BulkChunkDecoder} can decode it
     */
    static boolean isBulkDecodable(ColumnChunkMetaData metadata) {
        return BULK_ENCODINGS.containsAll(metadata.getEncodings());
    }

    /**
     * Returns the bytes one value of a physical type takes in a {@link ValueBuffer}.
     *
     * @param column the column
     * @return the width, or 0 for variable-width values
     */
    static int valueWidth(ColumnDescriptor column) {
        PrimitiveTypeName type = column.getPrimitiveType().getPrimitiveTypeName();
        return switch (type) {
            case BOOLEAN -> 1;
            case INT32, FLOAT -> 4;
            case INT64, DOUBLE -> 8;
            case INT96 -> 12;
            case FIXED_LEN_BYTE_ARRAY -> column.getPrimitiveType().getTypeLength();
            case BINARY -> 0;
        };
    }

    /**
     * Creates an empty value buffer and level arrays sized for a column chunk.
     *
     * @param column the column
     * @param levelCount the chunk's number of level entries
     * @return empty leaf data
     */
    static LeafData newLeafData(ColumnDescriptor column, long levelCount) {
        if (levelCount < 0 || levelCount > Integer.MAX_VALUE - 16) {
            throw new CorruptDataException("column chunk claims " + levelCount + " values");
        }
        int count = (int) levelCount;
        int width = valueWidth(column);
        ValueBuffer values = width == 0 ? ValueBuffer.variable(count, count * 8L > Integer.MAX_VALUE / 2
                ? Integer.MAX_VALUE / 4 : count * 8) : ValueBuffer.fixed(width, count);
        return new LeafData(count, column.getMaxDefinitionLevel(), column.getMaxRepetitionLevel(), values);
    }
}
