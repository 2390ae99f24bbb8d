package dev.pipetune.engine.io.parquet;

import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Compresses pages with one of parquet-java's codecs into arrays the writer keeps until the row group is written.
 *
 * @param codec the codec
 * @param compressor parquet-java's compressor for it
 */
record PageCompressor(CompressionCodecName codec, BytesInputCompressor compressor) {

    /**
     * Compresses bytes.
     *
     * @param bytes the uncompressed bytes (not kept)
     * @return a new array with the compressed bytes
     * @throws IOException when the codec fails
     */
    byte[] compress(BytesInput bytes) throws IOException {
        if (codec == CompressionCodecName.UNCOMPRESSED) {
            return bytes.toByteArray();
        }
        return compressor.compress(bytes).toByteArray();
    }
}
