package dev.pipetune.engine.sample;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Generates slices of events into Arrow vectors, column by column, without boxing. Each column of each slice draws
 * from its own {@link RandomStream}, keyed by the slice's {@link EventSlice#key()} and the column's position, so a
 * slice's values depend only on the seed and the slice, never on the order slices are generated in.
 *
 * <p>Thread-safe: the generator holds only immutable tables; slices may be generated concurrently.
 */
final class EventGenerator {

    /** 2024-01-01T00:00:00 in microseconds since the epoch. */
    static final long EPOCH_2024_MICROS = 1_704_067_200_000_000L;
    /** 366 days in microseconds. */
    static final long YEAR_MICROS = 366L * 86_400 * 1_000_000;
    /** The number of users. */
    static final long USERS = 1_000_000;
    /** Values are multiples of 2^-20. */
    static final int VALUE_SCALE_BITS = 20;
    /** Values are below 100. */
    static final long VALUE_LIMIT = 100;
    static final int SHORTEST_TEXT = 20;
    static final int LONGEST_TEXT = 200;
    static final int SMALLEST_QUANTITY = 1;
    static final int LARGEST_QUANTITY = 10;

    private static final double VALUE_UNIT = 0x1.0p-20;
    private static final double HALF = 0.5;
    private static final int TIMESTAMP_COLUMN = 1;
    private static final int USER_COLUMN = 2;
    private static final int CATEGORY_COLUMN = 3;
    private static final int VALUE_COLUMN = 4;
    private static final int QUANTITY_COLUMN = 5;
    private static final int FLAG_COLUMN = 6;
    private static final int TEXT_COLUMN = 7;
    private static final int FIRST_EXTRA_COLUMN = 8;
    private static final long CATEGORY_BYTES = 11;

    private final long seed;
    private final byte[] corpus;

    /**
     * Creates a generator.
     *
     * @param seed the dataset's seed
     * @param corpus the text the {@code text} values are cut from
     */
    EventGenerator(long seed, TextCorpus corpus) {
        this.seed = seed;
        this.corpus = corpus.bytes();
    }

    /**
     * Generates a slice.
     *
     * @param slice which rows
     * @param allocator where the vectors are allocated
     * @return a new batch of {@code slice.rows()} rows with {@link EventSchema#SCHEMA}, owned by the caller
     */
    VectorSchemaRoot generate(EventSlice slice, BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(EventSchema.SCHEMA, allocator);
        try {
            int rows = slice.rows();
            fillIds((BigIntVector) root.getVector(EventSchema.ID), slice.firstRow(), rows);
            fillTimestamps((TimeStampMicroVector) root.getVector(EventSchema.TIMESTAMP),
                    stream(slice, TIMESTAMP_COLUMN), rows);
            fillUsers((BigIntVector) root.getVector(EventSchema.USER_ID), stream(slice, USER_COLUMN), rows);
            fillCategories((VarCharVector) root.getVector(EventSchema.CATEGORY), stream(slice, CATEGORY_COLUMN),
                    rows);
            fillValues((Float8Vector) root.getVector(EventSchema.VALUE), stream(slice, VALUE_COLUMN), rows);
            fillQuantities((IntVector) root.getVector(EventSchema.QUANTITY), stream(slice, QUANTITY_COLUMN), rows);
            fillFlags((BitVector) root.getVector(EventSchema.FLAG), stream(slice, FLAG_COLUMN), rows);
            fillTexts((VarCharVector) root.getVector(EventSchema.TEXT), stream(slice, TEXT_COLUMN), rows);
            for (int extra = 0; extra < EventSchema.EXTRA_COLUMNS; extra++) {
                fillUniform((Float8Vector) root.getVector(EventSchema.extraColumn(extra)),
                        stream(slice, FIRST_EXTRA_COLUMN + extra), rows);
            }
            root.setRowCount(rows);
            return root;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    private RandomStream stream(EventSlice slice, int column) {
        return RandomStream.of(seed, RandomStream.EVENTS, slice.key(), column);
    }

    private static void fillIds(BigIntVector vector, long firstRow, int rows) {
        vector.allocateNew(rows);
        for (int row = 0; row < rows; row++) {
            vector.set(row, firstRow + row);
        }
        vector.setValueCount(rows);
    }

    private static void fillTimestamps(TimeStampMicroVector vector, RandomStream random, int rows) {
        vector.allocateNew(rows);
        for (int row = 0; row < rows; row++) {
            vector.set(row, EPOCH_2024_MICROS + random.nextBelow(YEAR_MICROS));
        }
        vector.setValueCount(rows);
    }

    private static void fillUsers(BigIntVector vector, RandomStream random, int rows) {
        vector.allocateNew(rows);
        for (int row = 0; row < rows; row++) {
            vector.set(row, random.nextBelow(USERS));
        }
        vector.setValueCount(rows);
    }

    private static void fillCategories(VarCharVector vector, RandomStream random, int rows) {
        vector.allocateNew(CATEGORY_BYTES * rows, rows);
        for (int row = 0; row < rows; row++) {
            byte[] name = Categories.nameBytes(Categories.draw(random));
            vector.set(row, name, 0, name.length);
        }
        vector.setValueCount(rows);
    }

    private static void fillValues(Float8Vector vector, RandomStream random, int rows) {
        vector.allocateNew(rows);
        long limit = VALUE_LIMIT << VALUE_SCALE_BITS;
        for (int row = 0; row < rows; row++) {
            vector.set(row, random.nextBelow(limit) * VALUE_UNIT);
        }
        vector.setValueCount(rows);
    }

    private static void fillQuantities(IntVector vector, RandomStream random, int rows) {
        vector.allocateNew(rows);
        for (int row = 0; row < rows; row++) {
            vector.set(row, random.nextInt(SMALLEST_QUANTITY, LARGEST_QUANTITY));
        }
        vector.setValueCount(rows);
    }

    private static void fillFlags(BitVector vector, RandomStream random, int rows) {
        vector.allocateNew(rows);
        for (int row = 0; row < rows; row++) {
            vector.set(row, random.nextDouble() < HALF ? 1 : 0);
        }
        vector.setValueCount(rows);
    }

    private void fillTexts(VarCharVector vector, RandomStream random, int rows) {
        int[] lengths = new int[rows];
        int[] starts = new int[rows];
        long total = 0;
        for (int row = 0; row < rows; row++) {
            lengths[row] = random.nextInt(SHORTEST_TEXT, LONGEST_TEXT);
            starts[row] = (int) random.nextBelow(corpus.length - LONGEST_TEXT);
            total += lengths[row];
        }
        vector.allocateNew(total, rows);
        for (int row = 0; row < rows; row++) {
            vector.set(row, corpus, starts[row], lengths[row]);
        }
        vector.setValueCount(rows);
    }

    private static void fillUniform(Float8Vector vector, RandomStream random, int rows) {
        vector.allocateNew(rows);
        for (int row = 0; row < rows; row++) {
            vector.set(row, random.nextDouble());
        }
        vector.setValueCount(rows);
    }
}
