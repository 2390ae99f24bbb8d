package dev.pipetune.profiler.rules.builtin;

import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.engine.pipeline.BatchSize;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.engine.pipeline.Resources;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.profiler.recording.ProgressSnapshot;
import dev.pipetune.profiler.recording.Recording;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/** What rules need to know about a pipeline's steps and how they map onto the recorded operators. */
final class PipelineFacts {

    /** The engine's CPU slots for a task that does not ask ({@code num_cpus} absent). */
    static final double DEFAULT_NUM_CPUS = 1.0;

    private PipelineFacts() {
    }

    /** Returns the resources a step asks for, when it is a kind of step that has them. */
    static Optional<Resources> resources(Step step) {
        return switch (step) {
            case Step.Read read -> Optional.of(read.resources());
            case Step.FunctionStep function -> Optional.of(function.resources());
            case Step.Write write -> Optional.of(write.resources());
            default -> Optional.empty();
        };
    }

    /** Returns the CPU slots each task of a step holds, the engine's default when the file gives none. */
    static double numCpus(Step step) {
        return resources(step).map(resources -> resources.numCpus().orElse(DEFAULT_NUM_CPUS)).orElse(0.0);
    }

    /** Returns the GPUs each task or actor of a step holds. */
    static double numGpus(Step step) {
        return resources(step).map(resources -> resources.numGpus().orElse(0.0)).orElse(0.0);
    }

    /** Returns whether a step runs on GPUs. */
    static boolean isGpuStep(Step step) {
        return numGpus(step) > 0;
    }

    /** Returns whether a step runs a built-in function or expression (no user code, no batch_size effect). */
    static boolean isBuiltIn(Step step) {
        return switch (step) {
            case Step.Filter filter -> filter.expression().isPresent()
                    || filter.fn().flatMap(function -> function.builtin()).isPresent();
            case Step.MapBatches mapBatches -> mapBatches.fn().builtin().isPresent();
            case Step.MapRows map -> map.fn().builtin().isPresent();
            case Step.FlatMap flatMap -> flatMap.fn().builtin().isPresent();
            default -> false;
        };
    }

    /** Returns the indexes of the pipeline's GPU steps. */
    static List<Integer> gpuSteps(Pipeline pipeline) {
        List<Integer> indexes = new ArrayList<>();
        for (int index = 0; index < pipeline.steps().size(); index++) {
            if (isGpuStep(pipeline.steps().get(index))) {
                indexes.add(index);
            }
        }
        return indexes;
    }

    /** Returns a map_batches step's rows per batch, when it has an exact count. */
    static OptionalInt batchRows(Step step) {
        if (step instanceof Step.MapBatches mapBatches) {
            BatchSize size = mapBatches.batchSize().orElse(BatchSize.DEFAULT);
            if (size instanceof BatchSize.Rows rows) {
                return OptionalInt.of(rows.rows());
            }
        }
        return OptionalInt.empty();
    }

    /** Returns a step's concurrency cap, when the file sets one. */
    static OptionalInt concurrency(Step step) {
        return resources(step).flatMap(Resources::concurrency).map(value -> OptionalInt.of(value.maximum()))
                .orElse(OptionalInt.empty());
    }

    /** Returns the address overrides use for a step: its name, or its index. */
    static String address(Pipeline pipeline, int index) {
        return pipeline.steps().get(index).name().orElse(Integer.toString(index));
    }

    /** Builds a {@code STEP.KEY=VALUE} override. */
    static PipelineOverride set(Pipeline pipeline, int index, String key, Object value) {
        return new PipelineOverride(address(pipeline, index), List.of(key), format(value));
    }

    /** Builds a {@code context.KEY=VALUE} override. */
    static PipelineOverride setContext(String key, Object value) {
        return new PipelineOverride(PipelineOverride.CONTEXT, List.of(key), format(value));
    }

    /** Formats a number as few digits as it needs: {@code 0.25}, {@code 2}, {@code 0.025}. */
    static String format(Object value) {
        if (value instanceof Double number) {
            if (number == Math.rint(number)) {
                return Long.toString(number.longValue());
            }
            return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4f", number)).stripTrailingZeros()
                    .toPlainString();
        }
        return String.valueOf(value);
    }

    /**
     * Returns the step indexes an operator runs: a fused operator such as {@code ReadParquet(read)->MapBatches(f)}
     * runs several.
     */
    static List<Integer> stepsOf(Pipeline pipeline, String operatorName) {
        List<Integer> indexes = new ArrayList<>();
        for (String part : operatorName.split("->")) {
            int open = part.indexOf('(');
            int close = part.lastIndexOf(')');
            if (open < 0 || close <= open) {
                continue;
            }
            String label = part.substring(open + 1, close);
            for (int index = 0; index < pipeline.steps().size(); index++) {
                if (pipeline.label(index).equals(label)) {
                    indexes.add(index);
                }
            }
        }
        return indexes;
    }

    /** Returns the position of the operator that runs a step, in the recording's operator list. */
    static OptionalInt operatorIndexOf(Recording recording, Pipeline pipeline, int stepIndex) {
        List<OperatorMetrics> operators = recording.finalOperators();
        for (int position = 0; position < operators.size(); position++) {
            if (stepsOf(pipeline, operators.get(position).name()).contains(stepIndex)) {
                return OptionalInt.of(position);
            }
        }
        return OptionalInt.empty();
    }

    /** Returns the operator that runs a step. */
    static Optional<OperatorMetrics> operatorOf(Recording recording, Pipeline pipeline, int stepIndex) {
        OptionalInt position = operatorIndexOf(recording, pipeline, stepIndex);
        return position.isPresent() ? Optional.of(recording.finalOperators().get(position.getAsInt()))
                : Optional.empty();
    }

    /** Returns an operator's counters in one snapshot, by name. */
    static Optional<OperatorMetrics> inSnapshot(ProgressSnapshot snapshot, String operatorName) {
        return snapshot.operators().stream().filter(metrics -> metrics.name().equals(operatorName)).findFirst();
    }

    /** Returns the snapshots taken while an operator was working: after it started, before it finished. */
    static List<OperatorMetrics> activeSnapshots(Recording recording, String operatorName) {
        List<OperatorMetrics> active = new ArrayList<>();
        for (ProgressSnapshot snapshot : recording.progress()) {
            inSnapshot(snapshot, operatorName)
                    .filter(metrics -> !metrics.finished() && (metrics.tasksRunning() > 0 || metrics.blocksIn() > 0
                            || metrics.tasksFinished() > 0))
                    .ifPresent(active::add);
        }
        return active;
    }

    /** Returns the share of all operators' CPU time spent in one operator, 0 to 1. */
    static double cpuShare(Recording recording, OperatorMetrics operator) {
        long total = recording.finalOperators().stream().mapToLong(OperatorMetrics::cpuNanos).sum();
        return total <= 0 ? 0 : operator.cpuNanos() / (double) total;
    }
}
