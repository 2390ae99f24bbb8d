package dev.pipetune.profiler.rules.builtin;

import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.profiler.recording.Recording;
import java.util.Optional;

/**
 * The workload types of the seed's resource allocation table, with their recommended {@code num_cpus} and
 * {@code batch_size} ranges.
 */
enum Workload {
    /** Reading files: many cheap tasks. */
    IO_HEAVY("I/O heavy", 0.025, 0.05, 0, 0),
    /** Light per-row work. */
    LIGHT_CPU("light CPU", 0.25, 0.5, 500, 1000),
    /** Heavy per-row work. */
    HEAVY_CPU("heavy CPU", 1.0, 2.0, 100, 500),
    /** Model inference on GPUs. */
    GPU_INFERENCE("GPU inference", 0.5, 1.0, 16, 64);

    /** A function step whose operator spends at least this share of all CPU time counts as heavy CPU. */
    static final double HEAVY_CPU_SHARE = 0.5;

    private final String label;
    private final double minimumCpus;
    private final double maximumCpus;
    private final int minimumBatch;
    private final int maximumBatch;

    Workload(String label, double minimumCpus, double maximumCpus, int minimumBatch, int maximumBatch) {
        this.label = label;
        this.minimumCpus = minimumCpus;
        this.maximumCpus = maximumCpus;
        this.minimumBatch = minimumBatch;
        this.maximumBatch = maximumBatch;
    }

    String label() {
        return label;
    }

    double minimumCpus() {
        return minimumCpus;
    }

    double maximumCpus() {
        return maximumCpus;
    }

    /** Returns whether the table recommends a batch size range (the default for I/O heavy steps). */
    boolean hasBatchRange() {
        return maximumBatch > 0;
    }

    int minimumBatch() {
        return minimumBatch;
    }

    int maximumBatch() {
        return maximumBatch;
    }

    /**
     * Classifies a step: reads are I/O heavy; function steps with GPUs are GPU inference; other user-function steps
     * are heavy CPU when their operator took at least half of the run's CPU time (or, without measurements, when
     * they ask for a whole CPU), light CPU otherwise. Writes and steps without resources have no workload type.
     */
    static Optional<Workload> of(Pipeline pipeline, Recording recording, int index) {
        Step step = pipeline.steps().get(index);
        if (step instanceof Step.Read) {
            return Optional.of(IO_HEAVY);
        }
        if (!(step instanceof Step.FunctionStep)) {
            return Optional.empty();
        }
        if (PipelineFacts.isGpuStep(step)) {
            return Optional.of(GPU_INFERENCE);
        }
        Optional<OperatorMetrics> operator = PipelineFacts.operatorOf(recording, pipeline, index);
        boolean heavy = operator.filter(metrics -> metrics.cpuNanos() > 0)
                .map(metrics -> PipelineFacts.cpuShare(recording, metrics) >= HEAVY_CPU_SHARE)
                .orElse(PipelineFacts.numCpus(step) >= 1.0);
        return Optional.of(heavy ? HEAVY_CPU : LIGHT_CPU);
    }
}
