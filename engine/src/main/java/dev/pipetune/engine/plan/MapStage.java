package dev.pipetune.engine.plan;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.execution.ActorFactory;
import dev.pipetune.engine.execution.BlockTransform;
import dev.pipetune.engine.execution.MapOperator;
import dev.pipetune.engine.execution.TaskResources;
import dev.pipetune.engine.pipeline.Concurrency;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * One map-like step (or several fused ones) on its way to becoming a {@link MapOperator}.
 *
 * @param name the operator's name, e.g. {@code MapBatches(transform)->Filter(keep)}
 * @param transform the stateless transform, or null for an actor pool
 * @param actorFactory the actor factory, or null for a task pool
 * @param resources per task or actor
 * @param concurrency the step's concurrency, if set
 * @param explicitResources whether the step set any of num_cpus, num_gpus, memory or concurrency
 * @param batchSize rows per call, empty for whole blocks
 * @param maxRetries retries of a failed task
 * @param retryable which failures are retried
 * @param builtIn whether the transform is made only of built-in steps (no user function)
 */
record MapStage(String name, BlockTransform transform, ActorFactory actorFactory,
        TaskResources resources, Optional<Concurrency> concurrency, boolean explicitResources, OptionalInt batchSize,
        int maxRetries, Predicate<Throwable> retryable, boolean builtIn) {

    /** Rows a task takes at most, unless a batch is larger. */
    static final int BUNDLE_ROWS = 65_536;

    MapStage {
        requireNonNull(name, "name");
        if ((transform == null) == (actorFactory == null)) {
            throw new IllegalArgumentException("a map stage has a transform or an actor factory");
        }
    }

    /** Returns this stage marked as made only of built-in steps. */
    MapStage asBuiltIn() {
        return new MapStage(name, transform, actorFactory, resources, concurrency, explicitResources, batchSize,
                maxRetries, retryable, true);
    }

    boolean usesActors() {
        return actorFactory != null;
    }

    /**
     * Returns whether {@code next} can run inside this stage's tasks: both stateless, and {@code next} either sets no
     * resources of its own or the same ones, and needs no batch size of its own.
     */
    boolean canFuse(MapStage next) {
        boolean compatibleResources = !next.explicitResources
                || next.resources.equals(resources) && next.concurrency.equals(concurrency);
        boolean compatibleBatches = next.batchSize.isEmpty() || next.batchSize.equals(batchSize);
        return !usesActors() && !next.usesActors() && compatibleResources && compatibleBatches;
    }

    MapStage fuse(MapStage next) {
        return new MapStage(name + "->" + next.name, transform.andThen(next.transform), null, resources, concurrency,
                explicitResources, batchSize, Math.max(maxRetries, next.maxRetries), retryable.or(next.retryable),
                builtIn && next.builtIn);
    }

    MapOperator toOperator() {
        int bundle = Math.max(BUNDLE_ROWS, batchSize.orElse(1));
        if (usesActors()) {
            Concurrency pool = concurrency.orElseThrow();
            int minimum = pool instanceof Concurrency.Autoscaling range ? range.minimum() : pool.maximum();
            return MapOperator.actorPool(name, actorFactory, resources, minimum, pool.maximum(), maxRetries,
                    retryable, batchSize, batchSize.orElse(bundle));
        }
        int cap = concurrency.map(Concurrency::maximum).orElse(Integer.MAX_VALUE);
        MapOperator operator = MapOperator.taskPool(name, transform, resources, cap, maxRetries, retryable, batchSize,
                bundle);
        return builtIn ? operator.builtInOnly() : operator;
    }
}
