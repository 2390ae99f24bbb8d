package dev.pipetune.engine.io.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Copies fixed-width dictionary values by id, with word-sized copies for the common widths. */
final class DictionaryGather {

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private DictionaryGather() {
    }

    /**
     * Writes {@code source[ids[i]]} to {@code target} for each of the first {@code count} ids.
     *
     * @param source the dictionary's values, back to back
     * @param width bytes per value
     * @param ids the dictionary ids, already checked to be in range
     * @param count the number of ids
     * @param target the array to write to
     * @param start the byte offset of the first value in {@code target}
     */
    static void gather(byte[] source, int width, int[] ids, int count, byte[] target, int start) {
        switch (width) {
            case Integer.BYTES -> {
                for (int i = 0; i < count; i++) {
                    INTS.set(target, start + i * Integer.BYTES, (int) INTS.get(source, ids[i] * Integer.BYTES));
                }
            }
            case Long.BYTES -> {
                for (int i = 0; i < count; i++) {
                    LONGS.set(target, start + i * Long.BYTES, (long) LONGS.get(source, ids[i] * Long.BYTES));
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    System.arraycopy(source, ids[i] * width, target, start + i * width, width);
                }
            }
        }
    }
}
