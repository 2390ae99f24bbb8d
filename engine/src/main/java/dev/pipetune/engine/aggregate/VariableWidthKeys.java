package dev.pipetune.engine.aggregate;

import static dev.pipetune.engine.block.Segments.BYTE;
import static dev.pipetune.engine.block.Segments.INT;
import static dev.pipetune.engine.block.Segments.LONG;

import dev.pipetune.engine.block.Segments;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * The keys of a single variable-width key column (strings or binary, with 32- or 64-bit offsets). Each row's key is
 * hashed and compared where it lies in the vector's data buffer; a new key is copied once into a byte arena.
 *
 * <p>A key is summarized by its length and two words, its first and its last eight bytes (overlapping for keys of 8
 * to 16 bytes; a shorter key is its bytes zero-padded into the first word). For keys of up to 16 bytes that summary
 * is the whole key, so most lookups compare three numbers and never touch the arena; longer keys are hashed over all
 * their bytes and compared with the arena copy when the summary matches.
 */
final class VariableWidthKeys implements GroupKeys {

    private static final long TAG_MASK = 0xFFFF_FFFF_0000_0000L;
    private static final int SUMMARIZED_LENGTH = 2 * Long.BYTES;
    /**
     * Slots to start with: sparse enough that a few dozen keys rarely share a slot (a probe that goes on to the next
     * slot is a mispredicted branch), while only the cache lines of occupied slots are ever touched.
     */
    private static final int INITIAL_SLOTS = 4096;

    /**
     * Per slot: the upper half of the key's hash, then group id + 1 in the lower half; 0 for an empty slot. A key's
     * first slot is given by the top bits of its hash.
     */
    private long[] slots = new long[INITIAL_SLOTS];
    private int shift = Long.SIZE - Integer.numberOfTrailingZeros(INITIAL_SLOTS);
    private int entries;
    private long[] hashes = new long[16];
    private long[] heads = new long[16];
    private long[] tails = new long[16];
    /** Per group: the key's length, or -1 for the null key. */
    private int[] lengths = new int[16];
    private long[] arenaOffsets = new long[16];
    /**
     * The keys' bytes, back to back. Native memory (freed by the garbage collector), so that lookups in the arena
     * during merges read the same kind of segment as lookups in Arrow buffers and the JIT's profile stays
     * monomorphic.
     */
    private MemorySegment arena = Arena.ofAuto().allocate(1024);
    private long arenaSize;
    private int groups;
    private int nullGroup = -1;

    @Override
    public int size() {
        return groups;
    }

    @Override
    public void assign(List<FieldVector> keyVectors, int rows, int[] groups) {
        FieldVector vector = keyVectors.getFirst();
        if (rows == 0) {
            return;
        }
        MemorySegment validity = vector.getNullCount() > 0 ? Segments.of(vector.getValidityBuffer()) : null;
        MemorySegment data = Segments.of(vector.getDataBuffer());
        MemorySegment offsets = Segments.of(vector.getOffsetBuffer());
        switch (vector) {
            case BaseVariableWidthVector _ -> {
                long start = offsets.get(INT, 0);
                for (int row = 0; row < rows; row++) {
                    long end = offsets.get(INT, (long) (row + 1) << 2);
                    groups[row] = isNull(validity, row) ? nullGroup() : groupOf(data, start, (int) (end - start));
                    start = end;
                }
            }
            case BaseLargeVariableWidthVector _ -> {
                long start = offsets.get(LONG, 0);
                for (int row = 0; row < rows; row++) {
                    long end = offsets.get(LONG, (long) (row + 1) << 3);
                    groups[row] = isNull(validity, row) ? nullGroup() : groupOf(data, start, (int) (end - start));
                    start = end;
                }
            }
            default -> throw new IllegalArgumentException("cannot group column '" + vector.getName() + "' of type "
                    + vector.getField().getType() + " as a variable-width key");
        }
    }

    private static boolean isNull(MemorySegment validity, int row) {
        return validity != null && (validity.get(BYTE, row >>> 3) >> (row & 7) & 1) == 0;
    }

    /** Returns the group of the non-null key at {@code [start, start + length)} of a segment, adding it if new. */
    private int groupOf(MemorySegment data, long start, int length) {
        long head;
        long tail;
        if (length >= Long.BYTES) {
            head = data.get(LONG, start);
            tail = data.get(LONG, start + length - Long.BYTES);
        } else {
            head = shortKey(data, start, length);
            tail = 0;
        }
        long hash = length <= SUMMARIZED_LENGTH ? hashSummary(head, tail, length) : hashBytes(data, start, length);
        int slot = (int) (hash >>> shift);
        long entry = slots[slot];
        if (entry != 0 && matches(entry, hash, head, tail, length, data, start)) {
            return (int) entry - 1;
        }
        return probe(data, start, length, head, tail, hash, slot);
    }

