package dev.pipetune.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputDecompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/**
 * Snappy pages decompress the same wherever their bytes lie (a heap array read in place, a direct buffer,
 * parquet-java's buffer-to-buffer call), and a damaged page is an {@link IOException} either way.
 */
class ReaderCodecFactoryTest {

    private final byte[] plain = pageBytes();
    private final BytesInputDecompressor snappy = new ReaderCodecFactory(new DecodeScratch())
            .getDecompressor(CompressionCodecName.SNAPPY);

    @Test
    void aSnappyPageOnTheHeapOrOffItGivesTheSameBytes() throws IOException {
        byte[] compressed = Snappy.compress(plain);
        ByteBuffer slice = ByteBuffer.wrap(withPadding(compressed), 3, compressed.length).slice();

        assertThat(snappy.decompress(BytesInput.from(slice), plain.length).toByteArray()).isEqualTo(plain);
        assertThat(snappy.decompress(BytesInput.from(direct(compressed)), plain.length).toByteArray())
                .isEqualTo(plain);

        ByteBuffer output = ByteBuffer.allocate(plain.length);
        snappy.decompress(direct(compressed), compressed.length, output, plain.length);
        assertThat(output.array()).isEqualTo(plain);
    }

    @Test
    void aDamagedSnappyPageIsAnIoExceptionOnTheHeapOrOffIt() throws IOException {
        byte[] compressed = Snappy.compress(plain);
        byte[] cut = Arrays.copyOf(compressed, compressed.length / 2);

        assertThatThrownBy(() -> snappy.decompress(BytesInput.from(cut), plain.length))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> snappy.decompress(BytesInput.from(direct(cut)), plain.length))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> snappy.decompress(BytesInput.from(compressed), plain.length + 1))
                .isInstanceOf(IOException.class).hasMessageContaining("corrupt Snappy page");
    }

    private static byte[] pageBytes() {
        byte[] bytes = new byte[100_000];
        Random random = new Random(11);
        for (int index = 0; index < bytes.length; index++) {
            bytes[index] = (byte) (random.nextInt(7) * 31);
        }
        return bytes;
    }

    private static byte[] withPadding(byte[] bytes) {
        byte[] padded = new byte[bytes.length + 6];
        System.arraycopy(bytes, 0, padded, 3, bytes.length);
        return padded;
    }

    private static ByteBuffer direct(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
        buffer.put(bytes).flip();
        return buffer;
    }
}
