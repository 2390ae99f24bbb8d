package dev.pipetune.engine.sample;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The 50 categories {@code category_00} to {@code category_49}, drawn with P(i) proportional to 1/sqrt(i+1) by
 * searching a uniform double in the cumulative distribution.
 */
final class Categories {

    /** The number of categories. */
    static final int COUNT = 50;

    private static final byte[][] NAMES = new byte[COUNT][];
    private static final double[] CUMULATIVE = new double[COUNT];

    static {
        double total = 0;
        for (int index = 0; index < COUNT; index++) {
            NAMES[index] = name(index).getBytes(StandardCharsets.US_ASCII);
            total += 1 / Math.sqrt(index + 1);
        }
        double sum = 0;
        for (int index = 0; index < COUNT; index++) {
            sum += 1 / Math.sqrt(index + 1);
            CUMULATIVE[index] = sum / total;
        }
        CUMULATIVE[COUNT - 1] = 1;
    }

    private Categories() {
    }

    /**
     * Returns a category's name.
     *
     * @param index the category, in [0, 50)
     * @return {@code category_NN}
     */
    static String name(int index) {
        return "category_%02d".formatted(index);
    }

    /**
     * Returns a category's name as ASCII bytes; the caller must not change them.
     *
     * @param index the category, in [0, 50)
     * @return the bytes
     */
    static byte[] nameBytes(int index) {
        return NAMES[index];
    }

    /**
     * Draws a category.
     *
     * @param random the stream to draw from
     * @return the category's index
     */
    static int draw(RandomStream random) {
        int found = Arrays.binarySearch(CUMULATIVE, random.nextDouble());
        return found >= 0 ? found + 1 : -found - 1;
    }
}
