package dev.pipetune.engine.sample;

/**
 * One long ASCII text of vocabulary words separated by single spaces; the events' {@code text} values are slices of
 * it, as in the reference generator.
 */
final class TextCorpus {

    /** The corpus length in bytes. */
    static final int LENGTH = 1 << 20;

    private static final byte SPACE = ' ';

    private final byte[] bytes;

    private TextCorpus(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Builds the corpus of a seed.
     *
     * @param seed the dataset's seed
     * @param vocabulary the words to use
     * @return the corpus
     */
    static TextCorpus of(long seed, Vocabulary vocabulary) {
        RandomStream random = RandomStream.of(seed, RandomStream.CORPUS);
        byte[] bytes = new byte[LENGTH];
        int position = 0;
        while (position < LENGTH) {
            if (position > 0) {
                bytes[position++] = SPACE;
            }
            byte[] word = vocabulary.wordBytes((int) random.nextBelow(vocabulary.size()));
            int length = Math.min(word.length, LENGTH - position);
            System.arraycopy(word, 0, bytes, position, length);
            position += length;
        }
        return new TextCorpus(bytes);
    }

    /** Returns the corpus bytes; the caller must not change them. */
    byte[] bytes() {
        return bytes;
    }
}
