package dev.pipetune.engine.io.parquet;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.io.api.Binary;

/**
 * Encodes BYTE_ARRAY columns (strings and binary) from Arrow's offsets and bytes, copied to the heap once per
 * range of rows.
 *
 * <p>With dictionary encoding on, a column chunk starts with dictionary pages: each value is looked up in a
 * {@link BinaryDictionary} and the page holds RLE_DICTIONARY ids. The chunk falls back to PLAIN pages for the rest
 * of its rows, as pyarrow does, when the dictionary would outgrow the page size, or after its first page when that
 * page's values were mostly distinct (a dictionary would not pay off). PLAIN values are a 4-byte little-endian
 * length and the bytes. Minimum and maximum compare bytes as unsigned, as Parquet orders strings and binary.
 */
final class BinaryEncoder extends ValueEncoder {

    private enum Mode { DICTIONARY, PLAIN }

    private final boolean dictionaryEnabled;
    private final BinaryDictionary dictionary = new BinaryDictionary();
    private final ByteSink encoded;
    private Mode mode;
    private boolean chunkUsesDictionary;
    private boolean firstPage;
    private boolean dictionaryFull;

    /** The current page's dictionary ids (dictionary mode). */
    private int[] ids = new int[1 << 12];
    private int idCount;
    /** The page number that last saw each dictionary id, to find the page's minimum and maximum ids. */
    private int[] idPages = new int[1 << 10];
    private int pageNumber = 1;
    private int minId;
    private int maxId;

    /** The current page's minimum and maximum value (PLAIN mode). */
    private byte[] min = new byte[64];
    private int minLength = -1;
    private byte[] max = new byte[64];
    private int maxLength;

    /** The chunk id of each entry of the last encoded column's dictionary, -1 until looked up. */
    private int[] entryIds = new int[0];
    private FieldVector cachedEntries;
    private int cachedChunk = -1;
    private int chunkNumber;
    /** One dictionary entry's bytes, padded for {@link BinaryDictionary#hash}. */
    private byte[] entryBytes = new byte[64];

    /** The rows' offsets relative to the first row's, and their bytes, padded for {@link BinaryDictionary#hash}. */
    private int[] offsets = new int[1 << 12];
    private byte[] bytes = new byte[1 << 14];
    /** The Arrow offset of the loaded rows' first byte. */
    private int offsetBase;

    /**
     * Creates an encoder.
     *
     * @param pageLimit the page size and the most bytes a chunk's dictionary may take
     * @param dictionaryEnabled whether to try dictionary encoding
     */
    BinaryEncoder(int pageLimit, boolean dictionaryEnabled) {
        super(pageLimit);
        this.dictionaryEnabled = dictionaryEnabled;
        this.encoded = new ByteSink(Math.min(pageLimit, ValueEncoder.INITIAL_PAGE_CAPACITY) + 64);
        startChunk();
    }

    @Override
    void startChunk() {
        dictionary.clear();
        chunkNumber++;
        mode = dictionaryEnabled ? Mode.DICTIONARY : Mode.PLAIN;
        chunkUsesDictionary = false;
        firstPage = true;
        dictionaryFull = false;
        clearPage();
    }

    @Override
    int append(FieldVector vector, SliceValidity validity, int from, int to) {
        loadOffsets(vector.getOffsetBuffer(), from, to);
        int end = mode == Mode.PLAIN ? plainRowsEnd(from, to) : (int) Math.min(to, from + idRoom());
        loadBytes(vector.getDataBuffer(), from, end);
        if (mode == Mode.PLAIN) {
            appendPlain(validity, from, from, end);
            return end;
        }
        int stopped = appendIds(validity, from, end);
        if (stopped < end && idCount == 0) {
            // The dictionary filled up on the page's first value: this page can be PLAIN already.
            mode = Mode.PLAIN;
            dictionaryFull = false;
            int plainEnd = plainRowsEnd(from, stopped, end);
            appendPlain(validity, from, stopped, plainEnd);
            return plainEnd;
        }
        return stopped;
    }

    /** Whether {@link #appendEncoded} may be called: the chunk is still dictionary encoded. */
    boolean acceptsEncoded() {
        return mode == Mode.DICTIONARY;
    }

