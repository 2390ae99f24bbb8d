package dev.pipetune.engine.aggregate;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;

/**
 * A pool of int arrays with one slot per row (a batch's group or dictionary entry of each row) that group-by work
 * borrows for one batch and gives back. Each partial aggregation task used to allocate its own: a 250,000-row block
 * took a 1 MB array, which G1 allocates as a humongous object and zeroes.
 *
 * <p>Pooled arrays are softly referenced, so the garbage collector may drop them when memory runs short; the pool
 * keeps at most {@link #POOLED}. Thread-safe.
 */
final class RowArrays {

    /** The most arrays the pool keeps: enough for two tasks per core. */
    static final int POOLED = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());

    private static final ArrayDeque<SoftReference<int[]>> POOL = new ArrayDeque<>();

    private RowArrays() {
    }

    /**
     * Borrows an array of at least {@code rows} ints, whose content is unspecified.
     *
     * @param rows the slots needed
     * @return an array the caller owns until it {@link #giveBack(int[]) gives it back}
     */
    static int[] borrow(int rows) {
        synchronized (POOL) {
            for (var iterator = POOL.descendingIterator(); iterator.hasNext(); ) {
                int[] array = iterator.next().get();
                if (array == null) {
                    iterator.remove();
                } else if (array.length >= rows) {
                    iterator.remove();
                    return array;
                }
            }
        }
        return new int[rows];
    }

    /**
     * Gives an array back for a later {@link #borrow(int)}; the caller must not use it afterwards.
     *
     * @param array an array from {@link #borrow(int)}
     */
    static void giveBack(int[] array) {
        synchronized (POOL) {
            if (POOL.size() >= POOLED) {
                POOL.pollFirst();
            }
            POOL.addLast(new SoftReference<>(array));
        }
    }
}
