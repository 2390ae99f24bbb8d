package dev.pipetune.engine.io.parquet;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;

/**
 * Writes one column chunk's non-null values straight into the Arrow buffers of its vector, converting physical
 * values as they are written.
 *
 * <p>A chunk's values arrive page by page. Each call writes a page's values compactly from a slot: value {@code i}
 * goes to slot {@code slot + i}. When the page has null slots among them, {@link #spread} then moves the values to
 * their slots (walking backwards, in place) and clears the null slots. Every call works on whole pages, so the
 * per-value loops are monomorphic and free of virtual calls.
 *
 * <p>Ownership: the writer owns its buffers until {@link #finish} hands them over; {@link #close()} releases
 * whatever it still owns, so a failed chunk leaks nothing.
 */
sealed interface ValueWriter extends AutoCloseable
        permits FixedValueWriter, VariableValueWriter, BooleanValueWriter, NullValueWriter,
        DictionaryIdWriter {

    /**
     * Decodes a PLAIN dictionary page into the dictionary that {@link #writeDictionary} gathers from.
     *
     * @param page the page's bytes at their position
     * @param size the number of entries
     * @throws CorruptDataException when the page holds fewer entries
     */
    void readDictionary(ByteBuffer page, int size);

    /**
     * Returns the number of dictionary entries.
     *
     * @return the size, or -1 when the chunk has no dictionary
     */
    int dictionarySize();

    /**
     * Writes PLAIN encoded values from a page and moves the page's position past them.
     *
     * @param page the page's bytes at the first value
     * @param slot the slot of the first value
     * @param count the number of values
     * @throws CorruptDataException when the page ends early or a value is malformed
     */
    void writePlain(ByteBuffer page, int slot, int count);

    /**
     * Writes dictionary entries by id.
     *
     * @param ids dictionary ids, already checked to be below {@link #dictionarySize()}
     * @param slot the slot of the first value
     * @param count the number of ids
     */
    void writeDictionary(int[] ids, int slot, int count);

    /**
     * Writes booleans decoded from an RLE page (0 or 1 each).
     *
     * @param values the values
     * @param slot the slot of the first value
     * @param count the number of values
     * @throws CorruptDataException when the column is not boolean
     */
    void writeBooleans(int[] values, int slot, int count);

    /**
     * Moves the values of a page written compactly from {@code slot} to their slots.
     *
     * @param validity the chunk's validity bitmap, whose bits for the page's slots are set
     * @param slot the page's first slot
     * @param slots the page's number of slots
     * @param values the page's number of values (non-null slots)
     */
    void spread(MemorySegment validity, int slot, int slots, int values);

    /**
     * Hands over the value buffers, in the Arrow layout's order after the validity buffer.
     *
     * @param slotCount the chunk's number of slots
     * @return the buffers, now owned by the caller
     */
    List<ArrowBuf> finish(int slotCount);

    /** Releases the buffers the writer still owns. */
    @Override
    void close();
}
