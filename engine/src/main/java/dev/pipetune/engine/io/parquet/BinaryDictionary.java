package dev.pipetune.engine.io.parquet;

import java.util.Arrays;

/**
 * The dictionary of a BYTE_ARRAY column chunk: an open-addressing hash table over byte strings that assigns ids in
 * insertion order. Entries are stored back to back in PLAIN encoding (a 4-byte little-endian length, then the
 * bytes), which is exactly the dictionary page's content.
 */
final class BinaryDictionary {

    private static final int INITIAL_SLOTS = 1 << 10;
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;
    /** Strings up to this long are compared by their first and last eight bytes instead of byte by byte. */
    private static final int SUMMARIZED_LENGTH = 2 * Long.BYTES;

    private final ByteSink entries = new ByteSink(1 << 12);
    private int[] entryOffsets = new int[INITIAL_SLOTS / 2];
    private int[] entryHashes = new int[INITIAL_SLOTS / 2];
    /** Per entry of at most {@value #SUMMARIZED_LENGTH} bytes: its first and last eight bytes (see {@link #head}). */
    private long[] entryHeads = new long[INITIAL_SLOTS / 2];
    private long[] entryTails = new long[INITIAL_SLOTS / 2];
    /** Entry id + 1 per slot, 0 for free slots. */
    private int[] slots = new int[INITIAL_SLOTS];
    private int size;

    /** Returns the number of entries. */
    int size() {
        return size;
    }

    /** Returns the size of the dictionary page's content in bytes. */
    int byteSize() {
        return entries.size();
    }

    /** Returns the entries PLAIN-encoded; the first {@link #byteSize()} bytes of {@link ByteSink#array()}. */
    ByteSink entries() {
        return entries;
    }

    /** Removes every entry. */
    void clear() {
        Arrays.fill(slots, 0);
        entries.reset();
        size = 0;
    }

    /**
     * Hashes a byte string.
     *
     * @param bytes an array with at least 7 readable bytes after the string (callers pad their buffers)
     * @param offset where the string starts
     * @param length its length
     * @return the hash
     */
    static int hash(byte[] bytes, int offset, int length) {
        long hash = length * MULTIPLIER;
        int position = offset;
        int end = offset + length;
        for (; position + Long.BYTES <= end; position += Long.BYTES) {
            hash = Long.rotateLeft((hash ^ (long) ByteSink.LONGS.get(bytes, position)) * MULTIPLIER, 29);
        }
        if (position < end) {
            long last = (long) ByteSink.LONGS.get(bytes, position) & (-1L >>> (Long.SIZE - 8 * (end - position)));
            hash = Long.rotateLeft((hash ^ last) * MULTIPLIER, 29);
        }
        hash *= MULTIPLIER;
        return (int) (hash ^ (hash >>> 32));
    }

    /**
     * Returns the id of a byte string, or -1 when it is absent and adding it would make the entries exceed
     * {@code maxBytes}.
     *
     * @param bytes the array holding the string, padded as {@link #hash} requires
     * @param offset where the string starts
     * @param length its length
     * @param hash its {@link #hash}
     * @param maxBytes the most bytes the entries may take
     * @return the id, or -1
     */
    int idOf(byte[] bytes, int offset, int length, int hash, int maxBytes) {
        int mask = slots.length - 1;
        int slot = hash & mask;
        byte[] stored = entries.array();
        while (true) {
            int candidate = slots[slot] - 1;
            if (candidate < 0) {
                break;
            }
            if (entryHashes[candidate] == hash) {
                int start = entryOffsets[candidate];
                int storedLength = (int) ByteSink.INTS.get(stored, start - Integer.BYTES);
                if (storedLength == length && (length <= SUMMARIZED_LENGTH
                        ? entryHeads[candidate] == head(bytes, offset, length)
                                && entryTails[candidate] == tail(bytes, offset, length)
                        : Arrays.equals(stored, start, start + length, bytes, offset, offset + length))) {
                    return candidate;
                }
            }
            slot = (slot + 1) & mask;
        }
        if ((long) entries.size() + Integer.BYTES + length > maxBytes) {
            return -1;
        }
        int id = size++;
        if (id == entryOffsets.length) {
            entryOffsets = Arrays.copyOf(entryOffsets, id * 2);
            entryHashes = Arrays.copyOf(entryHashes, id * 2);
            entryHeads = Arrays.copyOf(entryHeads, id * 2);
            entryTails = Arrays.copyOf(entryTails, id * 2);
        }
        if (length <= SUMMARIZED_LENGTH) {
            entryHeads[id] = head(bytes, offset, length);
            entryTails[id] = tail(bytes, offset, length);
        }
        entries.putInt(length);
        entryOffsets[id] = entries.size();
        entryHashes[id] = hash;
        entries.putBytes(bytes, offset, length);
        slots[slot] = id + 1;
        if (size * 2 > slots.length) {
            rehash();
        }
        return id;
    }

    /** Returns the array holding entry bytes (changes as entries are added). */
    byte[] entryArray() {
        return entries.array();
    }

    /**
     * Returns where an entry's bytes start in {@link #entryArray()}.
     *
     * @param id the entry
     * @return the offset of its first byte
     */
    int entryOffset(int id) {
        return entryOffsets[id];
    }

    /**
     * Returns an entry's length.
     *
     * @param id the entry
     * @return its length in bytes
     */
    int entryLength(int id) {
        return (int) ByteSink.INTS.get(entries.array(), entryOffsets[id] - Integer.BYTES);
    }

    /** The first eight bytes of a string, zero-padded when shorter (the array is padded as {@link #hash} needs). */
    private static long head(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        long word = (long) ByteSink.LONGS.get(bytes, offset);
        return length >= Long.BYTES ? word : word & (-1L >>> (Long.SIZE - Byte.SIZE * length));
    }

    /** The last eight bytes of a string of at least eight bytes (overlapping the head below 16), else 0. */
    private static long tail(byte[] bytes, int offset, int length) {
        return length >= Long.BYTES ? (long) ByteSink.LONGS.get(bytes, offset + length - Long.BYTES) : 0;
    }

    private void rehash() {
        int[] grown = new int[slots.length * 2];
        int mask = grown.length - 1;
        for (int id = 0; id < size; id++) {
            int slot = entryHashes[id] & mask;
            while (grown[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            grown[slot] = id + 1;
        }
        slots = grown;
    }
}
