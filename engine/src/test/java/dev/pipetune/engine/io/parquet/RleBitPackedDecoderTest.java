package dev.pipetune.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.apache.parquet.bytes.DirectByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks the bulk RLE/bit-packed decoder against parquet-java's encoder for every bit width. */
class RleBitPackedDecoderTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 5, 7, 8, 9, 13, 16, 17, 24, 31, 32})
    void decodesWhatParquetJavaEncodes(int bitWidth) throws IOException {
        Random random = new Random(bitWidth);
        int[] values = new int[10_007];
        long bound = 1L << bitWidth;
        for (int i = 0; i < values.length; i++) {
            // Mix runs (RLE) with noise (bit-packed).
            values[i] = i % 1000 < 300 && i > 0 ? values[i - 1] : (int) (random.nextLong() & (bound - 1));
        }
        byte[] encoded;
        try (RunLengthBitPackingHybridEncoder encoder = new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 20,
                new DirectByteBufferAllocator())) {
            for (int value : values) {
                encoder.writeInt(value);
            }
            encoded = encoder.toBytes().toByteArray();
        }

        int[] decoded = new int[values.length + 3];
        RleBitPackedDecoder decoder = new RleBitPackedDecoder(ByteBuffer.wrap(encoded), bitWidth);
        decoder.read(decoded, 3, 5000);
        decoder.read(decoded, 5003, values.length - 5000);

        int[] expected = new int[values.length + 3];
        System.arraycopy(values, 0, expected, 3, values.length);
        assertThat(decoded).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
    void anIdAtOrAboveTheBoundIsCorruptDataWhereverItIs(int position) throws IOException {
        int[] values = new int[16];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 7) % 50;
        }
        byte[] valid = encode(values, 6);
        int[] decoded = new int[20];
        new RleBitPackedDecoder(ByteBuffer.wrap(valid), 6).readBounded(decoded, 2, 16, 50, "dictionary id");
        assertThat(decoded).startsWith(0, 0, 0, 7, 14, 21);

        values[position] = 50;
        byte[] invalid = encode(values, 6);
        assertThatThrownBy(() -> new RleBitPackedDecoder(ByteBuffer.wrap(invalid), 6)
                .readBounded(new int[20], 1, 16, 50, "dictionary id"))
                .isInstanceOf(CorruptDataException.class)
                .hasMessage("dictionary id 50 is out of range (must be below 50)");
    }

    private static byte[] encode(int[] values, int bitWidth) throws IOException {
        try (RunLengthBitPackingHybridEncoder encoder = new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 20,
                new DirectByteBufferAllocator())) {
            for (int value : values) {
                encoder.writeInt(value);
            }
            return encoder.toBytes().toByteArray();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8, 20})
    void readingPastTheEndIsCorruptData(int bitWidth) {
        RleBitPackedDecoder decoder = new RleBitPackedDecoder(ByteBuffer.wrap(new byte[] {4, 1}), bitWidth);

        assertThatThrownBy(() -> decoder.read(new int[10], 0, 10)).isInstanceOf(CorruptDataException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {33, 254, -1})
    void invalidBitWidthIsCorruptData(int bitWidth) {
        assertThatThrownBy(() -> new RleBitPackedDecoder(ByteBuffer.allocate(4), bitWidth))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("bit width");
    }
}
