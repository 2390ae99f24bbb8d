package dev.pipetune.engine.execution;

import dev.pipetune.engine.block.Block;
import java.util.List;

/**
 * One unit of reading, such as one Parquet row group or one CSV file: the tasks a source operator runs.
 * Implementations are immutable descriptions; {@link #read} may run on any worker thread, and again on retry.
 */
public interface ReadTask {

    /** Returns what it reads, such as a file name, for errors and reports. */
    String origin();

    /** Returns a guess of the bytes it will produce, for the memory budget before any task finished. */
    long estimatedBytes();

    /**
     * Reads.
     *
     * @param context the task's context; blocks come from its allocator
     * @return the blocks read, owned by the caller
     * @throws Exception if the input cannot be read
     */
    List<Block> read(TaskContext context) throws Exception;
}
