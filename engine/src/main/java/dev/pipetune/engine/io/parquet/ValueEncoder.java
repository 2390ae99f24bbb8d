package dev.pipetune.engine.io.parquet;

import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Encodes the non-null values of one column's data pages straight from Arrow vectors and computes each page's
 * minimum and maximum in the same pass.
 *
 * <p>The protocol, driven by {@link ColumnChunkWriter}: {@link #append} rows until {@link #pageBytes()} reaches the
 * page size or {@link #pageMustEnd()}, then {@link #encodePage}, then {@link #clearPage()}; once per column chunk
 * {@link #dictionaryPage()} and {@link #startChunk()}.
 */
abstract sealed class ValueEncoder permits FixedWidthEncoder, BooleanEncoder, BinaryEncoder {

    /**
     * The bytes a page buffer starts with; it grows to the page size as values arrive. Wide tables have one encoder
     * per column, so buffers of the full page size up front (1 MiB by default) would take a gigabyte of heap for a
     * thousand columns of a few rows.
     */
    static final int INITIAL_PAGE_CAPACITY = 1 << 14;

    /** The uncompressed page size the encoder aims for, in bytes. */
    protected final int pageLimit;

    ValueEncoder(int pageLimit) {
        this.pageLimit = pageLimit;
    }

    /**
     * Creates the encoder for a column.
     *
     * @param column the column
     * @param pageLimit the page size in bytes
     * @param dictionaryEncoding whether strings, binary and 4- or 8-byte numbers may be dictionary-encoded
     * @return the encoder
     */
    static ValueEncoder forColumn(WriteColumn column, int pageLimit, boolean dictionaryEncoding) {
        PrimitiveType type = column.type();
        boolean unsigned = type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation
                integer && !integer.isSigned();
        return switch (column.conversion()) {
            case BOOLEAN -> new BooleanEncoder(pageLimit);
            case INT8, UINT8, INT16, UINT16, INT32, DECIMAL_INT32 -> new IntEncoder(pageLimit, column.conversion(),
                    unsigned, dictionaryEncoding);
            case INT64, DECIMAL_INT64 -> new LongEncoder(pageLimit, column.conversion(), unsigned, dictionaryEncoding);
            case FLOAT -> new FloatEncoder(pageLimit, dictionaryEncoding);
            case DOUBLE -> new DoubleEncoder(pageLimit, dictionaryEncoding);
            case BINARY -> new BinaryEncoder(pageLimit, dictionaryEncoding);
            case FIXED -> new FixedLengthEncoder(pageLimit, type.getTypeLength(), column.conversion(),
                    type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation
                            ? FixedLengthEncoder.Order.FLOAT16 : FixedLengthEncoder.Order.UNSIGNED_BYTES);
            case DECIMAL_FIXED -> new FixedLengthEncoder(pageLimit, type.getTypeLength(), column.conversion(),
                    FixedLengthEncoder.Order.SIGNED_BIG_ENDIAN);
        };
    }

    /**
     * Appends the non-null values of rows {@code [from, to)}, stopping early once the page holds about
     * {@link #pageLimit} bytes.
     *
     * @param vector the vector
     * @param validity the rows' validity, or {@code null} when none of them is null
     * @param from the first row
     * @param to the row after the last
     * @return the row after the last one consumed; greater than {@code from} whenever the page is empty
     */
    abstract int append(FieldVector vector, SliceValidity validity, int from, int to);

    /** Returns the size of the current page's encoded values in bytes (an estimate while the page is open). */
    abstract long pageBytes();

    /** Tells whether the current page must end before more rows are appended (a dictionary filled up). */
    boolean pageMustEnd() {
        return false;
    }

    /**
     * Encodes the current page's values and adds their minimum and maximum (and NaN count) to statistics.
     *
     * @param statistics the page's statistics, without values yet
     * @return the encoded values, valid until {@link #clearPage()}
     */
    abstract PageValues encodePage(Statistics<?> statistics);

    /** Empties the current page. */
    abstract void clearPage();

    /**
     * Returns the dictionary page's content when some page of the chunk used the dictionary.
     *
     * @return the PLAIN-encoded entries, or {@code null}
     */
    ByteSink dictionaryPage() {
        return null;
    }

    /** Returns the number of dictionary entries, when {@link #dictionaryPage()} is not {@code null}. */
    int dictionarySize() {
        return 0;
    }

    /** Returns the bytes the chunk's dictionary takes. */
    long dictionaryBytes() {
        return 0;
    }

    /** Forgets the chunk's dictionary before the next column chunk. */
    void startChunk() {
    }
}
