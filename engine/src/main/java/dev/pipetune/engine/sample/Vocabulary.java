package dev.pipetune.engine.sample;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** The distinct lowercase ASCII words (2 to 10 letters) that the text values and the documents are made of. */
final class Vocabulary {

    private static final int SIZE = 4000;
    private static final int SHORTEST = 2;
    private static final int LONGEST = 10;
    private static final int LETTERS = 26;

    private final String[] words;
    private final byte[][] bytes;

    private Vocabulary(String[] words) {
        this.words = words;
        this.bytes = new byte[words.length][];
        for (int index = 0; index < words.length; index++) {
            bytes[index] = words[index].getBytes(StandardCharsets.US_ASCII);
        }
    }

    /**
     * Builds the vocabulary of a seed.
     *
     * @param seed the dataset's seed
     * @return the vocabulary
     */
    static Vocabulary of(long seed) {
        RandomStream random = RandomStream.of(seed, RandomStream.VOCABULARY);
        String[] words = new String[SIZE];
        Set<String> seen = new HashSet<>();
        char[] letters = new char[LONGEST];
        for (int index = 0; index < SIZE; index++) {
            int length = random.nextInt(SHORTEST, LONGEST);
            String word;
            do {
                for (int position = 0; position < length; position++) {
                    letters[position] = (char) ('a' + random.nextBelow(LETTERS));
                }
                word = new String(letters, 0, length);
            } while (!seen.add(word));
            words[index] = word;
        }
        return new Vocabulary(words);
    }

    /** Returns the number of words. */
    int size() {
        return words.length;
    }

    /**
     * Returns a word.
     *
     * @param index its index, in [0, size())
     * @return the word
     */
    String word(int index) {
        return words[index];
    }

    /**
     * Returns a word's ASCII bytes; the caller must not change them.
     *
     * @param index its index, in [0, size())
     * @return the bytes
     */
    byte[] wordBytes(int index) {
        return bytes[index];
    }

    /**
     * Picks a word.
     *
     * @param random the stream to draw from
     * @return a uniformly chosen word
     */
    String pick(RandomStream random) {
        return words[(int) random.nextBelow(words.length)];
    }
}
