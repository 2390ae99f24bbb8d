package dev.pipetune.engine.io.parquet;

/**
 * The decoded contents of one column chunk: its definition and repetition levels (one entry per value slot,
 * nulls and empty lists included) and its non-null values.
 */
final class LeafData {

    private final int[] definitionLevels;
    private final int[] repetitionLevels;
    private final ValueBuffer values;
    private final int capacity;
    private int levelCount;

    /**
     * Creates empty data for a column chunk.
     *
     * @param levelCapacity the chunk's number of level entries
     * @param maxDefinition the column's maximum definition level (no array is kept when 0)
     * @param maxRepetition the column's maximum repetition level (no array is kept when 0)
     * @param values the buffer for the non-null values
     */
    LeafData(int levelCapacity, int maxDefinition, int maxRepetition, ValueBuffer values) {
        this.definitionLevels = maxDefinition > 0 ? new int[levelCapacity] : null;
        this.repetitionLevels = maxRepetition > 0 ? new int[levelCapacity] : null;
        this.values = values;
        this.capacity = levelCapacity;
    }

    /** The definition levels, or {@code null} when every entry is at level 0. */
    int[] definitionLevels() {
        return definitionLevels;
    }

    /** The repetition levels, or {@code null} when every entry is at level 0. */
    int[] repetitionLevels() {
        return repetitionLevels;
    }

    ValueBuffer values() {
        return values;
    }

    int levelCount() {
        return levelCount;
    }

    int capacity() {
        return capacity;
    }

    void addLevels(int count) {
        levelCount += count;
    }

    int definitionLevel(int index) {
        return definitionLevels == null ? 0 : definitionLevels[index];
    }

    int repetitionLevel(int index) {
        return repetitionLevels == null ? 0 : repetitionLevels[index];
    }
}
