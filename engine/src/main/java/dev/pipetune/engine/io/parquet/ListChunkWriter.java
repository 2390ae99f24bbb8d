package dev.pipetune.engine.io.parquet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Writes a fixed-size list column of int32, int64, float32 or float64 (an embedding) as a Parquet {@code LIST}: per
 * row, one repetition level 0 and then {@code listSize - 1} levels 1; definition levels tell a null row, a null element
 * and a value apart. Values are PLAIN; a row's values are copied from the Arrow data buffer in one block when it has no
 * null element. Pages (version 1: repetition levels, definition levels, values) end between rows.
 */
final class ListChunkWriter implements ChunkWriter {

    private final ColumnDescriptor descriptor;
    private final PrimitiveType leaf;
    private final WriteConversion conversion;
    private final int listSize;
    private final int width;
    private final int maxDefinition;
    private final int pageBytes;
    private final PageCompressor compressor;
    private final RunLengthBitPackingHybridEncoder repetitionLevels;
    private final RunLengthBitPackingHybridEncoder definitionLevels;
    private final ByteSink values = new ByteSink(1 << 16);
    private final ByteSink levelBytes = new ByteSink(1 << 10);
    private final List<Page> pages = new ArrayList<>();
    private Statistics<?> statistics;
    private int pageRows;
    private int pageLevels;
    private long chunkLevels;
    private long compressedBytes;

    /** A closed, compressed page. */
    private record Page(byte[] bytes, int uncompressedSize, int levels, int rows, Statistics<?> statistics) {
    }

    /**
     * Creates a writer for a list column.
     *
     * @param descriptor the list's leaf column
     * @param column the mapped list
     * @param pageBytes the page size in bytes
     * @param compressor the codec
     */
    ListChunkWriter(ColumnDescriptor descriptor, ListWriteColumn column, int pageBytes, PageCompressor compressor) {
        this.descriptor = descriptor;
        this.leaf = descriptor.getPrimitiveType();
        this.conversion = column.element().conversion();
        this.listSize = column.listSize();
        this.width = switch (conversion) {
            case INT32, FLOAT -> Integer.BYTES;
            case INT64, DOUBLE -> Long.BYTES;
            default -> throw new IllegalArgumentException("lists of " + conversion + " cannot be written");
        };
        this.maxDefinition = descriptor.getMaxDefinitionLevel();
        this.pageBytes = pageBytes;
        this.compressor = compressor;
        int pageLimit = Math.max(pageBytes, 1 << 16);
        this.repetitionLevels = new RunLengthBitPackingHybridEncoder(
                BytesUtils.getWidthFromMaxInt(descriptor.getMaxRepetitionLevel()), 1 << 10, pageLimit,
                HeapByteBufferAllocator.getInstance());
        this.definitionLevels = new RunLengthBitPackingHybridEncoder(BytesUtils.getWidthFromMaxInt(maxDefinition),
                1 << 10, pageLimit, HeapByteBufferAllocator.getInstance());
        this.statistics = Statistics.createStats(leaf);
    }

    @Override
    public void append(FieldVector vector, boolean hasNulls, int from, int to) throws IOException {
        FixedSizeListVector list = (FixedSizeListVector) vector;
        FieldVector elements = list.getDataVector();
        boolean elementNulls = elements.getNullCount() > 0;
        ArrowBuf data = elements.getDataBuffer();
        for (int row = from; row < to; row++) {
            if (hasNulls && list.isNull(row)) {
                repetitionLevels.writeInt(0);
                definitionLevels.writeInt(0);
                statistics.incrementNumNulls();
                pageLevels++;
            } else {
                int first = row * listSize;
                for (int index = 0; index < listSize; index++) {
                    repetitionLevels.writeInt(index == 0 ? 0 : 1);
                    boolean present = !elementNulls || !elements.isNull(first + index);
                    definitionLevels.writeInt(present ? maxDefinition : maxDefinition - 1);
                    if (present) {
                        if (elementNulls) {
                            values.putFrom(data, (long) (first + index) * width, width);
                        }
                        updateStatistics(data, first + index);
                    } else {
                        statistics.incrementNumNulls();
                    }
                }
                if (!elementNulls) {
                    values.putFrom(data, (long) first * width, listSize * width);
                }
                pageLevels += listSize;
            }
            pageRows++;
            if (values.size() >= pageBytes || pageRows >= ColumnChunkWriter.MAX_ROWS_PER_PAGE) {
                finishPage();
            }
        }
    }

    private void updateStatistics(ArrowBuf data, int index) {
        long offset = (long) index * width;
        switch (conversion) {
            case INT32 -> statistics.updateStats(data.getInt(offset));
            case INT64 -> statistics.updateStats(data.getLong(offset));
            case FLOAT -> statistics.updateStats(data.getFloat(offset));
            case DOUBLE -> statistics.updateStats(data.getDouble(offset));
            default -> throw new IllegalStateException(conversion.name());
        }
    }

    @Override
    public long bufferedBytes() {
        return compressedBytes + values.size() + repetitionLevels.getBufferedSize()
                + definitionLevels.getBufferedSize();
    }

    private void finishPage() throws IOException {
        levelBytes.reset();
        levelBytes.putLengthPrefixed(repetitionLevels.toBytes());
        levelBytes.putLengthPrefixed(definitionLevels.toBytes());
        BytesInput page = BytesInput.concat(levelBytes.view(), values.view());
        int uncompressedSize = Math.toIntExact(page.size());
        byte[] compressed = compressor.compress(page);
        pages.add(new Page(compressed, uncompressedSize, pageLevels, pageRows, statistics));
        compressedBytes += compressed.length;
        chunkLevels += pageLevels;
        clearPage();
    }


    private void clearPage() {
        values.reset();
        repetitionLevels.reset();
        definitionLevels.reset();
        statistics = Statistics.createStats(leaf);
        pageRows = 0;
        pageLevels = 0;
    }

    @Override
    public void writeChunk(ParquetFileWriter file) throws IOException {
        if (pageRows > 0) {
            finishPage();
        }
        file.startColumn(descriptor, chunkLevels, compressor.codec());
        for (Page page : pages) {
            file.writeDataPage(page.levels(), page.uncompressedSize(), BytesInput.from(page.bytes()),
                    page.statistics(), page.rows(), Encoding.RLE, Encoding.RLE, Encoding.PLAIN);
        }
        file.endColumn();
        discardChunk();
    }

    @Override
    public void discardChunk() {
        pages.clear();
        clearPage();
        chunkLevels = 0;
        compressedBytes = 0;
    }
}
