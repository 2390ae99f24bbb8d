package dev.pipetune.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The encoder's output decodes with parquet-java's RLE/bit-packed hybrid decoder to the same values. */
class RleBitPackedEncoderTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 8, 13, 17, 24, 31, 32})
    void intsDecodeToTheSameValues(int bitWidth) throws IOException {
        Random random = new Random(bitWidth);
        for (int count : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 100, 1000, 5003}) {
            int[] values = runsAndNoise(random, count, bitWidth);
            ByteSink out = new ByteSink(16);
            RleBitPackedEncoder.encodeInts(values, count, bitWidth, out);

            assertThat(decode(out, bitWidth, count)).as("%d values", count).containsExactly(values);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 8, 15, 16, 17, 24, 64, 1000, 4097})
    void bitsDecodeToTheSameValues(int count) throws IOException {
        Random random = new Random(count);
        for (int pattern = 0; pattern < 4; pattern++) {
            int[] values = switch (pattern) {
                case 0 -> filled(count, 1);
                case 1 -> filled(count, 0);
                default -> runsAndNoise(random, count, 1);
            };
            BitBuffer bits = new BitBuffer();
            for (int value : values) {
                bits.append(value == 1);
            }
            ByteSink out = new ByteSink(16);
            RleBitPackedEncoder.encodeBits(bits, out);

            assertThat(decode(out, 1, count)).as("pattern %d", pattern).containsExactly(values);
            if (pattern == 0 && count > 0) {
                assertThat(out.size()).as("all-valid levels are one RLE run").isLessThanOrEqualTo(4);
            }
        }
    }

    private static int[] filled(int count, int value) {
        int[] values = new int[count];
        Arrays.fill(values, value);
        return values;
    }

    /** Runs of random length (some long enough for RLE) mixed with random values. */
    private static int[] runsAndNoise(Random random, int count, int bitWidth) {
        long limit = 1L << bitWidth;
        int[] values = new int[count];
        int index = 0;
        while (index < count) {
            int value = (int) (random.nextLong() & (limit - 1));
            int length = random.nextInt(4) == 0 ? 1 + random.nextInt(60) : 1;
            for (int end = Math.min(count, index + length); index < end; index++) {
                values[index] = value;
            }
        }
        return values;
    }

    private static int[] decode(ByteSink encoded, int bitWidth, int count) throws IOException {
        RunLengthBitPackingHybridDecoder decoder = new RunLengthBitPackingHybridDecoder(bitWidth,
                new ByteArrayInputStream(encoded.array(), 0, encoded.size()));
        int[] values = new int[count];
        for (int index = 0; index < count; index++) {
            values[index] = decoder.readInt();
        }
        return values;
    }
}
