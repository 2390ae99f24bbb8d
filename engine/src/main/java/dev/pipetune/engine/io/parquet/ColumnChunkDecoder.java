package dev.pipetune.engine.io.parquet;

import java.util.EnumSet;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;

/** Decodes one column chunk of a row group into the Arrow buffers of its leaf vector. */
sealed interface ColumnChunkDecoder permits BulkChunkDecoder, ColumnReaderChunkDecoder {

    /** The encodings {@link BulkChunkDecoder} decodes (level encodings included). */
    Set<Encoding> BULK_ENCODINGS = EnumSet.of(Encoding.PLAIN, Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY,
            Encoding.RLE, Encoding.BIT_PACKED);

    /**
     * How to decode one chunk.
     *
     * @param keepLevels whether to keep the chunk's levels for the leaf's parent nodes
     * @param sizeHint the chunk's uncompressed size in bytes, to size variable-width data
     * @param allocator the allocator for the Arrow buffers
     * @param scratch the reader's reusable page arrays
     */
    record ChunkOptions(boolean keepLevels, long sizeHint, BufferAllocator allocator, DecodeScratch scratch) {
    }

    /**
     * Decodes a column chunk.
     *
     * @param leaf the leaf column
     * @param pages the row group's pages
     * @param options how to decode it
     * @return the decoded column, which the caller must close
     * @throws CorruptDataException when the data is malformed; no buffer is leaked
     */
    LeafColumn decode(LeafNode leaf, PageReadStore pages, ChunkOptions options);

    /**
     * Tells whether the bulk decoder handles every encoding a column chunk uses.
     *
     * @param metadata the chunk's metadata
     * @return {@code true} when {@link BulkChunkDecoder} can decode it
     */
    static boolean isBulkDecodable(ColumnChunkMetaData metadata) {
        return BULK_ENCODINGS.containsAll(metadata.getEncodings());
    }
}
