package dev.pipetune.engine.io.parquet;

import static java.util.Objects.requireNonNull;

import io.airlift.compress.lz4.Lz4Decompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.brotli.dec.BrotliInputStream;

/**
 * parquet-java's codecs, except that Snappy pages are decompressed by {@link SnappyDecoder} from the page's heap bytes
 * into a heap array (parquet-java's Hadoop stream path copies through direct buffers and a stream), and that legacy LZ4
 * (Hadoop-framed or raw, with aircompressor) and Brotli pages (with Google's Java decoder) are read, which
 * parquet-java leaves to native libraries.
 *
 * <p>While {@link #reusePageBuffers(boolean) reuse} is on, every Snappy or legacy LZ4 page is decompressed into one
 * array of the reader's {@link DecodeScratch} instead of a fresh one: a decompressed page is then valid only until
 * the next page is decompressed.
 * Only a consumer that is done with each page before reading the next may turn it on (the bulk decoder; not
 * parquet-java's {@code ColumnReader}, whose dictionaries point into their page's bytes). A reader, and so its
 * factory, is used by one thread at a time.
 */
final class ReaderCodecFactory implements CompressionCodecFactory {

    private static final int PAGE_SIZE_HINT = 1 << 20;
    private static final VarHandle INT_BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.BIG_ENDIAN);

    private final CodecFactory delegate = new CodecFactory(new PlainParquetConfiguration(), PAGE_SIZE_HINT);
    private final DecodeScratch scratch;
    private boolean reuse;

    /**
     * Creates a factory.
     *
     * @param scratch where the array for decompressed pages comes from while reuse is on
     */
    ReaderCodecFactory(DecodeScratch scratch) {
        this.scratch = requireNonNull(scratch, "scratch");
    }

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
        return reuse ? scratch.pageBytes(size) : new byte[size];
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
        return delegate.getCompressor(codecName);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
        return switch (codecName) {
            case SNAPPY -> new SnappyDecompressor();
            // parquet-java would need Hadoop's native LZ4 and a Brotli JNI library for these two.
            case LZ4 -> new WholePageDecompressor(this::legacyLz4);
            case BROTLI -> new WholePageDecompressor(ReaderCodecFactory::brotli);
            default -> delegate.getDecompressor(codecName);
        };
    }

    /**
     * Decompresses a legacy {@code LZ4} page as pyarrow does: first as Hadoop's framing (blocks of a 4-byte big-endian
     * decompressed size, a 4-byte big-endian compressed size and one LZ4 block), and when the bytes are not that, as
     * one raw LZ4 block (what older parquet-cpp wrote under the same codec name).
     */
    private byte[] legacyLz4(byte[] input, int uncompressedSize) throws IOException {
        byte[] output = output(uncompressedSize);
        if (hadoopLz4(input, output, uncompressedSize)) {
            return output;
        }
        try {
            if (new Lz4Decompressor().decompress(input, 0, input.length, output, 0, uncompressedSize)
                    == uncompressedSize) {
                return output;
            }
        } catch (RuntimeException e) {
            throw new IOException("corrupt LZ4 page: " + e.getMessage(), e);
        }
        throw new IOException("corrupt LZ4 page: it does not decompress to " + uncompressedSize + " bytes");
    }

    private static boolean hadoopLz4(byte[] input, byte[] output, int uncompressedSize) {
        int position = 0;
        int written = 0;
        Lz4Decompressor decompressor = new Lz4Decompressor();
        try {
            while (input.length - position >= 2 * Integer.BYTES) {
                int blockSize = (int) INT_BIG_ENDIAN.get(input, position);
                int compressedSize = (int) INT_BIG_ENDIAN.get(input, position + Integer.BYTES);
                position += 2 * Integer.BYTES;
                if (compressedSize < 0 || compressedSize > input.length - position || blockSize < 0
                        || blockSize > uncompressedSize - written) {
                    return false;
                }
                int decompressed = decompressor.decompress(input, position, compressedSize, output, written,
                        blockSize);
                if (decompressed != blockSize) {
                    return false;
                }
                position += compressedSize;
                written += decompressed;
            }
        } catch (RuntimeException e) {
            return false;
        }
        return position == input.length && written == uncompressedSize;
    }

    private static byte[] brotli(byte[] input, int uncompressedSize) throws IOException {
        try (InputStream stream = new BrotliInputStream(new ByteArrayInputStream(input))) {
            byte[] output = stream.readNBytes(uncompressedSize);
            if (output.length != uncompressedSize || stream.read() != -1) {
                throw new IOException("corrupt Brotli page: it does not decompress to " + uncompressedSize
                        + " bytes");
            }
            return output;
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException("corrupt Brotli page: " + e.getMessage(), e);
        }
    }

    /** Decompresses a page's bytes into an array of its decompressed size. */
    @FunctionalInterface
    private interface PageCodec {

        byte[] decompress(byte[] input, int uncompressedSize) throws IOException;
    }

    /**
     * Decompresses {@code compressedSize} bytes of a buffer into another through an array codec: the buffer-to-buffer
     * call of parquet-java's decompressor interface.
     */
    private static void decompressCopy(PageCodec codec, ByteBuffer input, int compressedSize, ByteBuffer output,
            int decompressedSize) throws IOException {
        byte[] compressed = new byte[compressedSize];
        input.duplicate().get(compressed);
        output.put(codec.decompress(compressed, decompressedSize), 0, decompressedSize);
    }

    /** A decompressor for a codec parquet-java cannot decode here, given the page's bytes as one array. */
    private static final class WholePageDecompressor implements BytesInputDecompressor {

        private final PageCodec codec;

        WholePageDecompressor(PageCodec codec) {
            this.codec = codec;
        }

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            if (uncompressedSize < 0) {
                throw new IOException("corrupt page: negative decompressed size " + uncompressedSize);
            }
            if (uncompressedSize == 0) {
                return BytesInput.empty();
            }
            return BytesInput.from(codec.decompress(bytes.toByteArray(), uncompressedSize), 0, uncompressedSize);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
                throws IOException {
            decompressCopy(codec, input, compressedSize, output, decompressedSize);
        }

        @Override
        public void release() {
        }
    }

    @Override
    public void release() {
        delegate.release();
    }

    /**
     * Decompresses a whole Snappy page with one call. Pages come from {@link RowGroupPages}' heap chunk buffers, read
     * in place; bytes anywhere else are copied to an array first.
     */
    private final class SnappyDecompressor implements BytesInputDecompressor {

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            if (uncompressedSize == 0) {
                return BytesInput.empty();
            }
            ByteBuffer input = bytes.toByteBuffer();
            if (!input.hasArray()) {
                input = ByteBuffer.wrap(bytes.toByteArray());
            }
            return BytesInput.from(uncompress(input.array(), input.arrayOffset() + input.position(), input.remaining(),
                    uncompressedSize), 0, uncompressedSize);
        }

        private byte[] uncompress(byte[] array, int offset, int length, int uncompressedSize) throws IOException {
            // The decoder checks the stream's declared length against the page's and every element's bounds.
            if (uncompressedSize < 0) {
                throw new IOException("corrupt Snappy page: expected " + uncompressedSize
                        + " bytes after decompression");
            }
            byte[] output = output(uncompressedSize);
            SnappyDecoder.decompress(array, offset, length, output, 0, uncompressedSize);
            return output;
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
                throws IOException {
            decompressCopy((compressed, size) -> uncompress(compressed, 0, compressed.length, size), input,
                    compressedSize, output, decompressedSize);
        }

        @Override
        public void release() {
        }
    }
}
