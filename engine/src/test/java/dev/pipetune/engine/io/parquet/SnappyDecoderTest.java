package dev.pipetune.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/**
 * {@link SnappyDecoder} gives exactly what snappy-java gives for every kind of element and data, writes nothing
 * outside its output range, and turns damaged streams into {@link IOException}s, as snappy-java rejects them.
 */
class SnappyDecoderTest {

    private static final int PADDING = 80;
    private static final byte SENTINEL = (byte) 0xA5;

    @Test
    void itDecodesWhatSnappyJavaCompressesOfManyKindsAndSizes() throws IOException {
        List<IntFunction<byte[]>> kinds = List.of(SnappyDecoderTest::randomBytes, size -> new byte[size],
                SnappyDecoderTest::shortPatterns, SnappyDecoderTest::doubles, SnappyDecoderTest::words,
                SnappyDecoderTest::mixed);
        int[] sizes = {0, 1, 7, 8, 15, 16, 17, 63, 64, 65, 100, 1000, 4096, 65_549, 300_000};
        for (IntFunction<byte[]> kind : kinds) {
            for (int size : sizes) {
                byte[] plain = kind.apply(size);
                byte[] compressed = Snappy.compress(plain);
                assertThat(decode(compressed, plain.length)).as("%d bytes", size).isEqualTo(plain);
            }
        }
    }

    @Test
    void itDecodesEveryKindOfElementAsTheFormatDefinesIt() throws IOException {
        Random random = new Random(5);
        for (int trial = 0; trial < 2_000; trial++) {
            Stream stream = new Stream();
            int elements = 1 + random.nextInt(40);
            stream.literal(randomBytes(1 + random.nextInt(20), random), random.nextInt(5));
            for (int element = 0; element < elements; element++) {
                if (random.nextInt(3) == 0) {
                    int length = 1 + (random.nextInt(4) == 0 ? random.nextInt(300) : random.nextInt(24));
                    stream.literal(randomBytes(length, random), random.nextInt(5));
                } else {
                    int offset = 1 + (random.nextBoolean() ? random.nextInt(Math.min(16, stream.written()))
                            : random.nextInt(stream.written()));
                    int kind = offset < 2048 && random.nextBoolean() ? 1 : 2 + random.nextInt(2);
                    int length = kind == 1 ? 4 + random.nextInt(8) : 1 + random.nextInt(64);
                    stream.copy(offset, length, kind);
                }
            }
            byte[] expected = stream.plain();
            byte[] compressed = stream.compressed();
            assertThat(decode(compressed, expected.length)).as("trial %d", trial).isEqualTo(expected);
            assertThat(Snappy.uncompress(compressed)).isEqualTo(expected);
        }
    }

