package dev.pipetune.engine.io.parquet;

/**
 * Reusable int arrays for decoding one page at a time (levels of top-level columns, dictionary ids), kept by a
 * reader across column chunks and row groups so that pages do not allocate. Not thread-safe: a reader is used by
 * one thread at a time.
 */
final class DecodeScratch {

    private int[] definitionLevels = new int[0];
    private int[] repetitionLevels = new int[0];
    private int[] values = new int[0];

    /** An array of at least {@code count} entries for a page's definition levels. */
    int[] definitionLevels(int count) {
        if (definitionLevels.length < count) {
            definitionLevels = new int[grow(definitionLevels.length, count)];
        }
        return definitionLevels;
    }

    /** An array of at least {@code count} entries for a page's repetition levels. */
    int[] repetitionLevels(int count) {
        if (repetitionLevels.length < count) {
            repetitionLevels = new int[grow(repetitionLevels.length, count)];
        }
        return repetitionLevels;
    }

    /** An array of at least {@code count} entries for a page's dictionary ids or RLE booleans. */
    int[] values(int count) {
        if (values.length < count) {
            values = new int[grow(values.length, count)];
        }
        return values;
    }

    private static int grow(int current, int required) {
        return (int) Math.min(Integer.MAX_VALUE - 16, Math.max(required, current * 3L / 2));
    }
}
