package dev.pipetune.engine.execution;

/** Receives a run's {@link ExecutionEvent}s, on the executor's thread, in order. Must return quickly. */
@FunctionalInterface
public interface ExecutionListener {

    /** A listener that ignores everything. */
    ExecutionListener NONE = event -> { };

    /**
     * Receives one event.
     *
     * @param event the event
     */
    void onEvent(ExecutionEvent event);
}
