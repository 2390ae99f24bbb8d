package dev.pipetune.engine.io.parquet;

import static dev.pipetune.engine.io.parquet.ArrowSegments.INT;
import static dev.pipetune.engine.io.parquet.ArrowSegments.LONG;

import dev.pipetune.engine.block.Segments;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Writes variable-width Arrow values (strings, binary) into an offsets buffer of {@code slots + 1} entries and a
 * data buffer. The data buffer is sized once from the first page's needs and a chunk-wide estimate (the dictionary's
 * mean length × the chunk's slots, or the chunk's uncompressed size) and grows only when a page needs more: before
 * each page the exact bytes it adds are known (PLAIN: the page's size; dictionary: the sum of the gathered
 * lengths).
 *
 * <p>Short values are copied as one or two 8-byte words: the dictionary is padded and the data buffer keeps
 * {@value #SLACK} spare bytes, so a word may run past a value's end and the next value overwrites the excess.
 */
final class VariableValueWriter implements ValueWriter {

    private static final int SLACK = 16;

    private final BufferAllocator allocator;
    private final long sizeHint;
    private final int capacity;
    private ArrowBuf offsetBuffer;
    private final MemorySegment offsets;
    private ArrowBuf dataBuffer;
    private MemorySegment data;
    private long dataLength;
    private MemorySegment dictionary;
    private int[] dictionaryOffsets;
    private int dictionarySize = -1;

    /**
     * Creates a writer and allocates its offsets buffer.
     *
     * @param capacity the most slots the chunk can have
     * @param sizeHint the chunk's uncompressed size, to size the data buffer when there is no dictionary
     * @param allocator the allocator for the buffers
     */
    VariableValueWriter(int capacity, long sizeHint, BufferAllocator allocator) {
        this.allocator = allocator;
        this.capacity = capacity;
        this.sizeHint = sizeHint;
        this.offsetBuffer = ArrowSegments.allocate(allocator, ((long) capacity + 1) * Integer.BYTES);
        this.offsets = ArrowSegments.of(offsetBuffer);
        offsets.set(INT, 0, 0);
    }

    @Override
    public void readDictionary(ByteBuffer page, int size) {
        DictionaryValues parsed = parseDictionary(page, size, SLACK);
        dictionary = MemorySegment.ofArray(parsed.bytes());
        dictionaryOffsets = parsed.offsets();
        dictionarySize = size;
    }

    /**
     * Decodes a PLAIN dictionary page of byte arrays into its entries, back to back.
     *
     * @param page the page's bytes at their position, moved past the entries
     * @param size the number of entries
     * @param padding spare bytes to leave after the entries
     * @return the entries
     */
    static DictionaryValues parseDictionary(ByteBuffer page, int size, int padding) {
        MemorySegment source = ArrowSegments.of(page);
        long pageSize = source.byteSize();
        if (size > pageSize / Integer.BYTES) {
            throw new CorruptDataException("dictionary page of " + pageSize + " bytes cannot hold " + size
                    + " byte arrays");
        }
        byte[] bytes = new byte[(int) pageSize + padding];
        MemorySegment target = MemorySegment.ofArray(bytes);
        int[] starts = new int[size + 1];
        long position = 0;
        int length = 0;
        for (int i = 0; i < size; i++) {
            int valueLength = readLength(source, position, i, size);
            position += Integer.BYTES;
            MemorySegment.copy(source, position, target, length, valueLength);
            position += valueLength;
            length += valueLength;
            starts[i + 1] = length;
        }
        ArrowSegments.skip(page, position);
        return new DictionaryValues(bytes, starts, size);
    }

    @Override
    public int dictionarySize() {
        return dictionarySize;
    }

    @Override
    public void writePlain(ByteBuffer page, int slot, int count) {
        MemorySegment source = ArrowSegments.of(page);
        long size = source.byteSize();
        ensureData(size);
        MemorySegment target = data;
        long end = dataLength;
        long position = 0;
        for (int i = 0; i < count; i++) {
            int length = readLength(source, position, i, count);
            position += Integer.BYTES;
            if (length <= Long.BYTES && size - position >= Long.BYTES) {
                target.set(LONG, end, source.get(LONG, position));
            } else {
                MemorySegment.copy(source, position, target, end, length);
            }
            position += length;
            end += length;
            offsets.set(INT, ((long) slot + i + 1) * Integer.BYTES, (int) end);
        }
        dataLength = end;
        ArrowSegments.skip(page, position);
    }

    @Override
    public void writeDictionary(int[] ids, int slot, int count) {
        int[] starts = dictionaryOffsets;
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            bytes += starts[ids[i] + 1] - starts[ids[i]];
        }
        ensureData(bytes);
        MemorySegment source = dictionary;
        MemorySegment target = data;
        MemorySegment targetOffsets = offsets;
        long end = dataLength;
        for (int i = 0; i < count; i++) {
            int id = ids[i];
            int start = starts[id];
            int length = starts[id + 1] - start;
            if (length <= SLACK) {
                target.set(LONG, end, source.get(LONG, start));
                target.set(LONG, end + Long.BYTES, source.get(LONG, start + Long.BYTES));
            } else {
                MemorySegment.copy(source, start, target, end, length);
            }
            end += length;
            targetOffsets.set(INT, ((long) slot + i + 1) * Integer.BYTES, (int) end);
        }
        dataLength = end;
    }

    @Override
    public void writeBooleans(int[] values, int slot, int count) {
        throw new CorruptDataException("RLE encoded values in a column of byte arrays");
    }

    @Override
    public void spread(MemorySegment validity, int slot, int slots, int count) {
        // Offset entry slot + 1 + i ends slot i; entry slot + 1 + value ends the page's value-th value (slot for
        // value -1: the page's start).
        MemorySegment target = offsets;
        int value = count - 1;
        for (int index = slots - 1; index > value; index--) {
            int end = target.get(INT, ((long) slot + 1 + value) * Integer.BYTES);
            target.set(INT, ((long) slot + 1 + index) * Integer.BYTES, end);
            if (Segments.bit(validity, slot + index)) {
                value--;
            }
        }
    }

    @Override
    public List<ArrowBuf> finish(int slotCount) {
        if (dataBuffer == null) {
            dataBuffer = ArrowSegments.allocate(allocator, 0);
        }
        ArrowBuf offsetResult = offsetBuffer;
        ArrowBuf dataResult = dataBuffer;
        offsetResult.writerIndex(((long) slotCount + 1) * Integer.BYTES);
        dataResult.writerIndex(dataLength);
        offsetBuffer = null;
        dataBuffer = null;
        return List.of(offsetResult, dataResult);
    }

    @Override
    public void close() {
        if (offsetBuffer != null) {
            offsetBuffer.close();
            offsetBuffer = null;
        }
        if (dataBuffer != null) {
            dataBuffer.close();
            dataBuffer = null;
        }
    }

    private static int readLength(MemorySegment source, long position, int index, int count) {
        long left = source.byteSize() - position;
        if (left < Integer.BYTES) {
            throw new CorruptDataException("page ends after " + index + " of " + count + " byte arrays");
        }
        int length = source.get(INT, position);
        if (length < 0 || length > left - Integer.BYTES) {
            throw new CorruptDataException("invalid byte array length " + length + " with "
                    + (left - Integer.BYTES) + " bytes left in the page");
        }
        return length;
    }

    /** Makes room for {@code bytes} more data bytes plus the slack of word-sized copies. */
    private void ensureData(long bytes) {
        long required = dataLength + bytes + SLACK;
        if (required > ArrowSegments.MAX_BUFFER_BYTES) {
            throw new CorruptDataException("a column chunk's byte arrays exceed 2 GiB, which one batch cannot hold");
        }
        if (dataBuffer != null && required <= dataBuffer.capacity()) {
            return;
        }
        long size;
        if (dataBuffer == null) {
            long estimate = dictionarySize > 0
                    ? (long) dictionaryOffsets[dictionarySize] / dictionarySize * capacity + capacity + SLACK
                    : sizeHint + SLACK;
            size = Math.max(required, Math.min(estimate, ArrowSegments.MAX_BUFFER_BYTES));
        } else {
            size = Math.min(ArrowSegments.MAX_BUFFER_BYTES, Math.max(required, dataBuffer.capacity() * 3 / 2));
        }
        ArrowBuf grown = ArrowSegments.allocate(allocator, size);
        MemorySegment grownData = ArrowSegments.of(grown);
        if (dataBuffer != null) {
            MemorySegment.copy(data, 0, grownData, 0, dataLength);
            dataBuffer.close();
        }
        dataBuffer = grown;
        data = grownData;
    }
}