    /**
     * Looks for a key from its first slot on, adding it if absent. Kept out of {@link #groupOf} so that the common
     * case, a key found in its first slot, compiles to straight-line code without a loop.
     */
    private int probe(MemorySegment data, long start, int length, long head, long tail, long hash, int firstSlot) {
        int mask = slots.length - 1;
        int slot = firstSlot;
        while (true) {
            long entry = slots[slot];
            if (entry == 0) {
                return insert(data, start, length, head, tail, hash, slot);
            }
            if (matches(entry, hash, head, tail, length, data, start)) {
                return (int) entry - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Returns whether an occupied slot holds a key, comparing the hash's tag, the summary, then the bytes. */
    private boolean matches(long entry, long hash, long head, long tail, int length, MemorySegment data, long start) {
        if (((entry ^ hash) & TAG_MASK) != 0) {
            return false;
        }
        int group = (int) entry - 1;
        return heads[group] == head && tails[group] == tail && lengths[group] == length
                && (length <= SUMMARIZED_LENGTH || equalsArena(group, data, start, length));
    }

    /** Reads a key shorter than eight bytes, zero-padded, in little-endian order. */
    private static long shortKey(MemorySegment data, long start, int length) {
        if (length == 0) {
            return 0;
        }
        if (start + Long.BYTES <= data.byteSize()) {
            return data.get(LONG, start) & (-1L >>> (Long.SIZE - (length << 3)));
        }
        long word = 0;
        for (int index = length - 1; index >= 0; index--) {
            word = word << Byte.SIZE | (data.get(BYTE, start + index) & 0xFFL);
        }
        return word;
    }

    /**
     * Hashes a key's summary with two multiplications: the upper bits of the result (the slot and the tag) depend on
     * every bit of the summary.
     */
    private static long hashSummary(long head, long tail, int length) {
        return (Long.rotateLeft(head * 0xBF58476D1CE4E5B9L, 31) ^ tail ^ length) * 0x94D049BB133111EBL;
    }

    /** Hashes eight bytes at a time (the last word overlapping the one before), for keys over 16 bytes. */
    private static long hashBytes(MemorySegment data, long start, int length) {
        long hash = length;
        long end = start + length - Long.BYTES;
        for (long index = start; index < end; index += Long.BYTES) {
            hash = Long.rotateLeft((hash ^ data.get(LONG, index)) * 0xBF58476D1CE4E5B9L, 27);
        }
        return finish((hash ^ data.get(LONG, end)) * 0x94D049BB133111EBL);
    }

    /** The finalizer of MurmurHash3: every input bit affects every output bit. */
    private static long finish(long value) {
        long hash = value ^ value >>> 33;
        hash *= 0xFF51AFD7ED558CCDL;
        hash ^= hash >>> 33;
        hash *= 0xC4CEB9FE1A85EC53L;
        return hash ^ hash >>> 33;
    }

    private boolean equalsArena(int group, MemorySegment data, long start, int length) {
        long offset = arenaOffsets[group];
        return MemorySegment.mismatch(arena, offset, offset + length, data, start, start + length) < 0;
    }

    private int insert(MemorySegment data, long start, int length, long head, long tail, long hash, int slot) {
        int group = newGroup(length);
        if (arenaSize + length > arena.byteSize()) {
            long capacity = Math.max(arena.byteSize() * 2, arenaSize + length);
            if (capacity > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("the distinct keys of a group-by exceed 2 GiB");
            }
            MemorySegment grown = Arena.ofAuto().allocate(capacity);
            MemorySegment.copy(arena, 0, grown, 0, arenaSize);
            arena = grown;
        }
        MemorySegment.copy(data, start, arena, arenaSize, length);
        arenaOffsets[group] = arenaSize;
        arenaSize += length;
        heads[group] = head;
        tails[group] = tail;
        hashes[group] = hash;
        slots[slot] = (hash & TAG_MASK) | (group + 1L);
        if (++entries * 2 > slots.length) {
            rehash();
        }
        return group;
    }

    private int nullGroup() {
        if (nullGroup < 0) {
            nullGroup = newGroup(-1);
        }
        return nullGroup;
    }

    private int newGroup(int length) {
        if (groups == lengths.length) {
            int capacity = groups * 2;
            hashes = Arrays.copyOf(hashes, capacity);
            heads = Arrays.copyOf(heads, capacity);
            tails = Arrays.copyOf(tails, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
            arenaOffsets = Arrays.copyOf(arenaOffsets, capacity);
        }
        lengths[groups] = length;
        return groups++;
    }

    private void rehash() {
        slots = new long[slots.length * 2];
        shift--;
        int mask = slots.length - 1;
        for (int group = 0; group < groups; group++) {
            if (group == nullGroup) {
                continue;
            }
            long hash = hashes[group];
            int slot = (int) (hash >>> shift);
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = (hash & TAG_MASK) | (group + 1L);
        }
    }

    @Override
    public int[] absorb(GroupKeys other) {
        VariableWidthKeys that = (VariableWidthKeys) other;
        int[] mapping = new int[that.groups];
        for (int group = 0; group < that.groups; group++) {
            mapping[group] = group == that.nullGroup ? nullGroup()
                    : groupOf(that.arena, that.arenaOffsets[group], that.lengths[group]);
        }
        return mapping;
    }

    @Override
    public void write(List<FieldVector> outputs) {
        FieldVector output = outputs.getFirst();
        byte[] bytes = arena.asSlice(0, arenaSize).toArray(BYTE);
        for (int group = 0; group < groups; group++) {
            if (group == nullGroup) {
                output.setNull(group);
            } else if (output instanceof BaseVariableWidthVector variable) {
                variable.setSafe(group, bytes, (int) arenaOffsets[group], lengths[group]);
            } else {
                ((BaseLargeVariableWidthVector) output).setSafe(group, bytes, (int) arenaOffsets[group],
                        lengths[group]);
            }
        }
    }
}
