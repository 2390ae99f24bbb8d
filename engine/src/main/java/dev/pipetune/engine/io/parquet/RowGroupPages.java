package dev.pipetune.engine.io.parquet;

import static java.util.Objects.requireNonNull;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputDecompressor;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The pages of one row group's chosen column chunks, read from a file channel: each chunk is read with positional
 * reads into a buffer of the reader's {@link ReaderBuffers}, and its pages are found by parsing their headers
 * ({@link PageHeader}) as the decoder asks for them. A page is decompressed when it is read, with the reader's
 * {@link ReaderCodecFactory}, so the factory's reuse of one page buffer holds as with parquet-java's reader.
 *
 * <p>This replaces parquet-java's row-group reading, which builds, per chunk and page, several layers of objects
 * and a validated Thrift message, for pages that the decoders then read the same way. Page checksums are not
 * verified (parquet-java's default) and index pages are skipped. Closing gives the chunk buffers back.
 */
final class RowGroupPages implements PageReadStore {

    /**
     * How many bytes past its declared end a chunk of an old parquet-mr file is read: such writers left the dictionary
     * page's header out of the chunk's size (PARQUET-816), and Arrow's reader reads the same margin.
     */
    static final int SHORT_CHUNK_MARGIN = 100;
    private static final Pattern PARQUET_MR_VERSION =
            Pattern.compile("parquet-mr version (\\d{1,9})\\.(\\d{1,9})\\.(\\d{1,9})");

    private final long rowCount;
    private final Map<ColumnDescriptor, ChunkPages> chunks;
    private final List<ByteBuffer> buffers;
    private final ReaderBuffers allocator;

    private RowGroupPages(long rowCount, Map<ColumnDescriptor, ChunkPages> chunks, List<ByteBuffer> buffers,
            ReaderBuffers allocator) {
        this.rowCount = rowCount;
        this.chunks = chunks;
        this.buffers = buffers;
        this.allocator = allocator;
    }

    /**
     * Reads the chunks of the given columns.
     *
     * @param channel the file
     * @param rowCount the row group's rows
     * @param columns each column with its chunk's metadata
     * @param allocator where chunk buffers come from and go back to
     * @param codecs the decompressors
     * @param shortChunks whether the file's writer may have declared chunks shorter than their pages (see
     *     {@link #mayDeclareShortChunks(String)}): each chunk is then read with a margin, up to the file's end
     * @return the pages, which the caller must close
     * @throws IOException if reading fails or the file ends before a chunk does
     * @throws CorruptDataException if a chunk's metadata gives an impossible range
     */
    static RowGroupPages read(FileChannel channel, long rowCount, Map<ColumnDescriptor, ColumnChunkMetaData> columns,
            ReaderBuffers allocator, ReaderCodecFactory codecs, boolean shortChunks) throws IOException {
        requireNonNull(channel, "channel");
        Map<ColumnDescriptor, ChunkPages> chunks = new HashMap<>();
        List<ByteBuffer> buffers = new ArrayList<>();
        try {
            for (Map.Entry<ColumnDescriptor, ColumnChunkMetaData> column : columns.entrySet()) {
                ColumnChunkMetaData metadata = column.getValue();
                long start = metadata.getStartingPos();
                long size = metadata.getTotalSize();
                if (start < 0 || size < 0 || size > Integer.MAX_VALUE - 16) {
                    throw new CorruptDataException("column " + metadata.getPath().toDotString() + " has a chunk of "
                            + size + " bytes at offset " + start + ", which this reader cannot read");
                }
                if (shortChunks) {
                    size = Math.max(size, Math.min(size + SHORT_CHUNK_MARGIN, channel.size() - start));
                }
                ByteBuffer buffer = allocator.allocate((int) size);
                buffers.add(buffer);
                buffer.clear().limit((int) size);
                readFully(channel, buffer, start, metadata);
                buffer.flip();
                chunks.put(column.getKey(), new ChunkPages(buffer, metadata, column.getKey(),
                        codecs.getDecompressor(metadata.getCodec())));
            }
            return new RowGroupPages(rowCount, chunks, buffers, allocator);
        } catch (IOException | RuntimeException e) {
            buffers.forEach(allocator::release);
            throw e;
        }
    }

    /**
     * Returns whether a file's writer is parquet-mr before 1.2.9 (or of no stated version), whose chunk sizes may
     * leave out the dictionary page's header.
     *
     * @param createdBy the footer's {@code created_by}, or null
     * @return true for such a writer
     */
    static boolean mayDeclareShortChunks(String createdBy) {
        if (createdBy == null || !createdBy.startsWith("parquet-mr")) {
            return false;
        }
        Matcher version = PARQUET_MR_VERSION.matcher(createdBy);
        if (!version.lookingAt()) {
            return true;
        }
        int[] parts = {Integer.parseInt(version.group(1)), Integer.parseInt(version.group(2)),
            Integer.parseInt(version.group(3))};
        return Arrays.compare(parts, new int[] {1, 2, 9}) < 0;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long start, ColumnChunkMetaData metadata)
            throws IOException {
        long position = start;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position);
            if (read < 0) {
                throw new EOFException("the file ends at byte " + position + ", inside the chunk of column "
                        + metadata.getPath().toDotString() + " (bytes " + start + " to "
                        + (start + metadata.getTotalSize()) + "); is it truncated?");
            }
            position += read;
        }
    }

    @Override
    public PageReader getPageReader(ColumnDescriptor descriptor) {
        ChunkPages pages = chunks.get(descriptor);
        if (pages == null) {
            throw new IllegalArgumentException("column " + String.join(".", descriptor.getPath())
                    + " was not read from this row group");
        }
        return pages;
    }

    @Override
    public long getRowCount() {
        return rowCount;
    }

    /** Gives the chunk buffers back; pages read before stay valid only if they were decompressed out of them. */
    @Override
    public void close() {
        buffers.forEach(allocator::release);
        buffers.clear();
    }

    /** One chunk's pages, parsed as they are read. */
    private static final class ChunkPages implements PageReader {

        private final ByteBuffer bytes;
        private final ColumnChunkMetaData metadata;
        private final BytesInputDecompressor decompressor;
        private final boolean uncompressed;
        private final Statistics<?> noStatistics;
        private final long totalValues;
        private PageHeader dictionaryHeader;
        private int dictionaryOffset;
        private int position;
        private long valuesRead;
        private int pagesRead;

        ChunkPages(ByteBuffer bytes, ColumnChunkMetaData metadata, ColumnDescriptor descriptor,
                BytesInputDecompressor decompressor) {
            this.bytes = bytes;
            this.metadata = metadata;
            this.decompressor = decompressor;
            this.uncompressed = metadata.getCodec() == CompressionCodecName.UNCOMPRESSED;
            this.noStatistics = Statistics.noopStats(descriptor.getPrimitiveType());
            this.totalValues = metadata.getValueCount();
            if (bytes.limit() > 0) {
                PageHeader first = header();
                if (first.type() == PageHeader.DICTIONARY_PAGE) {
                    dictionaryHeader = first;
                    dictionaryOffset = position + first.headerSize();
                    position = skipPage(first);
                }
            }
        }

        @Override
        public DictionaryPage readDictionaryPage() {
            if (dictionaryHeader == null) {
                return null;
            }
            PageHeader header = dictionaryHeader;
            return new DictionaryPage(decompress(dictionaryOffset, header.compressedSize(),
                    header.uncompressedSize(), true), header.uncompressedSize(), header.valueCount(),
                    header.encoding());
        }

        @Override
        public long getTotalValueCount() {
            return totalValues;
        }

        @Override
        public DataPage readPage() {
            while (valuesRead < totalValues) {
                if (position >= bytes.limit()) {
                    throw corrupt("ends after " + pagesRead + " pages of " + valuesRead + " values, of the "
                            + totalValues + " its metadata declares");
                }
                PageHeader header = header();
                int dataOffset = position + header.headerSize();
                position = skipPage(header);
                switch (header.type()) {
                    case PageHeader.DATA_PAGE -> {
                        pagesRead++;
                        valuesRead += header.valueCount();
                        return new DataPageV1(decompress(dataOffset, header.compressedSize(),
                                header.uncompressedSize(), true), header.valueCount(), header.uncompressedSize(),
                                noStatistics, header.repetitionLevelEncoding(), header.definitionLevelEncoding(),
                                header.encoding());
                    }
                    case PageHeader.DATA_PAGE_V2 -> {
                        pagesRead++;
                        valuesRead += header.valueCount();
                        return dataPageV2(header, dataOffset);
                    }
                    case PageHeader.DICTIONARY_PAGE -> throw corrupt("has a second dictionary page at chunk offset "
                            + (dataOffset - header.headerSize()));
                    default -> {
                        // Index pages and unknown kinds carry nothing to decode.
                    }
                }
            }
            return null;
        }

        private DataPageV2 dataPageV2(PageHeader header, int offset) {
            int repetitionSize = header.repetitionLevelsSize();
            int definitionSize = header.definitionLevelsSize();
            BytesInput repetition = slice(offset, repetitionSize);
            BytesInput definition = slice(offset + repetitionSize, definitionSize);
            int dataOffset = offset + repetitionSize + definitionSize;
            int dataSize = header.compressedSize() - repetitionSize - definitionSize;
            BytesInput data = decompress(dataOffset, dataSize, header.uncompressedSize() - repetitionSize
                    - definitionSize, header.compressed());
            return DataPageV2.uncompressed(header.rowCount(), header.nullCount(), header.valueCount(), repetition,
                    definition, header.encoding(), data, noStatistics);
        }

        private PageHeader header() {
            try {
                return PageHeader.parse(bytes, position);
            } catch (CorruptDataException e) {
                throw corrupt("holds corrupt Parquet metadata: cannot decode its page header (" + e.getMessage() + ")");
            }
        }

        /** Returns where the page after this one starts, checking that this one ends inside the chunk. */
        private int skipPage(PageHeader header) {
            long end = (long) position + header.headerSize() + header.compressedSize();
            if (end > bytes.limit()) {
                throw corrupt("has a page at chunk offset " + position + " of " + header.compressedSize()
                        + " bytes that runs past the chunk's " + bytes.limit() + " bytes");
            }
            return (int) end;
        }

        private BytesInput decompress(int offset, int size, int uncompressedSize, boolean compressed) {
            BytesInput page = slice(offset, size);
            if (uncompressed || !compressed) {
                return page;
            }
            try {
                return decompressor.decompress(page, uncompressedSize);
            } catch (IOException e) {
                throw new CorruptDataException("the chunk of column " + metadata.getPath().toDotString()
                        + " at file offset " + metadata.getStartingPos() + ": " + e.getMessage(), e);
            }
        }

        private BytesInput slice(int offset, int size) {
            return BytesInput.from(bytes.slice(offset, size));
        }

        private CorruptDataException corrupt(String problem) {
            return new CorruptDataException("the chunk of column " + metadata.getPath().toDotString()
                    + " at file offset " + metadata.getStartingPos() + " " + problem);
        }
    }
}
