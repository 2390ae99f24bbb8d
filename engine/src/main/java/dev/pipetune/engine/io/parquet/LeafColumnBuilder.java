package dev.pipetune.engine.io.parquet;

import dev.pipetune.engine.block.Segments;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Builds the {@link LeafColumn} of one column chunk page by page: the caller writes a page's levels into
 * {@link #definitionLevels()} and {@link #repetitionLevels()} at {@link #levelOffset()}, calls {@link #addPage},
 * then hands the page's values to one of the value methods, which write them straight into the Arrow buffers.
 *
 * <p>Every buffer is allocated once, at the chunk's size (its level count bounds its slot count), except variable
 * data, whose size is only known page by page. The validity bitmap is only built once a page has a null: a chunk
 * without nulls hands Arrow an empty validity buffer, which Arrow reads as all valid.
 *
 * <p>Ownership: the builder owns its buffers until {@link #build()}; {@link #close()} releases them otherwise.
 */
final class LeafColumnBuilder implements AutoCloseable {

    private final String path;
    private final BufferAllocator allocator;
    private final int capacity;
    private final int maxDefinition;
    private final int maxRepetition;
    private final int ancestorDefinition;
    private final boolean keepLevels;
    private final boolean nullVector;
    private final ValueWriter values;
    private final DecodeScratch scratch;
    private int[] definitionLevels;
    private int[] repetitionLevels;
    private ArrowBuf validityBuffer;
    private MemorySegment validity;
    private int levelCount;
    private int slotCount;
    private int nullCount;
    private int pageSlot;
    private int pageSlots;
    private int pageValues;

    /**
     * Creates a builder and allocates the chunk's value buffers.
     *
     * @param leaf the leaf column
     * @param levelCount the chunk's number of level entries, from its metadata
     * @param keepLevels whether to keep the chunk's levels for parent nodes
     * @param sizeHint the chunk's uncompressed size in bytes, to size variable data
     * @param allocator the allocator for the buffers
     * @param scratch the page arrays of levels that are not kept
     * @throws CorruptDataException when the level count is impossible
     */
    LeafColumnBuilder(LeafNode leaf, long levelCount, boolean keepLevels, long sizeHint, BufferAllocator allocator,
            DecodeScratch scratch) {
        this(leaf, levelCount, keepLevels, sizeHint, allocator, scratch, false);
    }

    /**
     * Creates a builder that, for a column (byte arrays or fixed-width numbers) whose pages are all dictionary encoded
     * and when {@code dictionaryIds} is set, writes the dictionary ids as 32-bit indices and keeps the dictionary (see
     * {@link LeafColumn#dictionary()}) instead of gathering the values.
     *
     * @param leaf the leaf column
     * @param levelCount the chunk's number of level entries, from its metadata
     * @param keepLevels whether to keep the chunk's levels for parent nodes
     * @param sizeHint the chunk's uncompressed size in bytes, to size variable data
     * @param allocator the allocator for the buffers
     * @param scratch the page arrays of levels that are not kept
     * @param dictionaryIds whether to keep dictionary ids rather than values (byte arrays and numbers stored as they
     *     are or narrowed only)
     * @throws CorruptDataException when the level count is impossible
     */
    LeafColumnBuilder(LeafNode leaf, long levelCount, boolean keepLevels, long sizeHint, BufferAllocator allocator,
            DecodeScratch scratch, boolean dictionaryIds) {
        if (levelCount < 0 || levelCount > Integer.MAX_VALUE - 16) {
            throw new CorruptDataException("column chunk claims " + levelCount + " values");
        }
        this.path = leaf.path();
        this.allocator = allocator;
        this.capacity = (int) levelCount;
        this.maxDefinition = leaf.descriptor().getMaxDefinitionLevel();
        this.maxRepetition = leaf.descriptor().getMaxRepetitionLevel();
        this.ancestorDefinition = leaf.levels().ancestorDefinition();
        this.keepLevels = keepLevels;
        this.nullVector = leaf.conversion() == ValueConversion.NULL;
        this.scratch = scratch;
        if (keepLevels) {
            definitionLevels = maxDefinition > 0 ? new int[capacity] : null;
            repetitionLevels = maxRepetition > 0 ? new int[capacity] : null;
        }
        this.values = dictionaryIds ? new DictionaryIdWriter(capacity, allocator, dictionaryParser(leaf))
                : valueWriter(leaf, capacity, sizeHint, allocator, scratch);
    }

    /** How a column read as dictionary ids decodes its dictionary page: byte arrays, or numbers of a fixed width. */
    private static DictionaryIdWriter.DictionaryParser dictionaryParser(LeafNode leaf) {
        ValueConversion conversion = leaf.conversion();
        return switch (conversion) {
            case VARIABLE -> (page, size) -> VariableValueWriter.parseDictionary(page, size, 0);
            case COPY, NARROW_TO_8, NARROW_TO_16 -> {
                int inputWidth = physicalWidth(leaf);
                if (inputWidth == 0) {
                    throw new IllegalArgumentException("column " + leaf.path() + " has no fixed width");
                }
                yield (page, size) -> FixedValueWriter.parseDictionary(page, size, conversion, inputWidth);
            }
            default -> throw new IllegalArgumentException("column " + leaf.path() + " (" + conversion
                    + ") cannot be read as dictionary ids");
        };
    }

    private static ValueWriter valueWriter(LeafNode leaf, int capacity, long sizeHint, BufferAllocator allocator,
            DecodeScratch scratch) {
        ValueConversion conversion = leaf.conversion();
        int inputWidth = physicalWidth(leaf);
        return switch (conversion) {
            case NULL -> new NullValueWriter();
            case BOOLEAN_BITS -> new BooleanValueWriter(capacity, allocator);
            case VARIABLE -> new VariableValueWriter(capacity, sizeHint, allocator);
            default -> new FixedValueWriter(conversion, inputWidth,
                    FixedValueWriter.outputWidth(conversion, inputWidth), capacity, allocator, scratch);
        };
    }

    /** Bytes per PLAIN value of the leaf's physical type; 0 for length-prefixed byte arrays. */
    private static int physicalWidth(LeafNode leaf) {
        PrimitiveTypeName type = leaf.descriptor().getPrimitiveType().getPrimitiveTypeName();
        return switch (type) {
            case BOOLEAN, BINARY -> 0;
            case INT32, FLOAT -> Integer.BYTES;
            case INT64, DOUBLE -> Long.BYTES;
            case INT96 -> 12;
            case FIXED_LEN_BYTE_ARRAY -> leaf.descriptor().getPrimitiveType().getTypeLength();
        };
    }

    /** The column's path, for error messages. */
    String path() {
        return path;
    }

    int maxDefinition() {
        return maxDefinition;
    }

    int maxRepetition() {
        return maxRepetition;
    }

    /** The number of level entries the chunk's metadata promises that pages have not yet delivered. */
    int remainingLevels() {
        return capacity - levelCount;
    }

    /**
     * Makes room for the next page's levels.
     *
     * @param count the page's number of level entries
     * @throws CorruptDataException when the pages hold more entries than the chunk's metadata says
     */
    void prepareLevels(int count) {
        if (count < 0 || count > capacity - levelCount) {
            throw new CorruptDataException("the pages of column " + path + " hold more values than its metadata says ("
                    + capacity + ")");
        }
        if (!keepLevels) {
            definitionLevels = maxDefinition > 0 ? scratch.definitionLevels(count) : null;
            repetitionLevels = maxRepetition > 0 ? scratch.repetitionLevels(count) : null;
        }
    }

    /** Where the next page's levels go in the level arrays. */
    int levelOffset() {
        return keepLevels ? levelCount : 0;
    }

    /** The array for definition levels, or {@code null} when the column's maximum level is 0. */
    int[] definitionLevels() {
        return definitionLevels;
    }

    /** The array for repetition levels, or {@code null} when the column's maximum level is 0. */
    int[] repetitionLevels() {
        return repetitionLevels;
    }

    /**
     * Tells whether a page's definition levels may be left unwritten when they are all at the maximum (see
     * {@link #addPage}): true when nothing but the page's own slots depends on them.
     *
     * @return {@code true} for a top-level column without repetition
     */
    boolean mayOmitLevels() {
        return !keepLevels && maxRepetition == 0;
    }

    /**
     * Accounts for a page whose levels were written at {@link #levelOffset()}: computes its slots and their
     * validity.
     *
     * @param count the page's number of level entries
     * @param allPresent whether every entry is a non-null value: the levels were then not written (only when
     *     {@link #mayOmitLevels()}, or when the maximum definition level is 0)
     * @return the number of non-null values the page holds, which the next value method call must write
     */
    int addPage(int count, boolean allPresent) {
        int offset = levelOffset();
        int[] definitions = definitionLevels;
        int slots;
        int present;
        if (allPresent) {
            if (maxDefinition > 0 && !mayOmitLevels()) {
                throw new IllegalStateException("the levels of column " + path + " must be written");
            }
            slots = count;
            present = count;
        } else if (maxRepetition == 0) {
            slots = count;
            present = maxDefinition == 0 ? count : countEqual(definitions, offset, count, maxDefinition);
        } else {
            slots = 0;
            present = 0;
            for (int i = offset; i < offset + count; i++) {
                int definition = definitions[i];
                if (definition >= ancestorDefinition) {
                    slots++;
                    if (definition == maxDefinition) {
                        present++;
                    }
                }
            }
        }
        pageSlot = slotCount;
        pageSlots = slots;
        pageValues = present;
        if (nullVector) {
            pageValues = 0;
        } else if (present < slots) {
            writeValidity(definitions, offset, count);
        } else if (validity != null) {
            Segments.setBits(validity, slotCount, slots);
        }
        levelCount += count;
        slotCount += slots;
        nullCount += slots - present;
        if (pageValues == 0) {
            values.spread(validity, pageSlot, pageSlots, 0);
        }
        return pageValues;
    }

    private static int countEqual(int[] levels, int offset, int count, int level) {
        int equal = 0;
        for (int i = offset; i < offset + count; i++) {
            equal += levels[i] == level ? 1 : 0;
        }
        return equal;
    }

    private void writeValidity(int[] definitions, int offset, int count) {
        if (validity == null) {
            validityBuffer = ArrowSegments.allocate(allocator, ((long) capacity + 7) / 8);
            validity = ArrowSegments.of(validityBuffer);
            validity.fill((byte) 0);
            Segments.setBits(validity, 0, slotCount);
        }
        MemorySegment bits = validity;
        long slot = slotCount;
        for (int i = offset; i < offset + count; i++) {
            int definition = definitions[i];
            if (maxRepetition == 0 || definition >= ancestorDefinition) {
                Segments.setBit(bits, slot++, definition == maxDefinition);
            }
        }
    }

    /** Writes the page's values from PLAIN encoded bytes at the page's position. */
    void plainValues(ByteBuffer page) {
        values.writePlain(page, pageSlot, pageValues);
        spread();
    }

    /** Writes the page's values from dictionary ids (checked against {@link #dictionarySize()}). */
    void dictionaryValues(int[] ids) {
        values.writeDictionary(ids, pageSlot, pageValues);
        spread();
    }

    /** Writes the page's values from decoded RLE booleans. */
    void booleanValues(int[] booleans) {
        values.writeBooleans(booleans, pageSlot, pageValues);
        spread();
    }

    private void spread() {
        if (pageValues < pageSlots) {
            values.spread(validity, pageSlot, pageSlots, pageValues);
        }
    }

    /**
     * Reads the chunk's dictionary page.
     *
     * @param page the page's bytes
     * @param size the number of entries
     */
    void readDictionary(ByteBuffer page, int size) {
        if (size < 0) {
            throw new CorruptDataException("negative dictionary size " + size);
        }
        values.readDictionary(page, size);
    }

    /** The dictionary's size, or -1 when the chunk has none. */
    int dictionarySize() {
        return values.dictionarySize();
    }

    /**
     * Hands the decoded chunk over.
     *
     * @return the column, which the caller must close
     * @throws CorruptDataException when the pages held fewer entries than the chunk's metadata says
     */
    LeafColumn build() {
        if (levelCount != capacity) {
            throw new CorruptDataException("column " + path + " has " + levelCount + " values but its metadata says "
                    + capacity);
        }
        List<ArrowBuf> buffers = new ArrayList<>();
        if (!nullVector) {
            buffers.add(validityBuffer != null ? validityBuffer : allocator.getEmpty());
            validityBuffer = null;
            validity = null;
            buffers.addAll(values.finish(slotCount));
        }
        DictionaryValues dictionary = null;
        if (values instanceof DictionaryIdWriter ids) {
            dictionary = ids.dictionary();
            if (dictionary == null) {
                buffers.forEach(ArrowBuf::close);
                throw new CorruptDataException("column " + path + " has no dictionary page");
            }
        }
        return new LeafColumn(levelCount, keepLevels ? definitionLevels : null,
                keepLevels ? repetitionLevels : null, slotCount, nullVector ? slotCount : nullCount, buffers,
                dictionary);
    }

    @Override
    public void close() {
        values.close();
        if (validityBuffer != null) {
            validityBuffer.close();
            validityBuffer = null;
        }
    }
}
