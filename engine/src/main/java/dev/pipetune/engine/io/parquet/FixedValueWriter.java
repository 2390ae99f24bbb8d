package dev.pipetune.engine.io.parquet;

import static dev.pipetune.engine.io.parquet.ArrowSegments.BYTE;
import static dev.pipetune.engine.io.parquet.ArrowSegments.INT;
import static dev.pipetune.engine.io.parquet.ArrowSegments.LONG;
import static dev.pipetune.engine.io.parquet.ArrowSegments.SHORT;

import dev.pipetune.engine.block.Segments;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Writes fixed-width Arrow values (integers, floats, temporals, fixed-size binary, decimals, INT96 timestamps) into
 * one values buffer of {@code slots × width} bytes. PLAIN values that need no conversion are copied as one block;
 * converted types are converted in one tight loop per page. The dictionary is converted once when it is read, so
 * dictionary pages are a plain gather of output values.
 */
final class FixedValueWriter implements ValueWriter {

    private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;
    private static final int DECIMAL_BYTES = 16;
    private static final int INT96_BYTES = 12;

    private final ValueConversion conversion;
    private final int inputWidth;
    private final int width;
    private ArrowBuf buffer;
    private final MemorySegment values;
    /** Where the dictionary is converted to, or {@code null} for a fresh array. */
    private final DecodeScratch scratch;
    private MemorySegment dictionary;
    private int dictionarySize = -1;

    /**
     * Creates a writer and allocates its buffer.
     *
     * @param conversion how physical values become Arrow values
     * @param inputWidth bytes per PLAIN physical value, or 0 for length-prefixed byte arrays (decimals only)
     * @param width bytes per Arrow value
     * @param capacity the most slots the chunk can have
     * @param allocator the allocator for the buffer
     * @param scratch the reader's scratch arrays, which hold the converted dictionary while the chunk is decoded
     */
    FixedValueWriter(ValueConversion conversion, int inputWidth, int width, int capacity, BufferAllocator allocator,
            DecodeScratch scratch) {
        if (inputWidth == 0 && conversion != ValueConversion.DECIMAL_FROM_BIG_ENDIAN) {
            throw new IllegalArgumentException("only big-endian decimals are read from byte arrays");
        }
        this.conversion = conversion;
        this.inputWidth = inputWidth;
        this.width = width;
        this.scratch = scratch;
        this.buffer = ArrowSegments.allocate(allocator, (long) capacity * width);
        this.values = ArrowSegments.of(buffer);
    }

    /**
     * Returns the bytes one Arrow value of a conversion takes.
     *
     * @param conversion the conversion
     * @param inputWidth bytes per physical value
     * @return the output width
     */
    static int outputWidth(ValueConversion conversion, int inputWidth) {
        return switch (conversion) {
            case COPY -> inputWidth;
            case NARROW_TO_8 -> 1;
            case NARROW_TO_16 -> 2;
            case INT96_TO_NANOS -> Long.BYTES;
            case DECIMAL_FROM_INT32, DECIMAL_FROM_INT64, DECIMAL_FROM_BIG_ENDIAN -> DECIMAL_BYTES;
            default -> throw new IllegalArgumentException("not a fixed-width conversion: " + conversion);
        };
    }

    /**
     * Takes a chunk's dictionary page. Values stored as Arrow stores them are read in place: the page's bytes stay
     * valid while the chunk is decoded (see {@link DecodeScratch#readingDictionaryPage}); others are converted once.
     */
    @Override
    public void readDictionary(ByteBuffer page, int size) {
        long bytes = (long) size * width;
        if (conversion == ValueConversion.COPY && scratch != null) {
            requireDictionaryValues(page, size);
            dictionary = ArrowSegments.of(page).asSlice(0, bytes);
        } else {
            dictionary = MemorySegment.ofArray(convertDictionary(page, size)).asSlice(0, bytes);
        }
        dictionarySize = size;
    }

    /** Checks that a dictionary page is long enough for {@code size} PLAIN values. */
    private void requireDictionaryValues(ByteBuffer page, int size) {
        long minimumBytes = (long) size * (inputWidth == 0 ? Integer.BYTES : inputWidth);
        if (page.remaining() < minimumBytes) {
            throw new CorruptDataException("dictionary page of " + page.remaining() + " bytes cannot hold " + size
                    + " values");
        }
    }