    /**
     * Appends the non-null values of rows {@code [from, to)} of a dictionary-encoded column, each row's value being
     * entry {@code indices[row]} of {@code entries}: each entry is looked up in the chunk's dictionary once (per
     * chunk), then the rows only map indices to ids. Stops early when the page is full or the chunk's dictionary
     * fills up ({@link #pageMustEnd()}); when it fills up on the page's first value, the chunk turns PLAIN and no row
     * is consumed (the caller then appends the rows decoded).
     *
     * @param indices the rows' indices
     * @param entries the dictionary's values, none null
     * @param validity the rows' validity, or {@code null} when none of them is null
     * @param from the first row
     * @param to the row after the last
     * @return the row after the last one consumed
     */
    int appendEncoded(IntVector indices, FieldVector entries, SliceValidity validity, int from, int to) {
        if (mode != Mode.DICTIONARY) {
            throw new IllegalStateException("the column chunk is no longer dictionary encoded");
        }
        if (entries != cachedEntries || cachedChunk != chunkNumber) {
            cachedEntries = entries;
            cachedChunk = chunkNumber;
            if (entryIds.length < entries.getValueCount()) {
                entryIds = new int[entries.getValueCount()];
            }
            Arrays.fill(entryIds, 0, entries.getValueCount(), -1);
        }
        int end = (int) Math.min(to, from + idRoom());
        if (ids.length < idCount + (end - from)) {
            ids = Arrays.copyOf(ids, Math.max(idCount + (end - from), ids.length * 2));
        }
        MemorySegment rows = ArrowSegments.of(indices.getDataBuffer());
        int entryCount = entries.getValueCount();
        for (int row = from; row < end; row++) {
            if (validity != null && !validity.isValid(row)) {
                continue;
            }
            int entry = rows.get(ValueLayout.JAVA_INT_UNALIGNED, (long) row * Integer.BYTES);
            if (entry < 0 || entry >= entryCount) {
                throw new IllegalArgumentException("column '" + indices.getName() + "' row " + row + " has dictionary "
                        + "index " + entry + ", but its dictionary holds " + entryCount + " entries");
            }
            int id = entryIds[entry];
            if (id < 0) {
                id = lookUp((BaseVariableWidthVector) entries, entry);
                if (id < 0) {
                    dictionaryFull = true;
                    if (idCount == 0) {
                        mode = Mode.PLAIN;
                        dictionaryFull = false;
                    }
                    return row;
                }
                entryIds[entry] = id;
            }
            addId(id);
        }
        return end;
    }

    /** Finds or adds an entry's value in the chunk's dictionary; -1 when the dictionary is full. */
    private int lookUp(BaseVariableWidthVector entries, int entry) {
        ArrowBuf offsets = entries.getOffsetBuffer();
        int start = offsets.getInt((long) entry * Integer.BYTES);
        int length = offsets.getInt((long) (entry + 1) * Integer.BYTES) - start;
        if (entryBytes.length < length + Long.BYTES) {
            entryBytes = new byte[Math.max(length + Long.BYTES, entryBytes.length * 2)];
        }
        entries.getDataBuffer().getBytes(start, entryBytes, 0, length);
        return dictionary.idOf(entryBytes, 0, length, BinaryDictionary.hash(entryBytes, 0, length), pageLimit);
    }

    private long idRoom() {
        int bitWidth = RleBitPackedEncoder.bitWidth(dictionary.size());
        return Math.max(1, (long) pageLimit * Byte.SIZE / bitWidth - idCount);
    }

    /** Appends dictionary ids for rows {@code [from, to)}; returns the row where the dictionary filled up, or to. */
    private int appendIds(SliceValidity validity, int from, int to) {
        if (ids.length < idCount + (to - from)) {
            ids = Arrays.copyOf(ids, Math.max(idCount + (to - from), ids.length * 2));
        }
        for (int row = from; row < to; row++) {
            if (validity != null && !validity.isValid(row)) {
                continue;
            }
            int start = offsets[row - from];
            int length = offsets[row - from + 1] - start;
            int id = dictionary.idOf(bytes, start, length, BinaryDictionary.hash(bytes, start, length), pageLimit);
            if (id < 0) {
                dictionaryFull = true;
                return row;
            }
            addId(id);
        }
        return to;
    }

    /** Adds a row's id to the page, updating the page's minimum and maximum entry the first time it sees the id. */
    private void addId(int id) {
        ids[idCount++] = id;
        if (id >= idPages.length) {
            idPages = Arrays.copyOf(idPages, Math.max(id + 1, idPages.length * 2));
        }
        if (idPages[id] != pageNumber) {
            idPages[id] = pageNumber;
            observeId(id);
        }
    }

    private void observeId(int id) {
        if (minId < 0) {
            minId = id;
            maxId = id;
        } else if (compareEntries(id, minId) < 0) {
            minId = id;
        } else if (compareEntries(id, maxId) > 0) {
            maxId = id;
        }
    }

    private int compareEntries(int left, int right) {
        byte[] entries = dictionary.entryArray();
        int leftStart = dictionary.entryOffset(left);
        int rightStart = dictionary.entryOffset(right);
        return Arrays.compareUnsigned(entries, leftStart, leftStart + dictionary.entryLength(left), entries,
                rightStart, rightStart + dictionary.entryLength(right));
    }

    /** Returns the end of the rows from {@code from} whose PLAIN values fit the page (at least one row). */
    private int plainRowsEnd(int from, int to) {
        return plainRowsEnd(from, from, to);
    }

