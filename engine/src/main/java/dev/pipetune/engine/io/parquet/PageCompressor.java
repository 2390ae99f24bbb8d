package dev.pipetune.engine.io.parquet;

import java.io.IOException;
import java.io.OutputStream;
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
        if (bytes.size() == 0 && (codec == CompressionCodecName.SNAPPY || codec == CompressionCodecName.LZ4_RAW)) {
            // parquet-java's Snappy and LZ4 compressors give no bytes for no input, which pyarrow accepts but DuckDB
            // and Polars reject (an all-null column's empty dictionary page): the codecs' own encoding of nothing is
            // one zero byte (Snappy: the length 0; LZ4: a last sequence without literals).
            return new byte[] {0};
        }
        return copy(codec == CompressionCodecName.UNCOMPRESSED ? bytes : compressor.compress(bytes));
    }

    /** Copies bytes into an array of their exact size (compressors reuse their output buffers). */
    private static byte[] copy(BytesInput bytes) throws IOException {
        byte[] copy = new byte[Math.toIntExact(bytes.size())];
        bytes.writeAllTo(new OutputStream() {
            private int position;

            @Override
            public void write(int value) {
                copy[position++] = (byte) value;
            }

            @Override
            public void write(byte[] source, int offset, int length) {
                System.arraycopy(source, offset, copy, position, length);
                position += length;
            }
        });
        return copy;
    }
}
