package dev.pipetune.engine.execution;

import java.util.List;

/**
 * Builds one member of an actor pool (for example: loads a model) on the thread of the actor's first task, knowing
 * the GPU devices the actor holds for its whole life.
 */
@FunctionalInterface
public interface ActorFactory {

    /**
     * Builds an actor.
     *
     * @param gpuDevices the GPU device indices granted to the actor (for DJL's {@code Device.gpu(i)}), empty without
     *     GPUs
     * @return the actor, closed by the pool when it shuts down
     */
    ActorInstance create(List<Integer> gpuDevices);
}
