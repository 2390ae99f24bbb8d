package dev.pipetune.engine.execution;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.block.Blocks;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One stage of a physical plan: receives blocks from upstream, forms tasks from them, and holds the blocks its
 * tasks produced until the executor moves them downstream.
 *
 * <p>All methods are called by the executor's scheduler thread only; task bodies run on worker threads and must
 * touch nothing but their inputs and context. Lifecycle: {@link #open}, then any number of inputs and tasks, then
 * {@link #inputsDone}, {@link #finish} once every task completed (or {@link #abort} on failure or cancellation),
 * then {@link #close}.
 */
public abstract class PhysicalOperator implements AutoCloseable {

    private final String name;
    private final TaskResources resources;
    private final int maxConcurrency;
    private final int maxRetries;
    private final Predicate<Throwable> retryable;
    private final Deque<Block> outputs = new ArrayDeque<>();
    private final OperatorStats stats;
    private BufferAllocator allocator;
    private boolean inputsDone;
    private boolean stopped;

    /**
     * Creates an operator.
     *
     * @param name its name in reports
     * @param resources what each task (or each actor) holds
     * @param maxConcurrency the most tasks at once ({@code concurrency}), or {@link Integer#MAX_VALUE}
     * @param maxRetries how often a failed task is retried
     * @param retryable which failures are retried
     */
    protected PhysicalOperator(String name, TaskResources resources, int maxConcurrency, int maxRetries,
            Predicate<Throwable> retryable) {
        this.name = requireNonNull(name, "name");
        this.resources = requireNonNull(resources, "resources");
        if (maxConcurrency < 1 || maxRetries < 0) {
            throw new IllegalArgumentException("concurrency must be at least 1 and retries 0 or more");
        }
        this.maxConcurrency = maxConcurrency;
        this.maxRetries = maxRetries;
        this.retryable = requireNonNull(retryable, "retryable");
        this.stats = new OperatorStats(name);
    }

    /** Returns the operator's name in reports. */
    public final String name() {
        return name;
    }

    /** Returns what each task or actor of this operator holds. */
    public final TaskResources resources() {
        return resources;
    }

    final int maxConcurrency() {
        return maxConcurrency;
    }

    final int maxRetries() {
        return maxRetries;
    }

    final boolean isRetryable(Throwable failure) {
        return retryable.test(failure);
    }

    final OperatorStats stats() {
        return stats;
    }

    /** Returns the allocator this operator's blocks come from; valid between {@link #open} and {@link #close}. */
    protected final BufferAllocator allocator() {
        return allocator;
    }

    /** Called once before anything else, with the operator's own child allocator. */
    void open(BufferAllocator operatorAllocator) {
        this.allocator = requireNonNull(operatorAllocator, "operatorAllocator");
    }

    /** Takes ownership of one input block. */
    abstract void addInput(Block block);

    /** Returns the next task, if one can be formed now. */
    abstract Optional<PendingTask> pollTask();

    /** Returns whether {@link #pollTask} would return a task now, without forming it. */
    abstract boolean hasTask();

    /** Returns whether every task this operator will ever run has been handed out. */
    abstract boolean exhausted();

    /**
     * Returns a guess of the bytes the next task will produce, used for the memory budget until tasks of this
     * operator have finished and their real output sizes are known: by default the size of one queued input block.
     */
    long nextTaskEstimatedBytes() {
        int blocks = queuedInputBlocks();
        return blocks == 0 ? 0 : queuedInputBytes() / blocks;
    }

    /** Returns the blocks waiting as input (not yet in a task). */
    abstract int queuedInputBlocks();

    /** Returns the bytes waiting as input. */
    abstract long queuedInputBytes();

    /** Receives a successful task's outputs (ownership passes to this operator). */
    void taskSucceeded(PendingTask task, List<Block> produced) {
        outputs.addAll(produced);
    }

    /** Called when a task is given up (failed beyond retries, its input dropped or the run failing). */
    void taskAbandoned(PendingTask task) {
    }

    /**
     * Returns whether a task that failed beyond its retries may be dropped as an errored block when
     * {@code max_errored_blocks} allows, rather than failing the run: true unless the task stands for more than its
     * own blocks (a group-by's merge, without which there is no result at all).
     */
    boolean mayDrop(PendingTask task) {
        return true;
    }

    /**
     * Returns whether this operator's tasks run only pipetune's own code: CPU-bound work on local data, which the
     * executor runs on at most as many threads at once as the machine has cores, whatever the logical
     * {@code num_cpus} allows (80 read tasks of {@code num_cpus: 0.025} on 2 cores would otherwise thrash, starving
     * even the JIT compiler). Tasks that run user code may block on anything and are never held back this way.
     */
    boolean runsOnlyBuiltInCode() {
        return true;
    }

    /** Returns whether the operator wants more input; false once a limit is reached. */
    boolean wantsInput() {
        return !stopped;
    }

    /** Stops the operator: it discards queued input and forms no new tasks. */
    void stop() {
        stopped = true;
        discardInput();
    }

    final boolean isStopped() {
        return stopped;
    }

    /** Discards queued input; called on stop, abort and close. */
    abstract void discardInput();

    /** Marks that upstream will send no more input. */
    void inputsDone() {
        inputsDone = true;
    }

    final boolean areInputsDone() {
        return inputsDone;
    }

    /** Called once every task completed successfully: commit outputs, emit final results. */
    void finish() throws Exception {
    }

    /** Called when the run fails or is cancelled: remove partial outputs. */
    void abort() {
    }

    /** Returns the produced blocks not yet moved downstream; the executor drains it. */
    final Deque<Block> outputs() {
        return outputs;
    }

    /** Releases every block the operator still holds. */
    @Override
    public void close() {
        discardInput();
        Blocks.closeAll(outputs);
        outputs.clear();
    }

    @Override
    public String toString() {
        return name;
    }
}
