package dev.pipetune.engine.io.parquet;

/**
 * Reusable arrays for decoding one page at a time (its decompressed bytes, levels of top-level columns, dictionary
 * ids) and one chunk's converted dictionary, kept by a reader across column chunks and row groups so that pages do
 * not allocate (and, in {@link ReaderBuffers}, from one reader to the next). Not thread-safe: a reader is used by one
 * thread at a time.
 */
final class DecodeScratch {

    private int[] definitionLevels = new int[0];
    private int[] repetitionLevels = new int[0];
    private int[] values = new int[0];
    private byte[] dictionary = new byte[0];
    private byte[] page = new byte[0];
    private byte[] dictionaryPage = new byte[0];
    private boolean readingDictionaryPage;

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

    /**
     * An array of at least {@code count} bytes for a chunk's converted dictionary, valid while the chunk is decoded:
     * the next chunk's dictionary overwrites it.
     */
    byte[] dictionaryBytes(int count) {
        if (dictionary.length < count) {
            dictionary = new byte[grow(dictionary.length, count)];
        }
        return dictionary;
    }

    /**
     * An array of at least {@code count} bytes for a decompressed page, the same one while it is large enough: valid
     * until the next page is decompressed, or, for a dictionary page (see {@link #readingDictionaryPage}), until the
     * next dictionary page is.
     */
    byte[] pageBytes(int count) {
        if (readingDictionaryPage) {
            if (dictionaryPage.length < count) {
                dictionaryPage = new byte[grow(dictionaryPage.length, count)];
            }
            return dictionaryPage;
        }
        if (page.length < count) {
            page = new byte[grow(page.length, count)];
        }
        return page;
    }

    /**
     * Says whether the page decompressed next is a chunk's dictionary page: it then gets an array of its own, which the
     * chunk's data pages do not overwrite, so decoders may read the dictionary in place while they decode the chunk.
     *
     * @param reading {@code true} just before reading a dictionary page, {@code false} right after
     */
    void readingDictionaryPage(boolean reading) {
        readingDictionaryPage = reading;
    }

    /** The bytes the arrays hold. */
    long retainedBytes() {
        return 4L * (definitionLevels.length + repetitionLevels.length + values.length) + dictionary.length
                + page.length + dictionaryPage.length;
    }

    private static int grow(int current, int required) {
        return (int) Math.min(Integer.MAX_VALUE - 16, Math.max(required, current * 3L / 2));
    }
}
