package dev.pipetune.engine.execution;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.block.Blocks;
import dev.pipetune.engine.block.Rebatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A map-like operator: one or several fused steps ({@code map_batches}, {@code map}, {@code filter}, ...) applied
 * block by block, as stateless tasks or on a pool of actors.
 *
 * <p>With a batch size, the input is re-sliced into batches of exactly that many rows (the last may be smaller) and
 * each batch is one call of the transform; a task takes several consecutive batches, up to about
 * {@code bundleRows} rows. Without one, each input block is one batch.
 */
public final class MapOperator extends PhysicalOperator {

    /**
     * Blocks smaller than this are bundled into one task, and small outputs merged (Ray's default
     * {@code target_min_block_size}); larger blocks each make a task of their own when there is no batch size.
     */
    static final long SMALL_BLOCK_BYTES = 1L << 20;

    /** The most input bytes one task takes when batches are bundled (unless a single batch is larger). */
    static final long BUNDLE_BYTES = 16L << 20;

    private final BlockTransform transform;
    private final OptionalInt batchSize;
    private final int bundleRows;
    private final ActorFactory actorFactory;
    private final int minimumActors;
    private final List<Actor> actors = new ArrayList<>();
    private final Deque<Block> ready = new ArrayDeque<>();
    /** How many blocks at the head of {@link #ready} must each run as a task of their own. */
    private int isolated;
    private Rebatcher rebatcher;
    private boolean builtInOnly;

    private MapOperator(String name, TaskResources resources, int maxConcurrency, int maxRetries,
            Predicate<Throwable> retryable, BlockTransform transform, ActorFactory actorFactory,
            int minimumActors, OptionalInt batchSize, int bundleRows) {
        super(name, resources, maxConcurrency, maxRetries, retryable);
        this.transform = transform;
        this.actorFactory = actorFactory;
        this.minimumActors = minimumActors;
        this.batchSize = requireNonNull(batchSize, "batchSize");
        this.bundleRows = bundleRows;
    }

    /**
     * Creates an operator that runs stateless tasks.
     *
     * @param name its name in reports
     * @param transform the (fused) transformation, shared by all tasks
     * @param resources what each task holds
     * @param maxConcurrency the most tasks at once
     * @param maxRetries how often a failed task is retried
     * @param retryable which failures are retried
     * @param batchSize rows per call of the transform, or empty for whole blocks
     * @param bundleRows about how many rows one task takes
     * @return the operator
     */
    public static MapOperator taskPool(String name, BlockTransform transform, TaskResources resources,
            int maxConcurrency, int maxRetries, Predicate<Throwable> retryable, OptionalInt batchSize,
            int bundleRows) {
        return new MapOperator(name, resources, maxConcurrency, maxRetries, retryable,
                requireNonNull(transform, "transform"), null, 0, batchSize, bundleRows);
    }

    /**
     * Creates an operator that runs on a pool of actors, each constructed once and reused.
     *
     * @param name its name in reports
     * @param factory constructs one actor's instance (called on a worker thread, once per actor)
     * @param resources what each actor holds for its lifetime
     * @param minimumActors actors started at once
     * @param maximumActors actors the pool may grow to when its queue builds up
     * @param maxRetries how often a failed task is retried
     * @param retryable which failures are retried
     * @param batchSize rows per call, or empty for whole blocks
     * @param bundleRows about how many rows one task takes
     * @return the operator
     */
    public static MapOperator actorPool(String name, ActorFactory factory, TaskResources resources,
            int minimumActors, int maximumActors, int maxRetries, Predicate<Throwable> retryable,
            OptionalInt batchSize, int bundleRows) {
        if (minimumActors < 1 || maximumActors < minimumActors) {
            throw new IllegalArgumentException("an actor pool needs 1 <= min <= max actors");
        }
        return new MapOperator(name, resources, maximumActors, maxRetries, retryable, null,
                requireNonNull(factory, "factory"), minimumActors, batchSize, bundleRows);
    }

    boolean usesActors() {
        return actorFactory != null;
    }

    /**
     * Declares that this operator's transform is made only of built-in steps (no user function), so its tasks are
     * CPU-bound and share the machine's cores like reads and writes do (see
     * {@link PhysicalOperator#runsOnlyBuiltInCode()}).
     *
     * @return this operator
     */
    public MapOperator builtInOnly() {
        if (usesActors()) {
            throw new IllegalStateException("actor pools run user classes");
        }
        builtInOnly = true;
        return this;
    }

