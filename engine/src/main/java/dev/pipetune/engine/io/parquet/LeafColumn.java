package dev.pipetune.engine.io.parquet;

import java.util.List;
import org.apache.arrow.memory.ArrowBuf;

/**
 * One decoded column chunk: the Arrow buffers of its leaf vector, and its Dremel levels when a parent node (struct,
 * list, map) needs them to compute its own slots.
 *
 * <p>Ownership: the column owns its buffers until {@link #close()}; a record batch built from them retains its own
 * references.
 */
final class LeafColumn implements AutoCloseable {

    private final int levelCount;
    private final int[] definitionLevels;
    private final int[] repetitionLevels;
    private final int slotCount;
    private final int nullCount;
    private final List<ArrowBuf> buffers;
    private final DictionaryValues dictionary;

    /**
     * Creates a decoded column.
     *
     * @param levelCount the number of level entries (value slots, nulls and empty lists included)
     * @param definitionLevels the definition levels, or {@code null} when not kept or every entry is at level 0
     * @param repetitionLevels the repetition levels, or {@code null} when not kept or every entry is at level 0
     * @param slotCount the number of the leaf vector's slots
     * @param nullCount the number of its null slots
     * @param buffers its buffers in the Arrow layout's order (validity first; none for a null vector)
     */
    LeafColumn(int levelCount, int[] definitionLevels, int[] repetitionLevels, int slotCount, int nullCount,
            List<ArrowBuf> buffers) {
        this(levelCount, definitionLevels, repetitionLevels, slotCount, nullCount, buffers, null);
    }

    /**
     * Creates a decoded column whose values are dictionary ids (32-bit indices into {@code dictionary}).
     *
     * @param levelCount the number of level entries
     * @param definitionLevels the definition levels, or {@code null}
     * @param repetitionLevels the repetition levels, or {@code null}
     * @param slotCount the number of the leaf vector's slots
     * @param nullCount the number of its null slots
     * @param buffers its buffers: validity, then indices
     * @param dictionary the entries the indices refer to, or {@code null} when the values are not ids
     */
    LeafColumn(int levelCount, int[] definitionLevels, int[] repetitionLevels, int slotCount, int nullCount,
            List<ArrowBuf> buffers, DictionaryValues dictionary) {
        this.dictionary = dictionary;
        this.levelCount = levelCount;
        this.definitionLevels = definitionLevels;
        this.repetitionLevels = repetitionLevels;
        this.slotCount = slotCount;
        this.nullCount = nullCount;
        this.buffers = List.copyOf(buffers);
    }

    int levelCount() {
        return levelCount;
    }

    /** The definition levels, or {@code null} when every entry is at level 0 or the levels were not kept. */
    int[] definitionLevels() {
        return definitionLevels;
    }

    /** The repetition levels, or {@code null} when every entry is at level 0 or the levels were not kept. */
    int[] repetitionLevels() {
        return repetitionLevels;
    }

    int definitionLevel(int index) {
        return definitionLevels == null ? 0 : definitionLevels[index];
    }

    int repetitionLevel(int index) {
        return repetitionLevels == null ? 0 : repetitionLevels[index];
    }

    int slotCount() {
        return slotCount;
    }

    int nullCount() {
        return nullCount;
    }

    /** The dictionary the values index into, or {@code null} when the buffers hold the values themselves. */
    DictionaryValues dictionary() {
        return dictionary;
    }

    List<ArrowBuf> buffers() {
        return buffers;
    }

    @Override
    public void close() {
        buffers.forEach(ArrowBuf::close);
    }
}