    private int plainRowsEnd(int loaded, int from, int to) {
        long budget = pageLimit - (long) encoded.size();
        int low = from + 1;
        int high = to;
        if (plainBytes(loaded, from, high) <= budget) {
            return high;
        }
        // The largest end whose bytes fit, found by bisection (bytes grow with the end).
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (plainBytes(loaded, from, middle) <= budget) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    private long plainBytes(int loaded, int from, int to) {
        return (long) offsets[to - loaded] - offsets[from - loaded] + (long) Integer.BYTES * (to - from);
    }

    private void appendPlain(SliceValidity validity, int loaded, int from, int to) {
        int position = encoded.reserve((int) plainBytes(loaded, from, to));
        byte[] out = encoded.array();
        for (int row = from; row < to; row++) {
            if (validity != null && !validity.isValid(row)) {
                continue;
            }
            int start = offsets[row - loaded];
            int length = offsets[row - loaded + 1] - start;
            ByteSink.INTS.set(out, position, length);
            System.arraycopy(bytes, start, out, position + Integer.BYTES, length);
            position += Integer.BYTES + length;
            observePlain(start, length);
        }
        encoded.truncate(position);
    }

    private void observePlain(int start, int length) {
        if (minLength < 0) {
            min = keep(min, start, length);
            minLength = length;
            max = keep(max, start, length);
            maxLength = length;
        } else if (Arrays.compareUnsigned(bytes, start, start + length, min, 0, minLength) < 0) {
            min = keep(min, start, length);
            minLength = length;
        } else if (Arrays.compareUnsigned(bytes, start, start + length, max, 0, maxLength) > 0) {
            max = keep(max, start, length);
            maxLength = length;
        }
    }

    private byte[] keep(byte[] target, int start, int length) {
        byte[] kept = target.length >= length ? target : new byte[Math.max(length, target.length * 2)];
        System.arraycopy(bytes, start, kept, 0, length);
        return kept;
    }

    private void loadOffsets(ArrowBuf offsetBuffer, int from, int to) {
        int count = to - from + 1;
        if (offsets.length < count) {
            offsets = new int[Math.max(count, offsets.length * 2)];
        }
        offsetBuffer.nioBuffer((long) from * Integer.BYTES, count * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .asIntBuffer().get(offsets, 0, count);
        int base = offsets[0];
        if (base != 0) {
            for (int index = 0; index < count; index++) {
                offsets[index] -= base;
            }
        }
        offsetBase = base;
    }

    private void loadBytes(ArrowBuf data, int from, int to) {
        int length = offsets[to - from];
        if (bytes.length < length + Long.BYTES) {
            bytes = new byte[Math.max(length + Long.BYTES, bytes.length * 2)];
        }
        data.getBytes(offsetBase, bytes, 0, length);
    }

    @Override
    long pageBytes() {
        if (mode == Mode.PLAIN) {
            return encoded.size();
        }
        return ((long) idCount * RleBitPackedEncoder.bitWidth(dictionary.size()) + 7) / Byte.SIZE;
    }

    @Override
    boolean pageMustEnd() {
        return dictionaryFull;
    }

    @Override
    PageValues encodePage(Statistics<?> statistics) {
        if (mode == Mode.PLAIN) {
            if (minLength >= 0) {
                statistics.updateStats(Binary.fromConstantByteArray(Arrays.copyOf(min, minLength)));
                statistics.updateStats(Binary.fromConstantByteArray(Arrays.copyOf(max, maxLength)));
            }
            return new PageValues(encoded.view(), Encoding.PLAIN);
        }
        if (minId >= 0) {
            statistics.updateStats(entry(minId));
            statistics.updateStats(entry(maxId));
        }
        chunkUsesDictionary = true;
        encoded.reset();
        int bitWidth = RleBitPackedEncoder.bitWidth(Math.max(0, dictionary.size() - 1));
        encoded.putByte(bitWidth);
        RleBitPackedEncoder.encodeInts(ids, idCount, bitWidth, encoded);
        return new PageValues(encoded.view(), Encoding.RLE_DICTIONARY);
    }

    private Binary entry(int id) {
        int start = dictionary.entryOffset(id);
        return Binary.fromConstantByteArray(Arrays.copyOfRange(dictionary.entryArray(), start,
                start + dictionary.entryLength(id)));
    }

    @Override
    void clearPage() {
        if (mode == Mode.DICTIONARY && (dictionaryFull || firstPage && dictionary.size() * 2L > idCount)) {
            mode = Mode.PLAIN;
        }
        if (idCount > 0 || encoded.size() > 0) {
            firstPage = false;
        }
        dictionaryFull = false;
        encoded.reset();
        idCount = 0;
        pageNumber++;
        minId = -1;
        maxId = -1;
        minLength = -1;
    }

    @Override
    ByteSink dictionaryPage() {
        return chunkUsesDictionary ? dictionary.entries() : null;
    }

    @Override
    int dictionarySize() {
        return dictionary.size();
    }

    @Override
    long dictionaryBytes() {
        return mode == Mode.DICTIONARY || chunkUsesDictionary ? dictionary.byteSize() : 0;
    }
}
