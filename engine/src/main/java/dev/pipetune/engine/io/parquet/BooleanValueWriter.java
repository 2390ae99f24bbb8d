package dev.pipetune.engine.io.parquet;

import dev.pipetune.engine.block.Segments;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;

/** Writes booleans into an Arrow bitmap of one bit per slot. */
final class BooleanValueWriter implements ValueWriter {

    private ArrowBuf buffer;
    private final MemorySegment bits;
    private byte[] dictionary;

    /**
     * Creates a writer and allocates its bitmap.
     *
     * @param capacity the most slots the chunk can have
     * @param allocator the allocator for the bitmap
     */
    BooleanValueWriter(int capacity, BufferAllocator allocator) {
        this.buffer = ArrowSegments.allocate(allocator, ((long) capacity + 7) / 8);
        this.bits = ArrowSegments.of(buffer);
    }

    @Override
    public void readDictionary(ByteBuffer page, int size) {
        byte[] values = new byte[size];
        MemorySegment source = readBits(page, size);
        for (int i = 0; i < size; i++) {
            values[i] = Segments.bit(source, i) ? (byte) 1 : 0;
        }
        dictionary = values;
    }

    @Override
    public int dictionarySize() {
        return dictionary == null ? -1 : dictionary.length;
    }

    @Override
    public void writePlain(ByteBuffer page, int slot, int count) {
        MemorySegment source = readBits(page, count);
        for (int i = 0; i < count; i++) {
            Segments.setBit(bits, (long) slot + i, Segments.bit(source, i));
        }
    }

    @Override
    public void writeDictionary(int[] ids, int slot, int count) {
        for (int i = 0; i < count; i++) {
            Segments.setBit(bits, (long) slot + i, dictionary[ids[i]] != 0);
        }
    }

    @Override
    public void writeBooleans(int[] values, int slot, int count) {
        for (int i = 0; i < count; i++) {
            Segments.setBit(bits, (long) slot + i, values[i] != 0);
        }
    }

    @Override
    public void spread(MemorySegment validity, int slot, int slots, int count) {
        int value = count - 1;
        for (int index = slots - 1; index > value; index--) {
            if (Segments.bit(validity, slot + index)) {
                Segments.setBit(bits, (long) slot + index, Segments.bit(bits, (long) slot + value));
                value--;
            } else {
                Segments.setBit(bits, (long) slot + index, false);
            }
        }
    }

    @Override
    public List<ArrowBuf> finish(int slotCount) {
        ArrowBuf result = buffer;
        result.writerIndex(((long) slotCount + 7) / 8);
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

    /** Returns the bit-packed booleans at the page's position and moves it past them. */
    private static MemorySegment readBits(ByteBuffer page, int count) {
        MemorySegment source = ArrowSegments.of(page);
        long bytes = ((long) count + 7) / 8;
        if (source.byteSize() < bytes) {
            throw new CorruptDataException("page ends before its " + count + " boolean values");
        }
        ArrowSegments.skip(page, bytes);
        return source;
    }
}
