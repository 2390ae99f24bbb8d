package dev.pipetune.engine.run;

import dev.pipetune.engine.execution.ExecutionListener;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.plan.PlanContext;
import dev.pipetune.engine.plan.PlanException;

/**
 * Something that runs pipelines: the embedded engine now, remote engines later. The command line, the profiler and
 * the GUI talk to engines only through this interface.
 */
public interface Engine {

    /** Returns the engine's name for people, such as {@code embedded}. */
    String name();

    /**
     * Plans a pipeline and starts running it in the background.
     *
     * @param pipeline the pipeline
     * @param context paths, functions and machine resources
     * @param listener receives the run's events, in order, on the engine's thread; must return quickly
     * @return the running pipeline
     * @throws PlanException if the pipeline cannot run as written (missing inputs, columns, classes, resources)
     */
    RunningPipeline start(Pipeline pipeline, PlanContext context, ExecutionListener listener) throws PlanException;
}
