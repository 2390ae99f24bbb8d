package dev.pipetune.engine.sample;

/**
 * What {@link SampleData} generates.
 *
 * @param rows the number of events, at least 1
 * @param docs the number of documents, 0 to {@value #MAX_DOCS}
 * @param seed the seed every value derives from
 */
public record SampleDataOptions(long rows, int docs, long seed) {

    /** The default number of events of the bundled sample data. */
    public static final long DEFAULT_ROWS = 1_000_000;
    /** The default number of documents. */
    public static final int DEFAULT_DOCS = 2_000;
    /** The default seed, the reference generator's. */
    public static final long DEFAULT_SEED = 20_240_601;
    /** The most documents: their names have five digits. */
    public static final int MAX_DOCS = 100_000;

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if {@code rows} is below 1 or {@code docs} is outside [0, {@value #MAX_DOCS}]
     */
    public SampleDataOptions {
        if (rows < 1) {
            throw new IllegalArgumentException("the number of rows must be at least 1, got " + rows);
        }
        if (docs < 0 || docs > MAX_DOCS) {
            throw new IllegalArgumentException("the number of documents must be between 0 and " + MAX_DOCS + ", got "
                    + docs);
        }
    }

    /** Returns the defaults: 1,000,000 events, 2,000 documents, seed 20240601. */
    public static SampleDataOptions defaults() {
        return new SampleDataOptions(DEFAULT_ROWS, DEFAULT_DOCS, DEFAULT_SEED);
    }

    /**
     * Returns these options with another number of events.
     *
     * @param count the number of events, at least 1
     * @return the new options
     */
    public SampleDataOptions withRows(long count) {
        return new SampleDataOptions(count, docs, seed);
    }

    /**
     * Returns these options with another number of documents.
     *
     * @param count the number of documents
     * @return the new options
     */
    public SampleDataOptions withDocs(int count) {
        return new SampleDataOptions(rows, count, seed);
    }

    /**
     * Returns these options with another seed.
     *
     * @param value the seed
     * @return the new options
     */
    public SampleDataOptions withSeed(long value) {
        return new SampleDataOptions(rows, docs, value);
    }
}
