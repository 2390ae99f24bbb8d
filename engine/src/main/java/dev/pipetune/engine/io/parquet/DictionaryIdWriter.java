package dev.pipetune.engine.io.parquet;

import static dev.pipetune.engine.io.parquet.ArrowSegments.INT;

import dev.pipetune.engine.block.Segments;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Writes the dictionary ids of a column chunk (of byte arrays, or of fixed-width numbers), instead of the values they
 * stand for, into a buffer of 32-bit indices, and keeps the chunk's dictionary (see {@link #dictionary()}). Only for
 * chunks whose every data page is dictionary encoded: a PLAIN page is an error.
 */
final class DictionaryIdWriter implements ValueWriter {

    private ArrowBuf buffer;
    private final MemorySegment values;
    private final DictionaryParser parser;
    private DictionaryValues dictionary;

    /** Decodes a PLAIN dictionary page into its entries. */
    @FunctionalInterface
    interface DictionaryParser {
        /**
         * Decodes the entries.
         *
         * @param page the page's bytes at their position
         * @param size the number of entries
         * @return the entries
         */
        DictionaryValues parse(ByteBuffer page, int size);
    }

    /**
     * Creates a writer and allocates its index buffer.
     *
     * @param capacity the most slots the chunk can have
     * @param allocator the allocator for the buffer
     * @param parser how the chunk's dictionary page becomes entries
     */
    DictionaryIdWriter(int capacity, BufferAllocator allocator, DictionaryParser parser) {
        this.parser = parser;
        this.buffer = ArrowSegments.allocate(allocator, (long) capacity * Integer.BYTES);
        this.values = ArrowSegments.of(buffer);
    }

    @Override
    public void readDictionary(ByteBuffer page, int size) {
        dictionary = parser.parse(page, size);
    }

    @Override
    public int dictionarySize() {
        return dictionary == null ? -1 : dictionary.size();
    }

    /** Returns the chunk's dictionary, or {@code null} when it has none. */
    DictionaryValues dictionary() {
        return dictionary;
    }

    @Override
    public void writePlain(ByteBuffer page, int slot, int count) {
        throw new CorruptDataException("a PLAIN encoded page in a column chunk whose metadata says that every data "
                + "page is dictionary encoded");
    }

    @Override
    public void writeDictionary(int[] ids, int slot, int count) {
        MemorySegment.copy(ids, 0, values, INT, (long) slot * Integer.BYTES, count);
    }

    @Override
    public void writeBooleans(int[] booleans, int slot, int count) {
        throw new CorruptDataException("RLE encoded values in a dictionary encoded column");
    }

    @Override
    public void spread(MemorySegment validity, int slot, int slots, int count) {
        MemorySegment target = values;
        long base = (long) slot * Integer.BYTES;
        int value = count - 1;
        for (int index = slots - 1; index > value; index--) {
            long to = base + (long) index * Integer.BYTES;
            if (Segments.bit(validity, slot + index)) {
                target.set(INT, to, target.get(INT, base + (long) value * Integer.BYTES));
                value--;
            } else {
                target.set(INT, to, 0);
            }
        }
    }

    @Override
    public List<ArrowBuf> finish(int slotCount) {
        ArrowBuf result = buffer;
        result.writerIndex((long) slotCount * Integer.BYTES);
        buffer = null;
        return List.of(result);
    }

    @Override
    public void close() {
        if (buffer != null) {
            buffer.close();
            buffer = null;
        }
    }
}