    /** Converts a dictionary page's {@code size} PLAIN values into Arrow values, back to back. */
    private byte[] convertDictionary(ByteBuffer page, int size) {
        requireDictionaryValues(page, size);
        int bytes = Math.multiplyExact(size, width);
        byte[] converted = scratch != null ? scratch.dictionaryBytes(bytes) : new byte[bytes];
        convert(page, size, MemorySegment.ofArray(converted), 0);
        return converted;
    }

    /**
     * Decodes a PLAIN dictionary page of fixed-width values into its Arrow values, back to back.
     *
     * @param page the page's bytes at their position, moved past the entries
     * @param size the number of entries
     * @param conversion how physical values become Arrow values
     * @param inputWidth bytes per PLAIN physical value
     * @return the entries, entry {@code i} at bytes {@code [i * width, (i + 1) * width)} of the Arrow width
     */
    static DictionaryValues parseDictionary(ByteBuffer page, int size, ValueConversion conversion, int inputWidth) {
        FixedValueWriter parser = new FixedValueWriter(conversion, inputWidth, outputWidth(conversion, inputWidth));
        byte[] converted = parser.convertDictionary(page, size);
        int[] offsets = new int[size + 1];
        for (int entry = 1; entry <= size; entry++) {
            offsets[entry] = entry * parser.width;
        }
        return new DictionaryValues(converted, offsets, size);
    }

    /** A writer without a values buffer, that only decodes a dictionary page. */
    private FixedValueWriter(ValueConversion conversion, int inputWidth, int width) {
        this.conversion = conversion;
        this.inputWidth = inputWidth;
        this.width = width;
        this.scratch = null;
        this.values = MemorySegment.NULL;
    }

    @Override
    public int dictionarySize() {
        return dictionarySize;
    }

    @Override
    public void writePlain(ByteBuffer page, int slot, int count) {
        convert(page, count, values, (long) slot * width);
    }

    @Override
    public void writeDictionary(int[] ids, int slot, int count) {
        MemorySegment source = dictionary;
        MemorySegment target = values;
        long at = (long) slot * width;
        switch (width) {
            case 1 -> {
                for (int i = 0; i < count; i++) {
                    target.set(BYTE, at + i, source.get(BYTE, ids[i]));
                }
            }
            case Short.BYTES -> {
                for (int i = 0; i < count; i++) {
                    target.set(SHORT, at + (long) i * Short.BYTES, source.get(SHORT, (long) ids[i] * Short.BYTES));
                }
            }
            case Integer.BYTES -> {
                for (int i = 0; i < count; i++) {
                    target.set(INT, at + (long) i * Integer.BYTES, source.get(INT, (long) ids[i] * Integer.BYTES));
                }
            }
            case Long.BYTES -> {
                for (int i = 0; i < count; i++) {
                    target.set(LONG, at + (long) i * Long.BYTES, source.get(LONG, (long) ids[i] * Long.BYTES));
                }
            }
            case DECIMAL_BYTES -> {
                for (int i = 0; i < count; i++) {
                    long from = (long) ids[i] * DECIMAL_BYTES;
                    long to = at + (long) i * DECIMAL_BYTES;
                    target.set(LONG, to, source.get(LONG, from));
                    target.set(LONG, to + Long.BYTES, source.get(LONG, from + Long.BYTES));
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    MemorySegment.copy(source, (long) ids[i] * width, target, at + (long) i * width, width);
                }
            }
        }
    }

    @Override
    public void writeBooleans(int[] booleans, int slot, int count) {
        throw new CorruptDataException("RLE encoded values in a column of " + conversion + " values");
    }

    @Override
    public void spread(MemorySegment validity, int slot, int slots, int count) {
        MemorySegment target = values;
        long base = (long) slot * width;
        int value = count - 1;
        for (int index = slots - 1; index > value; index--) {
            long to = base + (long) index * width;
            if (Segments.bit(validity, slot + index)) {
                MemorySegment.copy(target, base + (long) value * width, target, to, width);
                value--;
            } else {
                target.asSlice(to, width).fill((byte) 0);
            }
        }
    }

