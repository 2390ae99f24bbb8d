package dev.pipetune.engine.io.parquet;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;

/**
 * PLAIN-encodes values of one fixed width: whole ranges of an Arrow data buffer are copied at once when the rows
 * hold no null and need no conversion, otherwise the rows are copied to the heap once and converted in a loop.
 * Subclasses convert and keep the statistics.
 */
abstract sealed class FixedWidthEncoder extends ValueEncoder
        permits IntEncoder, LongEncoder, FloatEncoder, DoubleEncoder, FixedLengthEncoder {

    /** The current page's encoded values. */
    protected final ByteSink values;
    private final int width;
    private byte[] scratch = new byte[1 << 12];

    /**
     * Creates an encoder.
     *
     * @param pageLimit the page size in bytes
     * @param width the encoded width of one value
     */
    FixedWidthEncoder(int pageLimit, int width) {
        super(pageLimit);
        this.width = width;
        this.values = new ByteSink(Math.min(pageLimit, 1 << 20) + width);
    }

    @Override
    final int append(FieldVector vector, SliceValidity validity, int from, int to) {
        long room = Math.max(1, (pageLimit - (long) values.size() + width - 1) / width);
        int end = (int) Math.min(to, from + room);
        int start = values.size();
        write(vector, validity, from, end);
        observe(values.array(), start, values.size());
        return end;
    }

    /**
     * Appends the non-null values of rows {@code [from, to)} to {@link #values}.
     *
     * @param vector the vector
     * @param validity the rows' validity, or {@code null} when none is null
     * @param from the first row
     * @param to the row after the last
     */
    abstract void write(FieldVector vector, SliceValidity validity, int from, int to);

    /**
     * Updates the page's statistics with values just written.
     *
     * @param bytes the page's bytes
     * @param from the offset of the first new value
     * @param to the offset after the last
     */
    abstract void observe(byte[] bytes, int from, int to);

    /**
     * Adds the page's minimum, maximum and NaN count to statistics.
     *
     * @param statistics the page's statistics
     */
    abstract void addStatistics(Statistics<?> statistics);

    /** Forgets the page's statistics. */
    abstract void clearStatistics();

    @Override
    final long pageBytes() {
        return values.size();
    }

    @Override
    final PageValues encodePage(Statistics<?> statistics) {
        addStatistics(statistics);
        return new PageValues(values.view(), Encoding.PLAIN);
    }

    @Override
    final void clearPage() {
        values.reset();
        clearStatistics();
    }

    /**
     * Appends rows whose Arrow layout is already the encoded one ({@code width} little-endian bytes each).
     *
     * @param data the data buffer
     * @param validity the rows' validity, or {@code null}
     * @param from the first row
     * @param to the row after the last
     */
    protected final void copyRows(ArrowBuf data, SliceValidity validity, int from, int to) {
        if (validity == null) {
            values.putFrom(data, (long) from * width, (to - from) * width);
            return;
        }
        byte[] source = load(data, from, to, width);
        int position = values.reserve((to - from) * width);
        byte[] out = values.array();
        for (int row = from; row < to; row++) {
            if (validity.isValid(row)) {
                System.arraycopy(source, (row - from) * width, out, position, width);
                position += width;
            }
        }
        values.truncate(position);
    }

    /**
     * Copies rows of a data buffer to a heap array, row {@code r} at {@code (r - from) * sourceWidth}.
     *
     * @param data the data buffer
     * @param from the first row
     * @param to the row after the last
     * @param sourceWidth the bytes per row in the buffer
     * @return the array (reused by the next call)
     */
    protected final byte[] load(ArrowBuf data, int from, int to, int sourceWidth) {
        int length = (to - from) * sourceWidth;
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        data.getBytes((long) from * sourceWidth, scratch, 0, length);
        return scratch;
    }

    /**
     * Reserves room for the rows' values; the caller stores them and then calls {@link ByteSink#truncate}.
     *
     * @param rows the number of rows
     * @return the offset of the first value in {@link #values}' array
     */
    protected final int reserveRows(int rows) {
        return values.reserve(rows * width);
    }
}
