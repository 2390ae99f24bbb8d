package dev.pipetune.profiler.rules.builtin;

import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.profiler.recording.Recording;
import java.util.List;
import java.util.OptionalInt;

/** Where a run waits: operators' input queues and concurrency caps over the progress snapshots. */
final class Bottlenecks {

    private Bottlenecks() {
    }

    /** Returns an operator's mean input queue, in blocks, over the snapshots in which it was working. */
    static double meanQueuedBlocks(Recording recording, String operatorName) {
        List<OperatorMetrics> active = PipelineFacts.activeSnapshots(recording, operatorName);
        return active.stream().mapToInt(OperatorMetrics::queuedBlocks).average().orElse(0);
    }

    /** Returns the fraction of an operator's working snapshots in which its input queue was empty. */
    static double emptyQueueFraction(Recording recording, String operatorName) {
        List<OperatorMetrics> active = PipelineFacts.activeSnapshots(recording, operatorName);
        if (active.isEmpty()) {
            return 0;
        }
        return active.stream().filter(metrics -> metrics.queuedBlocks() == 0).count() / (double) active.size();
    }

    /**
     * Returns the fraction of an operator's working snapshots in which it ran as many tasks as its cap allows; 0 when
     * it has no cap.
     */
    static double atCapFraction(Recording recording, String operatorName, OptionalInt cap) {
        List<OperatorMetrics> active = PipelineFacts.activeSnapshots(recording, operatorName);
        if (active.isEmpty() || cap.isEmpty()) {
            return 0;
        }
        return active.stream().filter(metrics -> metrics.tasksRunning() >= cap.getAsInt()).count()
                / (double) active.size();
    }

    /** Returns the operator with the longest mean input queue, past the source. */
    static OptionalInt mostQueued(Recording recording) {
        List<OperatorMetrics> operators = recording.finalOperators();
        int best = -1;
        double bestQueue = 0;
        for (int position = 1; position < operators.size(); position++) {
            double queue = meanQueuedBlocks(recording, operators.get(position).name());
            if (queue > bestQueue) {
                best = position;
                bestQueue = queue;
            }
        }
        return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
    }

    /** Overrides that give a step more parallelism: lower num_cpus, a higher cap when it ran at its cap. */
    static void moreParallelism(Pipeline pipeline, int index, double minimumCpus, boolean atCap,
            List<PipelineOverride> overrides) {
        Step step = pipeline.steps().get(index);
        if (PipelineFacts.resources(step).isEmpty()) {
            return;
        }
        double cpus = PipelineFacts.numCpus(step);
        if (!PipelineFacts.isGpuStep(step) && cpus > minimumCpus) {
            overrides.add(PipelineFacts.set(pipeline, index, "num_cpus", Math.max(minimumCpus, cpus / 2)));
        }
        OptionalInt cap = PipelineFacts.concurrency(step);
        if (atCap && cap.isPresent() && !PipelineFacts.isGpuStep(step)) {
            overrides.add(PipelineFacts.set(pipeline, index, "concurrency", cap.getAsInt() * 2));
        }
    }
}