    @Override
    public List<ArrowBuf> finish(int slotCount) {
        ArrowBuf result = buffer;
        result.writerIndex((long) slotCount * width);
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

    /** Decodes {@code count} PLAIN values from a page into Arrow values at byte offset {@code at} of a segment. */
    private void convert(ByteBuffer page, int count, MemorySegment target, long at) {
        MemorySegment source = ArrowSegments.of(page);
        if (inputWidth == 0) {
            ArrowSegments.skip(page, convertByteArrayDecimals(source, count, target, at));
            return;
        }
        long bytes = (long) count * inputWidth;
        if (source.byteSize() < bytes) {
            throw new CorruptDataException("page ends after " + source.byteSize() / inputWidth + " of " + count
                    + " values");
        }
        switch (conversion) {
            case COPY -> MemorySegment.copy(source, 0, target, at, bytes);
            case NARROW_TO_8 -> {
                for (int i = 0; i < count; i++) {
                    target.set(BYTE, at + i, (byte) source.get(INT, (long) i * Integer.BYTES));
                }
            }
            case NARROW_TO_16 -> {
                for (int i = 0; i < count; i++) {
                    target.set(SHORT, at + (long) i * Short.BYTES, (short) source.get(INT, (long) i * Integer.BYTES));
                }
            }
            case INT96_TO_NANOS -> {
                for (int i = 0; i < count; i++) {
                    long from = (long) i * INT96_BYTES;
                    long nanosOfDay = source.get(LONG, from);
                    long julianDay = Integer.toUnsignedLong(source.get(INT, from + Long.BYTES));
                    target.set(LONG, at + (long) i * Long.BYTES,
                            (julianDay - JULIAN_DAY_OF_EPOCH) * NANOS_PER_DAY + nanosOfDay);
                }
            }
            case DECIMAL_FROM_INT32 -> {
                for (int i = 0; i < count; i++) {
                    writeDecimal(target, at + (long) i * DECIMAL_BYTES, source.get(INT, (long) i * Integer.BYTES));
                }
            }
            case DECIMAL_FROM_INT64 -> {
                for (int i = 0; i < count; i++) {
                    writeDecimal(target, at + (long) i * DECIMAL_BYTES, source.get(LONG, (long) i * Long.BYTES));
                }
            }
            case DECIMAL_FROM_BIG_ENDIAN -> {
                for (int i = 0; i < count; i++) {
                    bigEndianToDecimal(source, (long) i * inputWidth, inputWidth, target,
                            at + (long) i * DECIMAL_BYTES);
                }
            }
            default -> throw new IllegalStateException("not a fixed-width conversion: " + conversion);
        }
        ArrowSegments.skip(page, bytes);
    }

    private static long convertByteArrayDecimals(MemorySegment source, int count, MemorySegment target, long at) {
        long size = source.byteSize();
        long position = 0;
        for (int i = 0; i < count; i++) {
            if (size - position < Integer.BYTES) {
                throw new CorruptDataException("page ends after " + i + " of " + count + " byte arrays");
            }
            int length = source.get(INT, position);
            position += Integer.BYTES;
            if (length < 0 || length > size - position) {
                throw new CorruptDataException("invalid byte array length " + length + " with "
                        + (size - position) + " bytes left in the page");
            }
            bigEndianToDecimal(source, position, length, target, at + (long) i * DECIMAL_BYTES);
            position += length;
        }
        return position;
    }

    private static void writeDecimal(MemorySegment target, long at, long value) {
        target.set(LONG, at, value);
        target.set(LONG, at + Long.BYTES, value < 0 ? -1L : 0L);
    }

    private static void bigEndianToDecimal(MemorySegment source, long from, int length, MemorySegment target,
            long at) {
        if (length == 0) {
            target.asSlice(at, DECIMAL_BYTES).fill((byte) 0);
            return;
        }
        byte sign = source.get(BYTE, from) < 0 ? (byte) -1 : 0;
        int copied = Math.min(length, DECIMAL_BYTES);
        for (int i = 0; i < copied; i++) {
            target.set(BYTE, at + i, source.get(BYTE, from + length - 1 - i));
        }
        for (int i = copied; i < DECIMAL_BYTES; i++) {
            target.set(BYTE, at + i, sign);
        }
        for (int i = 0; i < length - DECIMAL_BYTES; i++) {
            if (source.get(BYTE, from + i) != sign) {
                throw new CorruptDataException("a decimal value does not fit in 128 bits");
            }
        }
        if (length > DECIMAL_BYTES && (target.get(BYTE, at + DECIMAL_BYTES - 1) < 0) != (sign < 0)) {
            throw new CorruptDataException("a decimal value does not fit in 128 bits");
        }
    }
}
