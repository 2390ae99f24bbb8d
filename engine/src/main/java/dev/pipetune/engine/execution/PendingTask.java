package dev.pipetune.engine.execution;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.block.Block;
import java.util.List;

/**
 * A task an operator is ready to run: its body, the blocks it borrows (closed by the executor once the task
 * succeeds or is given up), and where its data comes from.
 *
 * @param body the work, run on a worker thread
 * @param inputs the blocks the body reads, owned by the executor while the task lives
 * @param origin what the task works on (an input file, a block's origin), for errors
 * @param estimatedOutputBytes a guess of the bytes it will produce, for the memory budget
 * @param actor the actor that runs it, or null in a task pool
 */
record PendingTask(TaskBody body, List<Block> inputs, String origin, long estimatedOutputBytes, Actor actor) {

    PendingTask {
        requireNonNull(body, "body");
        inputs = List.copyOf(inputs);
        requireNonNull(origin, "origin");
    }

    /** The work of one task. */
    @FunctionalInterface
    interface TaskBody {
        List<Block> run(TaskContext context) throws Exception;
    }
}
