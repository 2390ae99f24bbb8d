package dev.pipetune.engine.aggregate;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Assigns dense group ids (0, 1, 2, ...) to distinct byte-string keys with an open-addressing hash table, storing
 * the keys in one growing byte arena: no object per row or per lookup. Not thread-safe.
 */
final class GroupKeyTable {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private int[] slots = new int[64];
    private int[] keyOffsets = new int[16];
    private int[] keyLengths = new int[16];
    private int[] keyHashes = new int[16];
    private byte[] arena = new byte[1024];
    private int arenaSize;
    private int groups;

    /** Returns the number of distinct keys seen. */
    int size() {
        return groups;
    }

    /**
     * Returns the id of a key, adding it if new.
     *
     * @param key a buffer holding the key in {@code [0, length)}
     * @param length the key's length
     * @return the key's group id
     */
    int groupOf(byte[] key, int length) {
        int hash = hash(key, length);
        int mask = slots.length - 1;
        int slot = hash & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                return add(key, length, hash, slot);
            }
            int group = entry - 1;
            if (keyHashes[group] == hash && keyLengths[group] == length
                    && Arrays.equals(arena, keyOffsets[group], keyOffsets[group] + length, key, 0, length)) {
                return group;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Returns a copy of a group's key bytes. */
    byte[] key(int group) {
        return Arrays.copyOfRange(arena, keyOffsets[group], keyOffsets[group] + keyLengths[group]);
    }

    private int add(byte[] key, int length, int hash, int slot) {
        if (groups == keyOffsets.length) {
            int capacity = groups * 2;
            keyOffsets = Arrays.copyOf(keyOffsets, capacity);
            keyLengths = Arrays.copyOf(keyLengths, capacity);
            keyHashes = Arrays.copyOf(keyHashes, capacity);
        }
        if (arenaSize + length > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + length));
        }
        System.arraycopy(key, 0, arena, arenaSize, length);
        int group = groups++;
        keyOffsets[group] = arenaSize;
        keyLengths[group] = length;
        keyHashes[group] = hash;
        arenaSize += length;
        slots[slot] = group + 1;
        if (groups * 2 > slots.length) {
            rehash();
        }
        return group;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int group = 0; group < groups; group++) {
            int slot = keyHashes[group] & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = group + 1;
        }
    }

    /** Hashes eight bytes at a time (a multiply-rotate mix in the style of wyhash), then the tail byte by byte. */
    static int hash(byte[] key, int length) {
        long hash = 0x9E3779B97F4A7C15L ^ length;
        int index = 0;
        for (; index + Long.BYTES <= length; index += Long.BYTES) {
            long word = (long) LONGS.get(key, index);
            hash = Long.rotateLeft(hash ^ (word * 0xBF58476D1CE4E5B9L), 31) * 0x94D049BB133111EBL;
        }
        for (; index < length; index++) {
            hash = (hash ^ (key[index] & 0xFFL)) * 0x100000001B3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xFF51AFD7ED558CCDL;
        hash ^= hash >>> 33;
        return (int) hash;
    }
}
