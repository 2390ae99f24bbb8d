package dev.pipetune.engine.execution;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.block.Blocks;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs a linear chain of {@link PhysicalOperator}s as a stream: blocks flow downstream while upstream operators are
 * still reading, within a logical resource budget (Ray's model: fractional CPU slots, GPU slots bound to devices,
 * per-operator concurrency caps) and an object-store memory budget enforced by backpressure.
 *
 * <p>Scheduling: one scheduler thread (the caller of {@link #execute}) owns all operator state; tasks run on worker
 * threads and report back through a queue. Downstream operators are served first. An operator whose queued output
 * would exceed its share of the memory budget launches no new task (its time is counted as backpressure), except
 * that a task may always start when none is running anywhere, even when idle actors hold the logical slots it needs,
 * so the executor never deadlocks. Logical slots decide
 * how many tasks may run; physically, tasks of built-in operators (reads, built-in transforms, aggregation, writes)
 * run on at most one thread per core, while tasks running user code are never held back.
 *
 * <p>Failures: a failed task is retried with exponential backoff while its operator's policy allows; then its input
 * is dropped if {@code maxErroredBlocks} allows (each row a succeeding task reports as failed through
 * {@link TaskContext#rowFailed} counts as one more errored block); otherwise the run stops cleanly: running tasks
 * are interrupted, every operator is aborted (sinks remove partial output), all blocks and allocators are released, and
 * {@link PipelineRunException} names the operator, the input and the cause. {@link #cancel} stops a run the same way.
 * Each executor runs once.
 */
public final class StreamingExecutor {

    private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long EMIT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long STOP_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final List<PhysicalOperator> operators;
    private final ResourcePool pool;
    private final int maxErroredBlocks;
    private final ExecutionListener listener;
    private final BufferAllocator parentAllocator;
    private final long targetMaxBlockBytes;
    private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    private final Map<PendingTask, Running> running = new IdentityHashMap<>();
    private final Map<PendingTask, Integer> deliveredBlocks = new IdentityHashMap<>();
    private final List<Retry> retries = new ArrayList<>();
    private final List<Block> results = new ArrayList<>();
    private final int[] runningPerOperator;
    private final boolean[] finished;
    private final double[] averageOutputBytes;
    private final long[] inFlightBytes;
    private volatile boolean cancelled;
    private volatile boolean stopping;
    private volatile boolean emittersPaused;
    /** Held by tasks of built-in operators while they run: at most one per core (see PhysicalOperator). */
    private final CoreGate cores = new CoreGate(Math.max(1, Runtime.getRuntime().availableProcessors()));
    private WorkerThreads workers;
    private long droppedBlocks;
    private long lastLoopNanos;
    private Completion early;

    /**
     * Creates an executor for one run.
     *
     * @param operators the chain, source first
     * @param budget the global resource budget
     * @param maxErroredBlocks how many failed blocks may be dropped; -1 for no limit
     * @param listener receives the run's events on the scheduler thread
     * @param parentAllocator each operator gets a child of it; result blocks are transferred to it
     */
    public StreamingExecutor(List<PhysicalOperator> operators, ResourceBudget budget, int maxErroredBlocks,
            ExecutionListener listener, BufferAllocator parentAllocator) {
        this(operators, budget, maxErroredBlocks, Long.MAX_VALUE, listener, parentAllocator);
    }

    /**
     * Creates an executor for one run that also splits blocks larger than {@code targetMaxBlockBytes} (Ray's
     * {@code target_max_block_size}) into zero-copy slices as they leave an operator.
     *
     * @param operators the chain, source first
     * @param budget the global resource budget
     * @param maxErroredBlocks how many failed blocks may be dropped; -1 for no limit
     * @param targetMaxBlockBytes the largest block an operator hands downstream, at least 1
     * @param listener receives the run's events on the scheduler thread
     * @param parentAllocator each operator gets a child of it; result blocks are transferred to it
     */
    public StreamingExecutor(List<PhysicalOperator> operators, ResourceBudget budget, int maxErroredBlocks,
            long targetMaxBlockBytes, ExecutionListener listener, BufferAllocator parentAllocator) {
        if (targetMaxBlockBytes < 1) {
            throw new IllegalArgumentException("target_max_block_size must be positive");
        }
        this.targetMaxBlockBytes = targetMaxBlockBytes;
        this.operators = List.copyOf(requireNonNull(operators, "operators"));
        if (this.operators.isEmpty() || !(this.operators.getFirst() instanceof SourceOperator)) {
            throw new IllegalArgumentException("a plan starts with a source operator");
        }
        this.pool = new ResourcePool(requireNonNull(budget, "budget"));
        this.maxErroredBlocks = maxErroredBlocks;
        this.listener = requireNonNull(listener, "listener");
        this.parentAllocator = requireNonNull(parentAllocator, "parentAllocator");
        this.runningPerOperator = new int[this.operators.size()];
        this.finished = new boolean[this.operators.size()];
        this.averageOutputBytes = new double[this.operators.size()];
        this.inFlightBytes = new long[this.operators.size()];
        for (PhysicalOperator operator : this.operators) {
            if (!pool.fitsBudget(operator.resources())) {
                throw new IllegalArgumentException(operator.name() + " asks for " + operator.resources()
                        + " per task, more than the whole budget " + budget);
            }
        }
    }

    /** Stops the run from any thread: running tasks are interrupted and outputs removed. */
    public void cancel() {
        cancelled = true;
        completions.add(new Wake());
    }

    /**
     * Runs the plan to the end on the calling thread.
     *
     * @return the outcome ({@link ExecutionEvent.Outcome#SUCCEEDED} or {@link ExecutionEvent.Outcome#CANCELLED}),
     *     the counters and the last operator's blocks (owned by the caller)
     * @throws PipelineRunException if a task failed beyond retries and the errored-block allowance
     */
    public ExecutionResult execute() throws PipelineRunException {
        if (workers != null) {
            throw new IllegalStateException("an executor runs once");
        }
        workers = new WorkerThreads("pipetune-task-");
        long startNanos = System.nanoTime();
        PipelineRunException failure = null;
        try {
            for (PhysicalOperator operator : operators) {
                operator.open(parentAllocator.newChildAllocator(operator.name(), 0, Long.MAX_VALUE));
            }
            listener.onEvent(new ExecutionEvent.RunStarted(Instant.now(),
                    operators.stream().map(PhysicalOperator::name).toList(), pool.budget()));
            failure = loop();
        } catch (RuntimeException | Error unexpected) {
            failure = new PipelineRunException("the executor", "its own state", unexpected);
        }
        ExecutionEvent.Outcome outcome = failure != null ? ExecutionEvent.Outcome.FAILED
                : cancelled ? ExecutionEvent.Outcome.CANCELLED : ExecutionEvent.Outcome.SUCCEEDED;
        if (outcome != ExecutionEvent.Outcome.SUCCEEDED) {
            stopEverything();
            Blocks.closeAll(results);
            results.clear();
        }
        List<OperatorMetrics> metrics = snapshot();
        String leak = closeEverything();
        if (failure == null && !leak.isEmpty()) {
            failure = new PipelineRunException("the executor", "its memory accounting",
                    new IllegalStateException(leak));
            outcome = ExecutionEvent.Outcome.FAILED;
        }
        listener.onEvent(new ExecutionEvent.RunFinished(Instant.now(), outcome,
                failure == null ? "" : failure.getMessage(), metrics));
        if (failure != null) {
            Blocks.closeAll(results);
            results.clear();
            throw failure;
        }
        return new ExecutionResult(outcome, metrics, System.nanoTime() - startNanos, results);
    }

    private PipelineRunException loop() {
        long lastProgress = System.nanoTime();
        lastLoopNanos = lastProgress;
        while (!allFinished()) {
            if (cancelled) {
                return null;
            }
            Optional<PipelineRunException> failure = handleCompletions();
            if (failure.isPresent()) {
                return failure.get();
            }
            failure = moveBlocks();
            if (failure.isPresent()) {
                return failure.get();
            }
            propagateStops();
            failure = finishOperators();
            if (failure.isPresent()) {
                return failure.get();
            }
            failure = launchTasks();
            if (failure.isPresent()) {
                return failure.get();
            }
            long now = System.nanoTime();
            lastLoopNanos = now;
            if (now - lastProgress >= PROGRESS_INTERVAL_NANOS) {
                publishProgress();
                lastProgress = now;
            }
            if (!allFinished()) {
                waitForCompletion(now);
            }
        }
        publishProgress();
        return null;
    }

    private void waitForCompletion(long now) {
        long wait = MAX_WAIT_NANOS;
        for (Retry retry : retries) {
            wait = Math.min(wait, Math.max(0, retry.readyAtNanos() - now));
        }
        try {
            early = completions.poll(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            cancelled = true;
        }
    }

    private Optional<PipelineRunException> handleCompletions() {
        Completion first = early;
        early = null;
        for (Completion completion = first != null ? first : completions.poll(); completion != null;
                completion = completions.poll()) {
            if (completion instanceof Succeeded success) {
                Optional<PipelineRunException> fatal = succeeded(success);
                if (fatal.isPresent()) {
                    return fatal;
                }
            } else if (completion instanceof Emitted emitted) {
                emitted(emitted);
            } else if (completion instanceof Failed failed) {
                Optional<PipelineRunException> fatal = failed(failed);
                if (fatal.isPresent()) {
                    return fatal;
                }
            }
        }
        return Optional.empty();
    }

    /** A block that a running task streamed out: it goes downstream at once, and a retry will skip it. */
    private void emitted(Emitted emitted) {
        Running task = emitted.running();
        deliveredBlocks.merge(task.task(), 1, Integer::sum);
        long credit = Math.min(emitted.block().sizeBytes(), task.estimatedOutputBytes() - task.creditedBytes);
        if (credit > 0) {
            task.creditedBytes += credit;
            inFlightBytes[task.operatorIndex()] -= credit;
        }
        operators.get(task.operatorIndex()).outputs().addLast(emitted.block());
    }

    private Optional<PipelineRunException> succeeded(Succeeded success) {
        Running task = success.running();
        deliveredBlocks.remove(task.task());
        PhysicalOperator operator = release(task);
        OperatorStats stats = operator.stats();
        stats.taskEnded(success.endNanos() - task.bodyStartNanos, success.cpuNanos(), success.udfNanos(),
                success.modelNanos(), success.endNanos());
        stats.tasksFinished++;
        for (RowFailure row : success.rowFailures()) {
            stats.errors++;
            if (maxErroredBlocks >= 0 && droppedBlocks >= maxErroredBlocks) {
                Blocks.closeAll(success.outputs());
                Blocks.closeAll(task.task().inputs());
                operator.taskAbandoned(task.task());
                return Optional.of(new PipelineRunException(operator.name(), row.origin(), row.cause()));
            }
            droppedBlocks++;
            listener.onEvent(new ExecutionEvent.BlockDropped(Instant.now(), operator.name(), row.origin(),
                    ExecutionEvent.BlockDropped.ROW_LEFT_OUT + PipelineRunException.describe(row.cause())));
        }
        long bytes = Blocks.sizeBytes(success.outputs());
        int index = task.operatorIndex();
        averageOutputBytes[index] = stats.tasksFinished == 1 ? bytes
                : averageOutputBytes[index] * 0.8 + bytes * 0.2;
        Blocks.closeAll(task.task().inputs());
        operator.taskSucceeded(task.task(), success.outputs());
        return Optional.empty();
    }

    private Optional<PipelineRunException> failed(Failed failed) {
        Running task = failed.running();
        PhysicalOperator operator = release(task);
        operator.stats().taskEnded(failed.endNanos() - task.bodyStartNanos, 0, 0, 0, failed.endNanos());
        Throwable cause = failed.failure();
        if (cancelled && cause instanceof InterruptedException) {
            Blocks.closeAll(task.task().inputs());
            operator.taskAbandoned(task.task());
            return Optional.empty();
        }
        if (task.attempt() < operator.maxRetries() && operator.isRetryable(cause)) {
            operator.stats().retries++;
            long backoff = Math.min(MAX_BACKOFF_NANOS, FIRST_BACKOFF_NANOS << Math.min(task.attempt(), 20));
            retries.add(new Retry(task.operatorIndex(), task.task(), task.attempt() + 1,
                    System.nanoTime() + backoff));
            listener.onEvent(new ExecutionEvent.TaskRetried(Instant.now(), operator.name(), task.task().origin(),
                    task.attempt(), PipelineRunException.describe(cause)));
            return Optional.empty();
        }
        boolean mayDrop = operator.mayDrop(task.task()) && (maxErroredBlocks < 0 || droppedBlocks < maxErroredBlocks);
        if (mayDrop && task.task().inputs().size() > 1 && operator instanceof MapOperator map) {
            // Run the bundle's blocks one by one, so that only the failing ones are dropped.
            map.isolate(task.task());
            listener.onEvent(new ExecutionEvent.TaskRetried(Instant.now(), operator.name(), task.task().origin(),
                    task.attempt(), "retrying its " + task.task().inputs().size() + " blocks one by one after: "
                    + PipelineRunException.describe(cause)));
            return Optional.empty();
        }
        operator.stats().errors++;
        deliveredBlocks.remove(task.task());
        Blocks.closeAll(task.task().inputs());
        operator.taskAbandoned(task.task());
        if (mayDrop) {
            droppedBlocks++;
            listener.onEvent(new ExecutionEvent.BlockDropped(Instant.now(), operator.name(), task.task().origin(),
                    PipelineRunException.describe(cause)));
            return Optional.empty();
        }
        return Optional.of(new PipelineRunException(operator.name(), task.task().origin(), cause));
    }

    private PhysicalOperator release(Running task) {
        running.remove(task.task());
        runningPerOperator[task.operatorIndex()]--;
        inFlightBytes[task.operatorIndex()] -= task.estimatedOutputBytes() - task.creditedBytes;
        if (task.grant() != null) {
            pool.release(task.grant());
        }
        return operators.get(task.operatorIndex());
    }

    private Optional<PipelineRunException> moveBlocks() {
        for (int index = 0; index < operators.size(); index++) {
            PhysicalOperator operator = operators.get(index);
            Deque<Block> outputs = operator.outputs();
            PhysicalOperator next = index + 1 < operators.size() ? operators.get(index + 1) : null;
            splitLargeBlocks(operator);
            while (!outputs.isEmpty()) {
                Block block = outputs.pollFirst();
                OperatorStats stats = operator.stats();
                stats.blocksOut++;
                stats.rowsOut += block.rows();
                stats.bytesOut += block.sizeBytes();
                if (next == null) {
                    try (block) {
                        results.add(block.slice(0, block.rows(), parentAllocator));
                    }
                } else if (!next.wantsInput()) {
                    block.close();
                } else {
                    OperatorStats downstream = next.stats();
                    downstream.blocksIn++;
                    downstream.rowsIn += block.rows();
                    downstream.bytesIn += block.sizeBytes();
                    String origin = block.origin();
                    try {
                        next.addInput(block);
                    } catch (RuntimeException failure) {
                        next.stats().errors++;
                        return Optional.of(new PipelineRunException(next.name(), origin, failure));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Replaces each output block larger than the target size by zero-copy slices of about that size. */
    private void splitLargeBlocks(PhysicalOperator operator) {
        Deque<Block> outputs = operator.outputs();
        if (outputs.stream().noneMatch(block -> block.sizeBytes() > targetMaxBlockBytes && block.rows() > 1)) {
            return;
        }
        List<Block> split = new ArrayList<>();
        while (!outputs.isEmpty()) {
            Block block = outputs.pollFirst();
            if (block.sizeBytes() <= targetMaxBlockBytes || block.rows() < 2) {
                split.add(block);
                continue;
            }
            try (block) {
                int pieces = (int) Math.min(block.rows(), Math.ceilDiv(block.sizeBytes(), targetMaxBlockBytes));
                int offset = 0;
                for (int piece = 0; piece < pieces; piece++) {
                    int length = block.rows() / pieces + (piece < block.rows() % pieces ? 1 : 0);
                    split.add(block.slice(offset, length, operator.allocator()));
                    offset += length;
                }
            }
        }
        outputs.addAll(split);
    }

    private void propagateStops() {
        for (int index = operators.size() - 1; index > 0; index--) {
            int upstreamIndex = index - 1;
            PhysicalOperator upstream = operators.get(upstreamIndex);
            if (!operators.get(index).wantsInput() && !upstream.isStopped()) {
                upstream.stop();
                retries.removeIf(retry -> {
                    if (retry.operatorIndex() == upstreamIndex) {
                        Blocks.closeAll(retry.task().inputs());
                        upstream.taskAbandoned(retry.task());
                        return true;
                    }
                    return false;
                });
            }
        }
    }

    private Optional<PipelineRunException> finishOperators() {
        for (int index = 0; index < operators.size(); index++) {
            if (finished[index]) {
                continue;
            }
            PhysicalOperator operator = operators.get(index);
            boolean upstreamDone = index == 0 || finished[index - 1];
            if (upstreamDone && !operator.areInputsDone()) {
                operator.inputsDone();
            }
            final int position = index;
            boolean retryPending = retries.stream().anyMatch(retry -> retry.operatorIndex() == position);
            boolean idle = runningPerOperator[index] == 0 && !retryPending;
            boolean noMoreWork = operator.isStopped() || (operator.areInputsDone() && operator.exhausted());
            if (!idle || !noMoreWork) {
                continue;
            }
            try {
                if (operator instanceof MapOperator map) {
                    map.shutDownActors().forEach(pool::release);
                }
                operator.finish();
            } catch (Exception | Error failure) {
                return Optional.of(new PipelineRunException(operator.name(), "finishing", failure));
            }
            finished[index] = true;
            listener.onEvent(new ExecutionEvent.OperatorFinished(Instant.now(), metrics(index)));
        }
        return Optional.empty();
    }

    private Optional<PipelineRunException> launchTasks() {
        long now = System.nanoTime();
        retries.removeIf(retry -> retry.readyAtNanos() <= now && launchRetry(retry));
        long objectStore = objectStoreBytes();
        long budget = pool.budget().objectStoreBytes();
        long reserved = budget / 2 / operators.size();
        emittersPaused = objectStore > budget / 2 && downstreamTasksRunning();
        for (int index = operators.size() - 1; index >= 0; index--) {
            PhysicalOperator operator = operators.get(index);
            if (finished[index] || operator.isStopped()) {
                continue;
            }
            if (operator instanceof MapOperator map) {
                map.scaleActors(pool, cpuReservedBesides(index));
            }
            boolean last = index == operators.size() - 1;
            while (operator.hasTask() && runningPerOperator[index] < operator.maxConcurrency()) {
                long estimate = averageOutputBytes[index] > 0 ? (long) averageOutputBytes[index]
                        : operator.nextTaskEstimatedBytes();
                long usage = downstreamBytes(index);
                boolean withinBudget = last || usage + estimate <= reserved || objectStore + estimate <= budget / 2;
                if (!withinBudget && !running.isEmpty()) {
                    operator.stats().backpressureNanos += now - lastLoopNanos;
                    break;
                }
                if (usesCore(operator) && coreTasksActive() >= cores.cores()) {
                    // Every core is taken: a task started now would only wait for one on a thread of its own.
                    break;
                }
                Optional<ResourcePool.Grant> grant = usesActors(operator) ? Optional.of(noGrant())
                        : acquire(operator.resources());
                if (grant.isEmpty()) {
                    break;
                }
                PendingTask task;
                try {
                    task = operator.pollTask().orElseThrow();
                } catch (RuntimeException failure) {
                    grant.filter(granted -> !usesActors(operator)).ifPresent(pool::release);
                    operator.stats().errors++;
                    return Optional.of(new PipelineRunException(operator.name(), "preparing a task", failure));
                }
                objectStore += estimate;
                start(index, task, 0, usesActors(operator) ? null : grant.get(), estimate);
            }
        }
        if (running.isEmpty() && retries.isEmpty()) {
            // Nothing runs, so nothing will free a slot: an actor pool with waiting input but no actor (other pools'
            // idle actors hold the slots) gets one anyway, downstream first, and its task starts.
            for (int index = operators.size() - 1; index >= 0; index--) {
                if (!finished[index] && operators.get(index) instanceof MapOperator map
                        && map.startFirstActorBeyondFree(pool)) {
                    return launchTasks();
                }
            }
        }
        return Optional.empty();
    }

    /** Returns the CPU thousandths one task of any other unfinished task-pool operator needs: what actors leave. */
    private long cpuReservedBesides(int actorOperator) {
        long reserved = 0;
        for (int index = 0; index < operators.size(); index++) {
            PhysicalOperator operator = operators.get(index);
            if (index != actorOperator && !finished[index] && !operator.isStopped() && !usesActors(operator)) {
                reserved = Math.max(reserved, operator.resources().cpuMillis());
            }
        }
        return reserved;
    }

    /**
     * Grants a task's slots when they are free. When they are not but nothing runs that could free them, idle actors
     * hold them (two one-CPU actor pools on two CPUs leave none for the read that feeds them): the task gets them
     * anyway, as the only one running, so the run cannot wait forever.
     */
    private Optional<ResourcePool.Grant> acquire(TaskResources resources) {
        Optional<ResourcePool.Grant> grant = pool.tryAcquire(resources);
        return grant.isPresent() || !running.isEmpty() ? grant : Optional.of(pool.acquireBeyondFree(resources));
    }

    private boolean launchRetry(Retry retry) {
        PhysicalOperator operator = operators.get(retry.operatorIndex());
        if (usesActors(operator)) {
            start(retry.operatorIndex(), retry.task(), retry.attempt(), null, retry.task().estimatedOutputBytes());
            return true;
        }
        Optional<ResourcePool.Grant> grant = acquire(operator.resources());
        grant.ifPresent(granted -> start(retry.operatorIndex(), retry.task(), retry.attempt(), granted,
                retry.task().estimatedOutputBytes()));
        return grant.isPresent();
    }

    private void start(int index, PendingTask task, int attempt, ResourcePool.Grant grant, long estimate) {
        PhysicalOperator operator = operators.get(index);
        List<Integer> devices = grant != null ? grant.gpuDevices()
                : task.actor() != null ? task.actor().grant().gpuDevices() : List.of();
        long startNanos = System.nanoTime();
        boolean usesCore = usesCore(operator);
        Running entry = new Running(index, task, attempt, grant, startNanos, estimate, usesCore);
        running.put(task, entry);
        runningPerOperator[index]++;
        inFlightBytes[index] += estimate;
        operator.stats().taskStarted(startNanos);
        int alreadyDelivered = deliveredBlocks.getOrDefault(task, 0);
        TaskContext context = new TaskContext(operator.allocator(), devices, attempt,
                (block, sequence) -> emit(entry, block, sequence, alreadyDelivered));
        workers.execute(() -> runTask(entry, context), completions::add);
    }

    /**
     * On a worker thread: passes a streamed block to the scheduler, unless an earlier attempt of the task already
     * delivered it, waiting while the memory budget is exceeded and downstream tasks are running (they will free
     * memory, so the wait always ends).
     */
    private void emit(Running entry, Block block, int sequence, int alreadyDelivered) throws InterruptedException {
        if (sequence < alreadyDelivered) {
            block.close();
            return;
        }
        if (emittersPaused && !stopping) {
            // Let other built-in tasks (the ones that will free memory) use this core while waiting.
            if (entry.usesCore) {
                cores.release();
                entry.waitingToEmit = true;
                completions.add(new Wake());
            }
            try {
                while (emittersPaused && !stopping) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException("the run was cancelled");
                    }
                    LockSupport.parkNanos(EMIT_PAUSE_NANOS);
                }
            } catch (InterruptedException | RuntimeException failure) {
                block.close();
                throw failure;
            } finally {
                if (entry.usesCore) {
                    entry.waitingToEmit = false;
                    cores.acquireUninterruptibly(entry.operatorIndex());
                }
            }
        }
        completions.add(new Emitted(entry, block));
    }

    private boolean downstreamTasksRunning() {
        for (int index = 1; index < runningPerOperator.length; index++) {
            if (runningPerOperator[index] > 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether the operator's tasks run only built-in code, so that each holds one of the {@link CoreGate}'s cores. */
    private boolean usesCore(PhysicalOperator operator) {
        return operator.runsOnlyBuiltInCode() && !usesActors(operator);
    }

    /** The running tasks that hold or wait for a core: all built-in ones but those waiting to emit a block. */
    private int coreTasksActive() {
        int active = 0;
        for (Running entry : running.values()) {
            if (entry.usesCore && !entry.waitingToEmit) {
                active++;
            }
        }
        return active;
    }

    /** On a worker thread: runs a task; the result is published once the thread is free for the next task. */
    private Completion runTask(Running entry, TaskContext context) {
        entry.thread = Thread.currentThread();
        if (stopping) {
            return new Failed(entry, new InterruptedException("the run is stopping"), System.nanoTime());
        }
        if (entry.usesCore) {
            try {
                cores.acquire(entry.operatorIndex());
            } catch (InterruptedException interrupted) {
                return new Failed(entry, interrupted, System.nanoTime());
            }
        }
        entry.bodyStartNanos = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        try {
            List<Block> outputs = entry.task().body().run(context);
            long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
            return new Succeeded(entry, List.copyOf(outputs), cpu, context.userFunctionNanos(),
                    context.modelNanos(), context.rowFailures(), System.nanoTime());
        } catch (Throwable failure) {
            return new Failed(entry, failure, System.nanoTime());
        } finally {
            if (entry.usesCore) {
                cores.release();
            }
        }
    }

    private void stopEverything() {
        stopping = true;
        for (Running task : running.values()) {
            Thread thread = task.thread;
            if (thread != null) {
                thread.interrupt();
            }
        }
        long deadline = System.nanoTime() + STOP_TIMEOUT_NANOS;
        if (early != null) {
            completions.add(early);
            early = null;
        }
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            try {
                Completion completion = completions.poll(100, TimeUnit.MILLISECONDS);
                if (completion instanceof Emitted emitted) {
                    emitted.block().close();
                } else if (completion instanceof Succeeded success) {
                    release(success.running());
                    Blocks.closeAll(success.outputs());
                    Blocks.closeAll(success.running().task().inputs());
                    operators.get(success.running().operatorIndex()).taskAbandoned(success.running().task());
                } else if (completion instanceof Failed failed) {
                    release(failed.running());
                    Blocks.closeAll(failed.running().task().inputs());
                    operators.get(failed.running().operatorIndex()).taskAbandoned(failed.running().task());
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Retry retry : retries) {
            Blocks.closeAll(retry.task().inputs());
        }
        retries.clear();
        for (PhysicalOperator operator : operators) {
            operator.abort();
        }
    }

    private String closeEverything() {
        workers.shutDownNow();
        StringBuilder leaks = new StringBuilder();
        for (PhysicalOperator operator : operators) {
            try {
                if (operator instanceof MapOperator map) {
                    map.shutDownActors();
                }
            } catch (Exception failure) {
                leaks.append(operator.name()).append(": closing an actor failed: ")
                        .append(PipelineRunException.describe(failure)).append("; ");
            }
            operator.close();
        }
        for (PhysicalOperator operator : operators) {
            BufferAllocator allocator = operator.allocator();
            if (allocator != null) {
                try {
                    allocator.close();
                } catch (IllegalStateException leak) {
                    leaks.append(operator.name()).append(": ").append(leak.getMessage()).append("; ");
                }
            }
        }
        return leaks.toString();
    }

    private long objectStoreBytes() {
        long bytes = 0;
        for (int index = 0; index < operators.size(); index++) {
            PhysicalOperator operator = operators.get(index);
            bytes += operator.queuedInputBytes() + Blocks.sizeBytes(operator.outputs());
            bytes += inFlightBytes[index];
        }
        return bytes;
    }

    private long downstreamBytes(int index) {
        long bytes = Blocks.sizeBytes(operators.get(index).outputs()) + inFlightBytes[index];
        if (index + 1 < operators.size()) {
            bytes += operators.get(index + 1).queuedInputBytes();
        }
        return bytes;
    }

    private boolean allFinished() {
        for (boolean done : finished) {
            if (!done) {
                return false;
            }
        }
        return true;
    }

    private void publishProgress() {
        listener.onEvent(new ExecutionEvent.Progress(Instant.now(), snapshot(), objectStoreBytes(),
                pool.cpuMillisInUse()));
    }

    private List<OperatorMetrics> snapshot() {
        List<OperatorMetrics> metrics = new ArrayList<>();
        for (int index = 0; index < operators.size(); index++) {
            metrics.add(metrics(index));
        }
        return metrics;
    }

    private OperatorMetrics metrics(int index) {
        PhysicalOperator operator = operators.get(index);
        return operator.stats().snapshot(operator.queuedInputBlocks(), operator.queuedInputBytes(), finished[index],
                System.nanoTime());
    }

    private static boolean usesActors(PhysicalOperator operator) {
        return operator instanceof MapOperator map && map.usesActors();
    }

    private static ResourcePool.Grant noGrant() {
        return new ResourcePool.Grant(new TaskResources(0, 0), List.of());
    }

    /** A task on a worker thread. */
    private static final class Running {
        private final int operatorIndex;
        private final PendingTask task;
        private final int attempt;
        private final ResourcePool.Grant grant;
        private final long startNanos;
        private final long estimatedOutputBytes;
        private final boolean usesCore;
        private volatile Thread thread;
        /** When the task's body began, after any wait for a core: its latency is measured from here. */
        private volatile long bodyStartNanos;
        /** Whether the task has given its core back while it waits for memory to emit a block. */
        private volatile boolean waitingToEmit;
        private long creditedBytes;

        Running(int operatorIndex, PendingTask task, int attempt, ResourcePool.Grant grant, long startNanos,
                long estimatedOutputBytes, boolean usesCore) {
            this.operatorIndex = operatorIndex;
            this.task = task;
            this.attempt = attempt;
            this.grant = grant;
            this.startNanos = startNanos;
            this.estimatedOutputBytes = estimatedOutputBytes;
            this.usesCore = usesCore;
            this.bodyStartNanos = startNanos;
        }

        long estimatedOutputBytes() {
            return estimatedOutputBytes;
        }

        int operatorIndex() {
            return operatorIndex;
        }

        PendingTask task() {
            return task;
        }

        int attempt() {
            return attempt;
        }

        ResourcePool.Grant grant() {
            return grant;
        }
    }

    private record Retry(int operatorIndex, PendingTask task, int attempt, long readyAtNanos) {
    }

    private sealed interface Completion {
    }

    private record Succeeded(Running running, List<Block> outputs, long cpuNanos, long udfNanos, long modelNanos,
            List<RowFailure> rowFailures, long endNanos) implements Completion {
    }

    private record Failed(Running running, Throwable failure, long endNanos) implements Completion {
    }

    private record Emitted(Running running, Block block) implements Completion {
    }

    private record Wake() implements Completion {
    }
}
