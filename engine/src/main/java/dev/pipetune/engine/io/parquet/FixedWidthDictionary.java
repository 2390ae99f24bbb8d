package dev.pipetune.engine.io.parquet;

import java.util.Arrays;

/**
 * The dictionary of a 4- or 8-byte fixed-width column chunk (INT32, INT64, FLOAT, DOUBLE): an open-addressing hash
 * table over the values' bit patterns that assigns ids in insertion order. Values are compared bit for bit, so NaNs
 * with different payloads and {@code -0.0} and {@code 0.0} are different entries, and every value reads back exactly
 * as written. Entries are stored back to back in PLAIN encoding, which is exactly the dictionary page's content.
 */
final class FixedWidthDictionary {

    private static final int INITIAL_SLOTS = 1 << 8;
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    private final int width;
    private final ByteSink entries = new ByteSink(1 << 10);
    /** The value of each slot's entry; meaningful only where {@link #slots} is not 0. */
    private long[] keys = new long[INITIAL_SLOTS];
    /** Entry id + 1 per slot, 0 for free slots. */
    private int[] slots = new int[INITIAL_SLOTS];
    private int shift = Long.SIZE - Integer.numberOfTrailingZeros(INITIAL_SLOTS);
    private int size;

    /**
     * Creates an empty dictionary.
     *
     * @param width the bytes per value, 4 or 8
     */
    FixedWidthDictionary(int width) {
        if (width != Integer.BYTES && width != Long.BYTES) {
            throw new IllegalArgumentException("a fixed-width dictionary holds 4- or 8-byte values, not " + width);
        }
        this.width = width;
    }

    /** Returns the number of entries. */
    int size() {
        return size;
    }

    /** Returns the size of the dictionary page's content in bytes. */
    int byteSize() {
        return size * width;
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
     * Assigns ids to PLAIN-encoded values, adding the values not yet in the dictionary.
     *
     * @param bytes the values, {@code width} little-endian bytes each
     * @param from the offset of the first value
     * @param to the offset after the last value
     * @param ids where the ids go, the first at {@code idOffset}
     * @param idOffset the index of the first id
     */
    void assign(byte[] bytes, int from, int to, int[] ids, int idOffset) {
        int next = idOffset;
        if (width == Long.BYTES) {
            for (int offset = from; offset < to; offset += Long.BYTES) {
                ids[next++] = idOf((long) ByteSink.LONGS.get(bytes, offset));
            }
        } else {
            for (int offset = from; offset < to; offset += Integer.BYTES) {
                ids[next++] = idOf((int) ByteSink.INTS.get(bytes, offset) & 0xFFFF_FFFFL);
            }
        }
    }

    private int idOf(long key) {
        int mask = slots.length - 1;
        int slot = (int) ((key * MULTIPLIER) >>> shift);
        while (true) {
            int candidate = slots[slot];
            if (candidate == 0) {
                break;
            }
            if (keys[slot] == key) {
                return candidate - 1;
            }
            slot = (slot + 1) & mask;
        }
        int id = size++;
        keys[slot] = key;
        slots[slot] = id + 1;
        if (width == Long.BYTES) {
            int at = entries.reserve(Long.BYTES);
            ByteSink.LONGS.set(entries.array(), at, key);
        } else {
            entries.putInt((int) key);
        }
        if (size * 2 > slots.length) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        long[] oldKeys = keys;
        int[] oldSlots = slots;
        keys = new long[oldKeys.length * 2];
        slots = new int[oldSlots.length * 2];
        shift--;
        int mask = slots.length - 1;
        for (int old = 0; old < oldSlots.length; old++) {
            if (oldSlots[old] == 0) {
                continue;
            }
            long key = oldKeys[old];
            int slot = (int) ((key * MULTIPLIER) >>> shift);
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            slots[slot] = oldSlots[old];
        }
    }
}
