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
 *
 * <p>While {@link #reusePageBuffers(boolean) reuse} is on, every Snappy page is decompressed into one array owned by
 * the factory instead of a fresh one: a decompressed page is then valid only until the next page is decompressed.
 * Only a consumer that is done with each page before reading the next may turn it on (the bulk decoder; not
 * parquet-java's {@code ColumnReader}, whose dictionaries point into their page's bytes). A reader, and so its
 * factory, is used by one thread at a time.
 */
final class ReaderCodecFactory implements CompressionCodecFactory {

    private static final int PAGE_SIZE_HINT = 1 << 20;

    private final CodecFactory delegate = new CodecFactory(new PlainParquetConfiguration(), PAGE_SIZE_HINT);
    private boolean reuse;
    private byte[] pageBuffer = new byte[0];

    /**
     * Turns reuse of one decompression buffer for every page on or off.
     *
     * @param enabled {@code true} when each decompressed page is consumed before the next is read
     */
    void reusePageBuffers(boolean enabled) {
        reuse = enabled;
    }

    /** Returns an array of at least {@code size} bytes for a decompressed page. */
    private byte[] output(int size) {
        if (!reuse) {
            return new byte[size];
        }
        if (pageBuffer.length < size) {
            pageBuffer = new byte[Math.max(size, (int) Math.min(Integer.MAX_VALUE - 16, pageBuffer.length * 3L / 2))];
        }
        return pageBuffer;
    }

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
        pageBuffer = new byte[0];
    }

    /** Decompresses a whole Snappy page with one call. */
    private final class SnappyDecompressor implements BytesInputDecompressor {

        private final BytesInputDecompressor fallback;

        SnappyDecompressor(BytesInputDecompressor fallback) {
            this.fallback = fallback;
        }

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
            // Snappy writes exactly the length its header declares and rejects input that does not decode to it,
            // so checking the header against the page's size is enough (a separate validation pass costs as much
            // as decompressing).
            if (uncompressedSize < 0 || Snappy.uncompressedLength(array, offset, length) != uncompressedSize) {
                throw new IOException("corrupt Snappy page: expected " + uncompressedSize
                        + " bytes after decompression");
            }
            byte[] output = output(uncompressedSize);
            if (Snappy.uncompress(array, offset, length, output, 0) != uncompressedSize) {
                throw new IOException("corrupt Snappy page: it does not decompress to " + uncompressedSize + " bytes");
            }
            return BytesInput.from(output, 0, uncompressedSize);
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