    @Test
    void damagedStreamsAreIoExceptionsThatSayWhat() {
        byte[] abc = "abcdefgh".getBytes(StandardCharsets.US_ASCII);
        assertRejected(new byte[0], 0, "length header is cut short");
        assertRejected(new byte[] {(byte) 0x80, (byte) 0x80}, 0, "length header is cut short");
        assertRejected(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x7F}, 0,
                "not a length");
        assertRejected(new Stream().literal(abc, 0).compressed(), 9, "declares 8 bytes");
        byte[] cutLiteral = new Stream().literal(abc, 0).compressed();
        assertRejected(Arrays.copyOf(cutLiteral, cutLiteral.length - 1), 8, "runs past the input");
        assertRejected(new Stream().literal(abc, 0).copy(9, 4, 1).compressed(), 12, "from 9 bytes back, after 8");
        assertRejected(new Stream().literal(abc, 0).copy(0, 4, 2).compressed(), 12, "from 0 bytes back");
        byte[] cutCopy = new Stream().literal(abc, 0).copy(3, 4, 3).compressed();
        assertRejected(Arrays.copyOf(cutCopy, cutCopy.length - 2), 12, "offset is cut short");
        assertRejected(withDeclaredLength(new Stream().literal(abc, 0).copy(3, 10, 2).compressed(), 12), 12,
                "runs past the 12 bytes");
        assertRejected(withDeclaredLength(new Stream().literal(abc, 0).compressed(), 10), 10,
                "decompresses to 8 bytes, not 10");
        assertRejected(withDeclaredLength(new Stream().literal(abc, 1).literal(abc, 0).compressed(), 8), 8,
                "runs past the 8 bytes");
    }

    @Test
    void damagedStreamsNeverWriteOutsideTheOutputAndAgreeWithSnappyJava() throws IOException {
        Random random = new Random(17);
        byte[] plain = mixed(20_000);
        byte[] compressed = Snappy.compress(plain);
        int rejected = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] damaged = compressed.clone();
            int changes = 1 + random.nextInt(4);
            for (int change = 0; change < changes; change++) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(4) == 0) {
                damaged = Arrays.copyOf(damaged, random.nextInt(damaged.length));
            }
            byte[] reference = snappyJava(damaged, plain.length);
            try {
                byte[] decoded = decode(damaged, plain.length);
                assertThat(reference).as("trial %d: snappy-java accepts it too", trial).isNotNull();
                assertThat(decoded).as("trial %d", trial).isEqualTo(reference);
            } catch (IOException expected) {
                assertThat(expected).hasMessageStartingWith("corrupt Snappy page: ");
                assertThat(reference).as("trial %d: snappy-java rejects it too (%s)", trial,
                        expected.getMessage()).isNull();
                rejected++;
            }
        }
        assertThat(rejected).as("damaged streams rejected").isGreaterThan(5_000);
    }

    @Test
    void aRangeOutsideItsArrayIsAProgrammingError() {
        assertThatThrownBy(() -> SnappyDecoder.decompress(new byte[4], 2, 4, new byte[8], 0, 8))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> SnappyDecoder.decompress(new byte[4], 0, 4, new byte[8], 4, 8))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** Decodes into the middle of a padded array, checking that the padding is left as it was. */
    private static byte[] decode(byte[] compressed, int length) throws IOException {
        byte[] input = new byte[compressed.length + 2 * PADDING];
        Arrays.fill(input, (byte) 0x3C);
        System.arraycopy(compressed, 0, input, PADDING, compressed.length);
        byte[] output = new byte[length + 2 * PADDING];
        Arrays.fill(output, SENTINEL);
        try {
            SnappyDecoder.decompress(input, PADDING, compressed.length, output, PADDING, length);
        } finally {
            for (int index = 0; index < PADDING; index++) {
                if (output[index] != SENTINEL || output[PADDING + length + index] != SENTINEL) {
                    fail("the decoder wrote outside its output range");
                }
            }
        }
        return Arrays.copyOfRange(output, PADDING, PADDING + length);
    }

    private static void assertRejected(byte[] compressed, int length, String message) {
        assertThatThrownBy(() -> decode(compressed, length)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("corrupt Snappy page: ").hasMessageContaining(message);
    }

    /** snappy-java's result for a stream that must decompress to {@code length} bytes, or null if it rejects it. */
    private static byte[] snappyJava(byte[] compressed, int length) {
        try {
            if (!Snappy.isValidCompressedBuffer(compressed) || Snappy.uncompressedLength(compressed) != length) {
                return null;
            }
            byte[] output = new byte[length];
            return Snappy.uncompress(compressed, 0, compressed.length, output, 0) == length ? output : null;
        } catch (IOException rejected) {
            return null;
        }
    }

    private static byte[] withDeclaredLength(byte[] compressed, int length) {
        int header = 0;
        while (compressed[header] < 0) {
            header++;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Stream.varint(bytes, length);
        bytes.write(compressed, header + 1, compressed.length - header - 1);
        return bytes.toByteArray();
    }

    private static byte[] randomBytes(int size) {
        return randomBytes(size, new Random(size));
    }

    private static byte[] randomBytes(int size, Random random) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Runs of patterns of 1 to 9 bytes: copies that overlap what they write. */
    private static byte[] shortPatterns(int size) {
        Random random = new Random(size + 1L);
        byte[] bytes = new byte[size];
        int position = 0;
        while (position < size) {
            byte[] pattern = randomBytes(1 + random.nextInt(9), random);
            int run = Math.min(size - position, random.nextInt(200));
            for (int index = 0; index < run; index++) {
                bytes[position + index] = pattern[index % pattern.length];
            }
            position += run;
        }
        return bytes;
    }

    /** Doubles with six decimals below 100, as W2's {@code value}: short literals and copies, far offsets. */
    private static byte[] doubles(int size) {
        Random random = new Random(size + 2L);
        ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.remaining() >= Double.BYTES) {
            buffer.putDouble(Math.round(random.nextDouble() * 100e6) / 1e6);
        }
        return buffer.array();
    }

    private static byte[] words(int size) {
        Random random = new Random(size + 3L);
        String[] words = {"pipeline", "batch", "arrow", "parquet", "the", "of", "snappy", "row", "group", "a"};
        StringBuilder text = new StringBuilder();
        while (text.length() < size) {
            text.append(words[random.nextInt(words.length)]).append(random.nextInt(8) == 0 ? ".\n" : " ");
        }
        return Arrays.copyOf(text.toString().getBytes(StandardCharsets.US_ASCII), size);
    }

    private static byte[] mixed(int size) {
        byte[] bytes = new byte[size];
        Random random = new Random(size + 4L);
        int position = 0;
        while (position < size) {
            int length = Math.min(size - position, 1 + random.nextInt(3000));
            byte[] part = switch (random.nextInt(4)) {
                case 0 -> randomBytes(length, random);
                case 1 -> shortPatterns(length);
                case 2 -> doubles(length);
                default -> words(length);
            };
            System.arraycopy(part, 0, bytes, position, length);
            position += length;
        }
        return bytes;
    }

    /** Builds a Snappy stream element by element, with the bytes it decompresses to (decoded byte by byte). */
    private static final class Stream {
        private final ByteArrayOutputStream elements = new ByteArrayOutputStream();
        private final ByteArrayOutputStream plain = new ByteArrayOutputStream();

        int written() {
            return plain.size();
        }

        /** A literal whose length takes {@code lengthBytes} extra bytes (0: in the tag, when it fits). */
        Stream literal(byte[] bytes, int lengthBytes) {
            int value = bytes.length - 1;
            if (lengthBytes == 0 && value < 60) {
                elements.write(value << 2);
            } else {
                int extra = Math.max(lengthBytes, (32 - Integer.numberOfLeadingZeros(value) + 7) / 8);
                extra = Math.max(1, Math.min(4, extra));
                elements.write((59 + extra) << 2);
                for (int index = 0; index < extra; index++) {
                    elements.write(value >>> (8 * index));
                }
            }
            elements.writeBytes(bytes);
            plain.writeBytes(bytes);
            return this;
        }

        /** A copy with a 1-, 2- or 4-byte offset (kind 1, 2 or 3). */
        Stream copy(int offset, int length, int kind) {
            switch (kind) {
                case 1 -> {
                    elements.write(1 | (length - 4) << 2 | (offset >>> 8) << 5);
                    elements.write(offset);
                }
                case 2 -> {
                    elements.write(2 | (length - 1) << 2);
                    elements.write(offset);
                    elements.write(offset >>> 8);
                }
                default -> {
                    elements.write(3 | (length - 1) << 2);
                    for (int index = 0; index < 4; index++) {
                        elements.write(offset >>> (8 * index));
                    }
                }
            }
            int start = plain.size();
            byte[] bytes = Arrays.copyOf(plain.toByteArray(), start + length);
            if (offset > 0 && offset <= start) {
                for (int index = start; index < start + length; index++) {
                    bytes[index] = bytes[index - offset];
                }
            }
            plain.write(bytes, start, length);
            return this;
        }

        byte[] plain() {
            return plain.toByteArray();
        }

        byte[] compressed() {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            varint(stream, plain.size());
            stream.writeBytes(elements.toByteArray());
            return stream.toByteArray();
        }

        static void varint(ByteArrayOutputStream stream, int value) {
            int rest = value;
            while ((rest & ~0x7F) != 0) {
                stream.write(rest & 0x7F | 0x80);
                rest >>>= 7;
            }
            stream.write(rest);
        }
    }
}