    @Override
    boolean runsOnlyBuiltInCode() {
        return builtInOnly;
    }

    /**
     * Starts actors up to the minimum, or one more when all are busy and work is waiting. Actors hold their CPUs for
     * the whole run, so beyond the first one an actor starts only while {@code reservedCpuMillis} stay free for the
     * other operators' tasks: a pool that took every CPU would starve the read that feeds it (the run would hang).
     *
     * @param pool the resources
     * @param reservedCpuMillis CPU thousandths to leave free after starting a second or later actor
     */
    void scaleActors(ResourcePool pool, long reservedCpuMillis) {
        if (!usesActors() || isStopped()) {
            return;
        }
        boolean allBusy = actors.stream().allMatch(Actor::isBusy);
        while (actors.size() < minimumActors || (allBusy && actors.size() < maxConcurrency() && hasBundle())) {
            if (!actors.isEmpty() && pool.cpuMillisFree() - resources().cpuMillis() < reservedCpuMillis) {
                return;
            }
            Optional<ResourcePool.Grant> grant = pool.tryAcquire(resources());
            if (grant.isEmpty()) {
                return;
            }
            actors.add(new Actor(actorFactory, grant.get()));
            allBusy = false;
        }
    }

    /**
     * Starts this pool's first actor beyond the free slots, when it has input waiting and no actor while nothing runs
     * anywhere: idle actors of other pools (which start their minimum at once) may hold every slot it needs, and
     * waiting would then be forever. Like the one task the scheduler starts beyond the free slots in that case.
     *
     * @param pool the resources
     * @return whether an actor was started
     */
    boolean startFirstActorBeyondFree(ResourcePool pool) {
        if (!usesActors() || isStopped() || !actors.isEmpty() || !hasBundle()) {
            return false;
        }
        actors.add(new Actor(actorFactory, pool.acquireBeyondFree(resources())));
        return true;
    }

    int actorCount() {
        return actors.size();
    }

    @Override
    void open(BufferAllocator operatorAllocator) {
        super.open(operatorAllocator);
        if (batchSize.isPresent()) {
            rebatcher = new Rebatcher(batchSize.getAsInt(), operatorAllocator);
        }
    }

    @Override
    void addInput(Block block) {
        if (rebatcher == null) {
            ready.addLast(block);
            return;
        }
        rebatcher.add(block);
        for (Optional<Block> batch = rebatcher.next(); batch.isPresent(); batch = rebatcher.next()) {
            ready.addLast(batch.get());
        }
    }

    @Override
    void inputsDone() {
        super.inputsDone();
        if (rebatcher != null) {
            rebatcher.flush().ifPresent(ready::addLast);
        }
    }

    private boolean hasBundle() {
        if (ready.isEmpty()) {
            return false;
        }
        if (isolated > 0) {
            return true;
        }
        if (batchSize.isEmpty() || areInputsDone()) {
            return true;
        }
        return Blocks.rows(ready) >= Math.max(bundleRows, batchSize.getAsInt()) || ready.size() >= 64
                || Blocks.sizeBytes(ready) >= BUNDLE_BYTES;
    }

    @Override
    boolean hasTask() {
        return hasBundle() && (!usesActors() || freeActor().isPresent());
    }

    @Override
    Optional<PendingTask> pollTask() {
        if (!hasTask()) {
            return Optional.empty();
        }
        Actor actor = usesActors() ? freeActor().orElseThrow() : null;
        List<Block> bundle = new ArrayList<>();
        long rows = 0;
        long bytes = 0;
        int most = isolated > 0 ? 1 : Integer.MAX_VALUE;
        if (isolated > 0) {
            isolated--;
        }
        // Without a batch size, whole blocks are the unit: only small ones share a task.
        long byteLimit = batchSize.isPresent() ? BUNDLE_BYTES : SMALL_BLOCK_BYTES;
        while (!ready.isEmpty() && bundle.size() < most && (bundle.isEmpty()
                || rows + ready.peekFirst().rows() <= bundleRows
                        && bytes + ready.peekFirst().sizeBytes() <= byteLimit)) {
            Block block = ready.pollFirst();
            bundle.add(block);
            rows += block.rows();
            bytes += block.sizeBytes();
        }
        if (actor != null) {
            actor.setBusy(true);
        }
        PendingTask.TaskBody body = context -> {
            BlockTransform work = actor == null ? transform : actor.transform();
            List<Block> produced = new ArrayList<>();
            try {
                for (Block batch : bundle) {
                    context.checkCancelled();
                    produced.addAll(work.apply(batch, context));
                }
                return coalesce(produced, context);
            } catch (Exception | Error failure) {
                Blocks.closeAll(produced);
                throw failure;
            }
        };
        return Optional.of(new PendingTask(body, bundle, bundle.getFirst().origin(), bytes, actor));
    }

