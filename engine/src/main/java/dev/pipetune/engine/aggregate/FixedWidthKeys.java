package dev.pipetune.engine.aggregate;

import static dev.pipetune.engine.block.Segments.BYTE;
import static dev.pipetune.engine.block.Segments.INT;
import static dev.pipetune.engine.block.Segments.LONG;
import static dev.pipetune.engine.block.Segments.SHORT;

import dev.pipetune.engine.block.Segments;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * The keys of a single fixed-width key column of up to eight bytes (integers, floating point, dates, times,
 * timestamps, durations) or of booleans, each held as a long: the value's bit pattern, sign-extended from its width
 * (so floating-point keys group by bit pattern: 0.0 and -0.0 are different keys, and so are NaNs with different
 * payloads), or 0 and 1 for booleans. Probed in an open-addressing table of longs read straight from the data
 * buffer.
 */
final class FixedWidthKeys implements GroupKeys {

    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;
    /**
     * Slots to start with: sparse enough that a few dozen keys rarely share a slot (a probe that goes on to the next
     * slot is a mispredicted branch), while only the cache lines of occupied slots are ever touched.
     */
    private static final int INITIAL_SLOTS = 4096;

    private long[] slotKeys = new long[INITIAL_SLOTS];
    /** Group id + 1 per slot, 0 for an empty slot. */
    private int[] slotGroups = new int[INITIAL_SLOTS];
    private int shift = Long.SIZE - Integer.numberOfTrailingZeros(INITIAL_SLOTS);
    private int entries;
    private long[] keys = new long[16];
    private int groups;
    private int nullGroup = -1;

    @Override
    public int size() {
        return groups;
    }

    @Override
    public void assign(List<FieldVector> keyVectors, int rows, int[] groups) {
        FieldVector vector = keyVectors.getFirst();
        MemorySegment validity = vector.getNullCount() > 0 ? Segments.of(vector.getValidityBuffer()) : null;
        MemorySegment data = Segments.of(vector.getDataBuffer());
        switch (vector) {
            case BitVector _ -> assignBits(data, validity, rows, groups);
            case BaseFixedWidthVector fixed when fixed.getTypeWidth() == Long.BYTES -> {
                for (int row = 0; row < rows; row++) {
                    groups[row] = isNull(validity, row) ? nullGroup() : groupOf(data.get(LONG, (long) row << 3));
                }
            }
            case BaseFixedWidthVector fixed when fixed.getTypeWidth() == Integer.BYTES -> {
                for (int row = 0; row < rows; row++) {
                    groups[row] = isNull(validity, row) ? nullGroup() : groupOf(data.get(INT, (long) row << 2));
                }
            }
            case BaseFixedWidthVector fixed when fixed.getTypeWidth() == Short.BYTES -> {
                for (int row = 0; row < rows; row++) {
                    groups[row] = isNull(validity, row) ? nullGroup() : groupOf(data.get(SHORT, (long) row << 1));
                }
            }
            case BaseFixedWidthVector fixed when fixed.getTypeWidth() == Byte.BYTES -> {
                for (int row = 0; row < rows; row++) {
                    groups[row] = isNull(validity, row) ? nullGroup() : groupOf(data.get(BYTE, row));
                }
            }
            default -> throw new IllegalArgumentException("cannot group column '" + vector.getName() + "' of type "
                    + vector.getField().getType() + " as a fixed-width key");
        }
    }

    /** Booleans: each batch looks up the groups of false and true at most once. */
    private void assignBits(MemorySegment data, MemorySegment validity, int rows, int[] groups) {
        int[] groupOfBit = {-1, -1};
        for (int row = 0; row < rows; row++) {
            if (isNull(validity, row)) {
                groups[row] = nullGroup();
                continue;
            }
            int bit = data.get(BYTE, row >>> 3) >> (row & 7) & 1;
            int group = groupOfBit[bit];
            if (group < 0) {
                group = groupOf(bit);
                groupOfBit[bit] = group;
            }
            groups[row] = group;
        }
    }

