package dev.pipetune.engine.io.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * parquet-java's codecs, except that Snappy pages are decompressed in one call from the page's heap bytes into a
 * heap array (parquet-java's Hadoop stream path copies through direct buffers and a stream).
 */
final class ReaderCodecFactory implements CompressionCodecFactory {

    private static final int PAGE_SIZE_HINT = 1 << 20;

    private final CodecFactory delegate = new CodecFactory(new PlainParquetConfiguration(), PAGE_SIZE_HINT);

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
        return delegate.getCompressor(codecName);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
        BytesInputDecompressor fallback = delegate.getDecompressor(codecName);
        return codecName == CompressionCodecName.SNAPPY ? new SnappyDecompressor(fallback) : fallback;
    }

    @Override
    public void release() {
        delegate.release();
    }

    /** Decompresses a whole Snappy page with one call. */
    private record SnappyDecompressor(BytesInputDecompressor fallback) implements BytesInputDecompressor {

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            if (uncompressedSize == 0) {
                return BytesInput.empty();
            }
            ByteBuffer input = bytes.toByteBuffer();
            if (!input.hasArray()) {
                return fallback.decompress(BytesInput.from(input), uncompressedSize);
            }
            byte[] array = input.array();
            int offset = input.arrayOffset() + input.position();
            int length = input.remaining();
            if (uncompressedSize < 0 || !Snappy.isValidCompressedBuffer(array, offset, length)
                    || Snappy.uncompressedLength(array, offset, length) != uncompressedSize) {
                throw new IOException("corrupt Snappy page: expected " + uncompressedSize
                        + " bytes after decompression");
            }
            byte[] output = new byte[uncompressedSize];
            Snappy.uncompress(array, offset, length, output, 0);
            return BytesInput.from(output);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
                throws IOException {
            fallback.decompress(input, compressedSize, output, decompressedSize);
        }

        @Override
        public void release() {
            fallback.release();
        }
    }
}
