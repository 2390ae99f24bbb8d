package dev.pipetune.app.dashboard;

import java.nio.file.Path;

/**
 * Starts runs for the dashboard. Called on a background thread; {@link EmbeddedRunLauncher} runs pipelines on the
 * embedded engine, tests pass fakes.
 */
@FunctionalInterface
public interface RunLauncher {

    /**
     * Reads and starts a pipeline.
     *
     * @param pipeline the pipeline file
     * @param options the overrides and plugin jars, as {@code pipetune run --set ... --plugin ...} takes them
     * @param feed receives the run's events and samples until the session's {@link RunSession#await()} returns
     * @return the started run
     * @throws Exception if the pipeline is invalid or cannot start; the message says why for the user
     */
    RunSession start(Path pipeline, RunOptions options, RunFeed feed) throws Exception;
}
