package dev.pipetune.engine.io.parquet;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Metadata of one column chunk: one leaf column within one row group.
 *
 * @param path the leaf column's dotted path ({@code a.list.element} for nested columns)
 * @param physicalType the Parquet physical type, such as {@code INT64} or {@code BYTE_ARRAY}
 * @param codec the compression codec, such as {@code SNAPPY}
 * @param encodings the encodings the chunk's pages use
 * @param valueCount the number of values including nulls (for repeated columns, the number of level entries)
 * @param compressedBytes the chunk's size in the file
 * @param uncompressedBytes the chunk's size after decompression
 * @param statistics the chunk's statistics, when the writer stored them
 */
public record ColumnChunkInfo(
        String path,
        String physicalType,
        String codec,
        List<String> encodings,
        long valueCount,
        long compressedBytes,
        long uncompressedBytes,
        Optional<ColumnStatistics> statistics) {

    /** Checks the components and copies the encodings. */
    public ColumnChunkInfo {
        requireNonNull(path, "path");
        requireNonNull(physicalType, "physicalType");
        requireNonNull(codec, "codec");
        encodings = List.copyOf(encodings);
        requireNonNull(statistics, "statistics");
    }
}
