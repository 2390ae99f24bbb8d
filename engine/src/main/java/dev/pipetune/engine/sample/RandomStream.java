package dev.pipetune.engine.sample;

/**
 * A deterministic stream of pseudo-random numbers: SplitMix64 (a counter advanced by a fixed odd gamma, then
 * mixed), keyed by a seed and a path of stream numbers. The output is defined here bit for bit, so it is the same on
 * every JVM and machine, and independent streams ({@code of(seed, column, chunk, ...)}) can be generated in any
 * order or in parallel.
 *
 * <p>Not thread-safe; each stream belongs to one generator.
 */
final class RandomStream {

    /** The stream of the vocabulary's words. */
    static final long VOCABULARY = 1;
    /** The stream of the text corpus the {@code text} values are cut from. */
    static final long CORPUS = 2;
    /** The streams of the documents, one per document. */
    static final long DOCUMENTS = 3;
    /** The streams of the events, one per column and slice. */
    static final long EVENTS = 100;

    private static final long GAMMA = 0x9e3779b97f4a7c15L;
    private static final long PATH_SALT = 0x632be59bd9b4e019L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;
    private static final int DOUBLE_SHIFT = 11;
    private static final int KEY_ROTATION = 17;

    private long state;

    private RandomStream(long state) {
        this.state = state;
    }

    /**
     * Returns the stream for a seed and a path of stream numbers; different paths give unrelated streams.
     *
     * @param seed the dataset's seed
     * @param path the stream's numbers, for example (events, file, row group, slice, column)
     * @return a new stream
     */
    static RandomStream of(long seed, long... path) {
        long key = mix(seed ^ PATH_SALT);
        for (long part : path) {
            key = mix(Long.rotateLeft(key, KEY_ROTATION) ^ mix(part + PATH_SALT));
        }
        return new RandomStream(key);
    }

    /** Returns the next 64 random bits. */
    long nextLong() {
        state += GAMMA;
        return mix(state);
    }

    /**
     * Returns a number in [0, bound), by the high half of the 128-bit product of 64 random bits and the bound (its
     * bias, below bound / 2^64, does not matter here; it keeps one draw per value).
     *
     * @param bound the exclusive upper bound, positive
     * @return the number
     */
    long nextBelow(long bound) {
        return Math.unsignedMultiplyHigh(nextLong(), bound);
    }

    /**
     * Returns an int in [from, to], both inclusive.
     *
     * @param from the smallest value
     * @param to the largest value, at least {@code from}
     * @return the number
     */
    int nextInt(int from, int to) {
        return from + (int) nextBelow((long) to - from + 1);
    }

    /** Returns a double in [0, 1) with 53 random bits. */
    double nextDouble() {
        return (nextLong() >>> DOUBLE_SHIFT) * DOUBLE_UNIT;
    }

    /** Stafford's variant 13 of the MurmurHash3 finalizer, as in SplitMix64. */
    private static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
