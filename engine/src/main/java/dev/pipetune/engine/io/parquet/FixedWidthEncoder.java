package dev.pipetune.engine.io.parquet;

import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;

/**
 * Encodes values of one fixed width. Values are first PLAIN-encoded into the page: whole ranges of an Arrow data
 * buffer are copied at once when the rows hold no null and need no conversion, otherwise the rows are copied to the
 * heap once and converted in a loop. Subclasses convert and keep the statistics.
 *
 * <p>With dictionary encoding on (4- and 8-byte values), a column chunk starts in dictionary mode: every value is
 * also looked up in a {@link FixedWidthDictionary} and the page is written as RLE_DICTIONARY ids, as pyarrow and
 * parquet-java write low-cardinality numbers. The chunk turns to PLAIN pages for good, as {@link BinaryEncoder}'s
 * strings do, when its first page holds mostly distinct values (decided after {@value #PROBE_VALUES} values, or at
 * the end of a shorter page; that page is then written PLAIN, and the chunk gets no dictionary) or when the
 * dictionary would outgrow the page size (later pages PLAIN).
 */
abstract sealed class FixedWidthEncoder extends ValueEncoder
        permits IntEncoder, LongEncoder, FloatEncoder, DoubleEncoder, FixedLengthEncoder {

    /** Values a chunk's first page holds before the encoder judges whether a dictionary pays off. */
    static final int PROBE_VALUES = 4096;

    private enum Mode { DICTIONARY, PLAIN }

    /** The current page's values, PLAIN-encoded (in dictionary mode too, until the page is encoded). */
    protected final ByteSink values;
    private final int width;
    private byte[] scratch = new byte[1 << 12];

    private final FixedWidthDictionary dictionary;
    private final ByteSink encodedIds = new ByteSink(1 << 12);
    private Mode mode;
    private boolean chunkUsesDictionary;
    private boolean firstPage;
    private boolean dictionaryFull;
    /** The current page's dictionary ids (dictionary mode). */
    private int[] ids = new int[1 << 12];
    private int idCount;

    /**
     * Creates an encoder.
     *
     * @param pageLimit the page size in bytes, and the most bytes a chunk's dictionary may take
     * @param width the encoded width of one value
     * @param dictionaryEnabled whether to try dictionary encoding (only for widths of 4 and 8 bytes)
     */
    FixedWidthEncoder(int pageLimit, int width, boolean dictionaryEnabled) {
        super(pageLimit);
        this.width = width;
        this.values = new ByteSink(Math.min(pageLimit, ValueEncoder.INITIAL_PAGE_CAPACITY) + width);
        this.dictionary = dictionaryEnabled && (width == Integer.BYTES || width == Long.BYTES)
                ? new FixedWidthDictionary(width) : null;
        startChunk();
    }

    @Override
    final void startChunk() {
        if (dictionary != null) {
            dictionary.clear();
        }
        mode = dictionary != null ? Mode.DICTIONARY : Mode.PLAIN;
        chunkUsesDictionary = false;
        firstPage = true;
        dictionaryFull = false;
        values.reset();
        idCount = 0;
    }

    @Override
    final int append(FieldVector vector, SliceValidity validity, int from, int to) {
        long room = mode == Mode.PLAIN ? Math.max(1, (pageLimit - (long) values.size() + width - 1) / width)
                // Ids take at most 32 bits each.
                : Math.max(1, (pageLimit - pageBytes()) * Byte.SIZE / Integer.SIZE);
        int end = (int) Math.min(to, from + room);
        if (mode == Mode.DICTIONARY) {
            long entryRoom = pageLimit / width - (long) dictionary.size();
            if (entryRoom > 0) {
                end = (int) Math.min(end, from + entryRoom);
            } else if (values.size() > 0) {
                dictionaryFull = true;
                return from;
            } else {
                // The dictionary filled up with the previous page: this page, and the rest of the chunk, is PLAIN.
                mode = Mode.PLAIN;
            }
        }
        int start = values.size();
        write(vector, validity, from, end);
        observe(values.array(), start, values.size());
        if (mode == Mode.DICTIONARY) {
            assignIds(start);
        }
        return end;
    }

    /** Gives the values from offset {@code start} of the page their dictionary ids. */
    private void assignIds(int start) {
        int count = (values.size() - start) / width;
        if (ids.length < idCount + count) {
            ids = Arrays.copyOf(ids, Math.max(idCount + count, ids.length * 2));
        }
        dictionary.assign(values.array(), start, values.size(), ids, idCount);
        idCount += count;
        if (idCount >= PROBE_VALUES && mostlyDistinct()) {
            // The page's values are PLAIN already: drop the ids and write the chunk PLAIN from this page on.
            mode = Mode.PLAIN;
        }
    }

    /** Whether the chunk's first page, before any dictionary page was written, holds mostly distinct values. */
    private boolean mostlyDistinct() {
        return firstPage && !chunkUsesDictionary && dictionary.size() * 2L > idCount;
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
        if (mode == Mode.PLAIN) {
            return values.size();
        }
        return ((long) idCount * RleBitPackedEncoder.bitWidth(dictionary.size()) + 7) / Byte.SIZE;
    }

    @Override
    final boolean pageMustEnd() {
        return dictionaryFull;
    }

    @Override
    final PageValues encodePage(Statistics<?> statistics) {
        addStatistics(statistics);
        if (mode == Mode.DICTIONARY && mostlyDistinct()) {
            mode = Mode.PLAIN;
        }
        if (mode == Mode.PLAIN) {
            return new PageValues(values.view(), Encoding.PLAIN);
        }
        chunkUsesDictionary = true;
        encodedIds.reset();
        int bitWidth = RleBitPackedEncoder.bitWidth(Math.max(0, dictionary.size() - 1));
        encodedIds.putByte(bitWidth);
        RleBitPackedEncoder.encodeInts(ids, idCount, bitWidth, encodedIds);
        return new PageValues(encodedIds.view(), Encoding.RLE_DICTIONARY);
    }

    @Override
    final void clearPage() {
        if (mode == Mode.DICTIONARY && dictionaryFull) {
            mode = Mode.PLAIN;
        }
        if (idCount > 0 || values.size() > 0) {
            firstPage = false;
        }
        dictionaryFull = false;
        values.reset();
        idCount = 0;
        clearStatistics();
    }

    @Override
    final ByteSink dictionaryPage() {
        return chunkUsesDictionary ? dictionary.entries() : null;
    }

    @Override
    final int dictionarySize() {
        return chunkUsesDictionary ? dictionary.size() : 0;
    }

    @Override
    final long dictionaryBytes() {
        return mode == Mode.DICTIONARY || chunkUsesDictionary ? dictionary.byteSize() : 0;
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
