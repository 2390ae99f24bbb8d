package dev.pipetune.engine.execution;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.block.Blocks;
import java.util.ArrayList;
import java.util.List;

/**
 * A transformation of one block into zero or more blocks, the unit that map-like operators fuse and run.
 *
 * <p>Ownership: the input is borrowed (it stays open and unchanged, so a failed task can be retried); the outputs
 * are new blocks, allocated from {@link TaskContext#allocator()} or sliced from the input, owned by the caller.
 */
@FunctionalInterface
public interface BlockTransform {

    /**
     * Transforms one block.
     *
     * @param input the block, borrowed
     * @param context the task's context
     * @return the output blocks, owned by the caller
     * @throws Exception if the transformation fails; the executor retries or fails the run per the step's policy
     */
    List<Block> apply(Block input, TaskContext context) throws Exception;

    /**
     * Returns a transform that applies this one, then {@code next} to each output, closing the intermediate blocks.
     *
     * @param next the transform to apply afterwards
     * @return the composition
     */
    default BlockTransform andThen(BlockTransform next) {
        return (input, context) -> {
            List<Block> intermediate = apply(input, context);
            List<Block> outputs = new ArrayList<>();
            try {
                for (Block block : intermediate) {
                    outputs.addAll(next.apply(block, context));
                }
                return outputs;
            } catch (Exception | Error failure) {
                Blocks.closeAll(outputs);
                throw failure;
            } finally {
                Blocks.closeAll(intermediate);
            }
        };
    }
}
