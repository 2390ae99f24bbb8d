package dev.pipetune.engine.io.parquet;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** The compression codecs {@link ParquetWriter} writes. */
public enum ParquetCompression {
    /** No compression. */
    NONE(CompressionCodecName.UNCOMPRESSED),
    /** Snappy: fast, moderate ratio (the usual default). */
    SNAPPY(CompressionCodecName.SNAPPY),
    /** Gzip (deflate): slow, good ratio. */
    GZIP(CompressionCodecName.GZIP),
    /** Zstandard: good ratio at good speed. */
    ZSTD(CompressionCodecName.ZSTD),
    /** LZ4 without Hadoop framing. */
    LZ4_RAW(CompressionCodecName.LZ4_RAW);

    private final CompressionCodecName codec;

    ParquetCompression(CompressionCodecName codec) {
        this.codec = codec;
    }

    CompressionCodecName codec() {
        return codec;
    }
}