    /**
     * Merges a task's many small outputs (one per batch) into blocks of about {@code bundleRows} rows, so downstream
     * operators and writers handle a few large blocks instead of thousands of small ones. Consumes the inputs.
     */
    private List<Block> coalesce(List<Block> produced, TaskContext context) {
        if (produced.size() < 2 || Blocks.rows(produced) / produced.size() >= bundleRows / 4
                || Blocks.sizeBytes(produced) / produced.size() >= SMALL_BLOCK_BYTES) {
            return produced;
        }
        List<Block> merged = new ArrayList<>();
        List<Block> group = new ArrayList<>();
        long rows = 0;
        try {
            for (Block block : produced) {
                boolean sameSchema = group.isEmpty() || group.getFirst().schema().equals(block.schema());
                if (!group.isEmpty() && (!sameSchema || rows + block.rows() > bundleRows
                        || Blocks.sizeBytes(group) + block.sizeBytes() > BUNDLE_BYTES)) {
                    merged.add(Blocks.concatenate(group, context.allocator()));
                    Blocks.closeAll(group);
                    group.clear();
                    rows = 0;
                }
                group.add(block);
                rows += block.rows();
            }
            merged.add(Blocks.concatenate(group, context.allocator()));
            Blocks.closeAll(group);
            return merged;
        } catch (RuntimeException | Error failure) {
            Blocks.closeAll(merged);
            Blocks.closeAll(produced);
            throw failure;
        }
    }

    /**
     * Takes back the input blocks of a task that failed for good, so each runs again as a task of its own: only the
     * blocks that fail alone are then dropped under {@code max_errored_blocks}, not the whole bundle.
     *
     * @param task a failed task of this operator with more than one input block; its blocks now belong to this
     *     operator again
     */
    void isolate(PendingTask task) {
        releaseActor(task);
        List<Block> inputs = task.inputs();
        for (int index = inputs.size() - 1; index >= 0; index--) {
            ready.addFirst(inputs.get(index));
        }
        isolated += inputs.size();
    }

    @Override
    void taskSucceeded(PendingTask task, List<Block> produced) {
        releaseActor(task);
        super.taskSucceeded(task, produced);
    }

    @Override
    void taskAbandoned(PendingTask task) {
        releaseActor(task);
    }

    private static void releaseActor(PendingTask task) {
        if (task.actor() != null) {
            task.actor().setBusy(false);
        }
    }

    private Optional<Actor> freeActor() {
        return actors.stream().filter(actor -> !actor.isBusy()).findFirst();
    }

    /** Returns the actors' grants so the executor can release them; the actors are closed. */
    List<ResourcePool.Grant> shutDownActors() throws Exception {
        List<ResourcePool.Grant> grants = new ArrayList<>();
        Exception first = null;
        for (Actor actor : actors) {
            grants.add(actor.grant());
            try {
                actor.close();
            } catch (Exception failure) {
                first = first == null ? failure : first;
            }
        }
        actors.clear();
        if (first != null) {
            throw first;
        }
        return grants;
    }

    @Override
    boolean exhausted() {
        return areInputsDone() && ready.isEmpty() && (rebatcher == null || rebatcher.pendingRows() == 0);
    }

    @Override
    int queuedInputBlocks() {
        return ready.size();
    }

    @Override
    long queuedInputBytes() {
        return Blocks.sizeBytes(ready) + (rebatcher == null ? 0 : rebatcher.pendingBytes());
    }

    @Override
    void discardInput() {
        Blocks.closeAll(ready);
        ready.clear();
        isolated = 0;
        if (rebatcher != null) {
            rebatcher.close();
        }
    }
}
