package dev.pipetune.engine.execution;

/**
 * One instance of an actor pool: a transform built once (a model loaded once) on the first task it runs, reused by
 * every later task, and closed when the pool shuts down. Holds its resource grant for its whole life.
 */
final class Actor implements AutoCloseable {

    private final ActorFactory factory;
    private final ResourcePool.Grant grant;
    private ActorInstance instance;
    private boolean busy;

    Actor(ActorFactory factory, ResourcePool.Grant grant) {
        this.factory = factory;
        this.grant = grant;
    }

    /** Returns the transform, constructing the instance on first use (on the task's thread). */
    synchronized BlockTransform transform() {
        if (instance == null) {
            instance = factory.create(grant.gpuDevices());
        }
        return instance.transform();
    }

    ResourcePool.Grant grant() {
        return grant;
    }

    boolean isBusy() {
        return busy;
    }

    void setBusy(boolean busy) {
        this.busy = busy;
    }

    @Override
    public synchronized void close() throws Exception {
        if (instance != null) {
            instance.close();
            instance = null;
        }
    }
}
