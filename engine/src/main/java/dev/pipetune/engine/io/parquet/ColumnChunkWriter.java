package dev.pipetune.engine.io.parquet;

import dev.pipetune.engine.block.Block;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.util.TransferPair;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Buffers one column's pages for the current row group and writes them as a column chunk.
 *
 * <p>Rows are appended straight from Arrow vectors: the {@link ValueEncoder} encodes the non-null values, this
 * class keeps the definition levels (a bit per row for nullable columns, none for required ones) and closes a page
 * once its values reach the page size. A closed page (version 1: levels with a 4-byte length, then values) is
 * compressed at once and kept with its statistics until {@link #writeChunk} hands the chunk to parquet-java's
 * {@link ParquetFileWriter}, which writes page headers, chunk metadata and column and offset indexes.
 */
final class ColumnChunkWriter implements ChunkWriter {

    /**
     * The most rows one page holds, whatever its size: parquet-java's and pyarrow's default page row limit. It keeps
     * page indexes useful to readers that skip pages, and the level and id buffers small (a 1 MiB page of 6-bit
     * dictionary ids would otherwise hold 1.4M rows, its id buffer regrown for every file).
     */
    static final int MAX_ROWS_PER_PAGE = 20_000;

    private final ColumnDescriptor descriptor;
    private final PrimitiveType type;
    private final boolean nullable;
    private final int pageBytes;
    private final ValueEncoder values;
    private final PageCompressor compressor;
    private final BitBuffer levels = new BitBuffer();
    private final ByteSink levelBytes = new ByteSink(1 << 10);
    private final SliceValidity validity = new SliceValidity();
    private final List<EncodedPage> pages = new ArrayList<>();
    private int pageRows;
    private int pageNulls;
    private long chunkRows;
    private long compressedBytes;

    /**
     * Creates a writer for a column.
     *
     * @param descriptor the column
     * @param values its value encoder
     * @param pageBytes the page size in bytes
     * @param compressor the codec
     */
    ColumnChunkWriter(ColumnDescriptor descriptor, ValueEncoder values, int pageBytes, PageCompressor compressor) {
        this.descriptor = descriptor;
        this.type = descriptor.getPrimitiveType();
        this.nullable = descriptor.getMaxDefinitionLevel() > 0;
        this.pageBytes = pageBytes;
        this.values = values;
        this.compressor = compressor;
    }

    /**
     * Appends rows of a vector.
     *
     * @param vector the column's vector
     * @param hasNulls whether the vector holds nulls (only for nullable columns)
     * @param from the first row
     * @param to the row after the last
     * @throws IOException when compressing a page fails
     */
    @Override
    public void append(FieldVector vector, boolean hasNulls, int from, int to) throws IOException {
        SliceValidity rowsValidity = hasNulls && validity.load(vector.getValidityBuffer(), from, to) > 0
                ? validity : null;
        int row = from;
        while (row < to) {
            int end = values.append(vector, rowsValidity, row, Math.min(to, row + MAX_ROWS_PER_PAGE - pageRows));
            endRows(rowsValidity, row, end);
            row = end;
        }
    }

    /**
     * Appends rows of a dictionary-encoded string or binary column: each row's value is entry {@code indices[row]} of
     * {@code entries}. While the chunk's values are dictionary encoded, the rows' entries are looked up in the
     * chunk's dictionary once per entry; once the chunk has turned PLAIN, the rest of the rows are decoded and
     * appended as plain values.
     *
     * @param indices the rows' indices into {@code entries}
     * @param entries the values, none null
     * @param hasNulls whether the indices hold nulls (only for nullable columns)
     * @param from the first row
     * @param to the row after the last
     * @throws IOException when compressing a page fails
     */
    void appendEncoded(IntVector indices, FieldVector entries, boolean hasNulls, int from, int to)
            throws IOException {
        SliceValidity rowsValidity = hasNulls && validity.load(indices.getValidityBuffer(), from, to) > 0
                ? validity : null;
        int row = from;
        while (row < to) {
            if (!(values instanceof BinaryEncoder binary) || !binary.acceptsEncoded()) {
                appendDecoded(indices, entries, hasNulls, row, to);
                return;
            }
            int end = binary.appendEncoded(indices, entries, rowsValidity, row,
                    Math.min(to, row + MAX_ROWS_PER_PAGE - pageRows));
            endRows(rowsValidity, row, end);
            row = end;
        }
    }

    /** Appends rows {@code [from, to)} of an encoded column decoded (only those rows are decoded). */
    private void appendDecoded(IntVector indices, FieldVector entries, boolean hasNulls, int from, int to)
            throws IOException {
        TransferPair slice = indices.getTransferPair(indices.getAllocator());
        slice.splitAndTransfer(from, to - from);
        try (FieldVector rows = (FieldVector) slice.getTo(); FieldVector plain = Block.decode(rows, entries)) {
            append(plain, hasNulls, 0, to - from);
        }
    }

    /** Counts rows {@code [from, end)}, just appended to the encoder, into the page; ends the page when full. */
    private void endRows(SliceValidity rowsValidity, int from, int end) throws IOException {
        int rows = end - from;
        if (nullable) {
            if (rowsValidity == null) {
                levels.appendRun(true, rows);
            } else {
                pageNulls += rows - levels.appendBits(rowsValidity.bits(), rowsValidity.bitIndex(from), rows);
            }
        }
        pageRows += rows;
        chunkRows += rows;
        if (values.pageMustEnd() || values.pageBytes() >= pageBytes || pageRows >= MAX_ROWS_PER_PAGE) {
            finishPage();
        }
    }

    /** Returns the bytes the chunk holds so far: compressed pages, the open page and the dictionary. */
    @Override
    public long bufferedBytes() {
        return compressedBytes + values.pageBytes() + levels.byteSize() + values.dictionaryBytes();
    }

    private void finishPage() throws IOException {
        Statistics<?> statistics = Statistics.createStats(type);
        PageValues encoded = values.encodePage(statistics);
        statistics.incrementNumNulls(pageNulls);
        BytesInput page = encoded.bytes();
        if (nullable) {
            levelBytes.reset();
            levelBytes.putInt(0);
            RleBitPackedEncoder.encodeBits(levels, levelBytes);
            levelBytes.setInt(0, levelBytes.size() - Integer.BYTES);
            page = BytesInput.concat(levelBytes.view(), page);
        }
        int uncompressedSize = Math.toIntExact(page.size());
        byte[] compressed = compressor.compress(page);
        pages.add(new EncodedPage(compressed, uncompressedSize, pageRows, statistics, encoded.encoding()));
        compressedBytes += compressed.length;
        values.clearPage();
        levels.reset();
        pageRows = 0;
        pageNulls = 0;
    }

    /**
     * Writes the row group's column chunk (the caller started the block) and starts an empty one.
     *
     * @param file the file writer
     * @throws IOException when writing fails
     */
    @Override
    public void writeChunk(ParquetFileWriter file) throws IOException {
        if (pageRows > 0) {
            finishPage();
        }
        file.startColumn(descriptor, chunkRows, compressor.codec());
        ByteSink dictionary = values.dictionaryPage();
        if (dictionary != null) {
            byte[] compressed = compressor.compress(dictionary.view());
            file.writeDictionaryPage(new DictionaryPage(BytesInput.from(compressed), dictionary.size(),
                    values.dictionarySize(), Encoding.PLAIN));
        }
        for (EncodedPage page : pages) {
            file.writeDataPage(page.rowCount(), page.uncompressedSize(), BytesInput.from(page.bytes()),
                    page.statistics(), page.rowCount(), Encoding.RLE, Encoding.RLE, page.encoding());
        }
        file.endColumn();
        discardChunk();
    }

    /** Drops the buffered chunk. */
    @Override
    public void discardChunk() {
        pages.clear();
        values.clearPage();
        values.startChunk();
        levels.reset();
        pageRows = 0;
        pageNulls = 0;
        chunkRows = 0;
        compressedBytes = 0;
    }
}
