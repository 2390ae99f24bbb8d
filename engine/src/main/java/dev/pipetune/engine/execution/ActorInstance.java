package dev.pipetune.engine.execution;

/**
 * One constructed member of an actor pool: the transform it runs, built once (a model loaded once), and how to
 * release what it holds when the pool shuts down.
 */
public interface ActorInstance extends AutoCloseable {

    /** Returns the transform this actor applies to every batch it is given. */
    BlockTransform transform();

    /** Releases the actor's state (models, native memory). */
    @Override
    void close() throws Exception;
}