    private static boolean isNull(MemorySegment validity, int row) {
        return validity != null && (validity.get(BYTE, row >>> 3) >> (row & 7) & 1) == 0;
    }

    /** Returns the group of a non-null key, adding it if new. */
    private int groupOf(long key) {
        int slot = (int) ((key * MULTIPLIER) >>> shift);
        int entry = slotGroups[slot];
        if (entry != 0 && slotKeys[slot] == key) {
            return entry - 1;
        }
        return probe(key, slot);
    }

    /**
     * Looks for a key from its first slot on, adding it if absent. Kept out of {@link #groupOf} so that the common
     * case, a key found in its first slot, compiles to straight-line code without a loop.
     */
    private int probe(long key, int firstSlot) {
        int mask = slotGroups.length - 1;
        int slot = firstSlot;
        while (true) {
            int entry = slotGroups[slot];
            if (entry == 0) {
                return insert(key, slot);
            }
            if (slotKeys[slot] == key) {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    private int insert(long key, int slot) {
        int group = newGroup(key);
        slotKeys[slot] = key;
        slotGroups[slot] = group + 1;
        if (++entries * 2 > slotGroups.length) {
            rehash();
        }
        return group;
    }

    private int nullGroup() {
        if (nullGroup < 0) {
            nullGroup = newGroup(0);
        }
        return nullGroup;
    }

    private int newGroup(long key) {
        if (groups == keys.length) {
            keys = Arrays.copyOf(keys, groups * 2);
        }
        keys[groups] = key;
        return groups++;
    }

    private void rehash() {
        long[] oldKeys = slotKeys;
        int[] oldGroups = slotGroups;
        slotKeys = new long[oldKeys.length * 2];
        slotGroups = new int[oldGroups.length * 2];
        shift--;
        int mask = slotGroups.length - 1;
        for (int index = 0; index < oldGroups.length; index++) {
            if (oldGroups[index] != 0) {
                int slot = (int) ((oldKeys[index] * MULTIPLIER) >>> shift);
                while (slotGroups[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slotKeys[slot] = oldKeys[index];
                slotGroups[slot] = oldGroups[index];
            }
        }
    }

    @Override
    public int[] absorb(GroupKeys other) {
        FixedWidthKeys that = (FixedWidthKeys) other;
        int[] mapping = new int[that.groups];
        for (int group = 0; group < that.groups; group++) {
            mapping[group] = group == that.nullGroup ? nullGroup() : groupOf(that.keys[group]);
        }
        return mapping;
    }

    @Override
    public void write(List<FieldVector> outputs) {
        FieldVector output = outputs.getFirst();
        if (output instanceof BitVector bits) {
            for (int group = 0; group < groups; group++) {
                if (group == nullGroup) {
                    bits.setNull(group);
                } else {
                    bits.setSafe(group, (int) keys[group]);
                }
            }
            return;
        }
        BaseFixedWidthVector fixed = (BaseFixedWidthVector) output;
        while (fixed.getValueCapacity() < groups) {
            fixed.reAlloc();
        }
        MemorySegment data = Segments.of(fixed.getDataBuffer());
        int width = fixed.getTypeWidth();
        for (int group = 0; group < groups; group++) {
            if (group == nullGroup) {
                fixed.setNull(group);
                continue;
            }
            long key = keys[group];
            long offset = (long) group * width;
            switch (width) {
                case Long.BYTES -> data.set(LONG, offset, key);
                case Integer.BYTES -> data.set(INT, offset, (int) key);
                case Short.BYTES -> data.set(SHORT, offset, (short) key);
                default -> data.set(BYTE, offset, (byte) key);
            }
            BitVectorHelper.setValidityBit(fixed.getValidityBuffer(), group, 1);
        }
    }
}
