package dev.pipetune.app.tuning;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.tuning.SweepAxis;
import dev.pipetune.profiler.tuning.TuningOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * A study the workbench runs, as {@code pipetune tune} takes it.
 *
 * @param pipeline the pipeline file
 * @param axes the sweep's axes; empty when only proposals are measured
 * @param options strategy, sample fraction, repeats and warm-ups
 * @param propose whether to measure the four levels' proposals as well
 * @param plugins jars with the user functions the pipeline names, as {@code --plugin} takes them
 */
public record TuneRequest(Path pipeline, List<SweepAxis> axes, TuningOptions options, boolean propose,
        List<Path> plugins) {

    /** Checks the parts: a study sweeps, proposes, or both. */
    public TuneRequest {
        requireNonNull(pipeline, "pipeline");
        axes = List.copyOf(axes);
        requireNonNull(options, "options");
        plugins = List.copyOf(plugins);
        if (axes.isEmpty() && !propose) {
            throw new IllegalArgumentException("give at least one sweep axis (STEP.KEY=V1,V2,...) or measure the "
                    + "proposals");
        }
    }
}
