package dev.pipetune.profiler.rules.builtin;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.Fix;
import dev.pipetune.profiler.rules.Rule;
import dev.pipetune.profiler.rules.RuleContext;
import dev.pipetune.profiler.rules.RuleResult;
import dev.pipetune.profiler.rules.RunMeasures;
import dev.pipetune.profiler.rules.Scores;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Troubleshooting "Low Throughput": finds the bottleneck (the operator whose input queue is longest on average) and,
 * when the CPUs have room or the run is slower than its baseline, proposes the seed's solutions for it: more
 * parallelism (lower {@code num_cpus}, a higher {@code concurrency} where the operator ran at its cap), larger
 * batches, more workers.
 */
public final class LowThroughputRule implements Rule {

    /**
     * The thresholds.
     *
     * @param minimumQueuedBlocks a mean input queue below this is no bottleneck
     * @param cpuRoomBelowPercent mean CPU utilization below this leaves room for more parallelism
     * @param warningBelowBaselineRatio throughput below this fraction of the baseline is a WARNING
     * @param atCapFraction the fraction of the time at its concurrency cap from which an operator counts as capped
     * @param smallBatchRows a CPU map_batches step with fewer rows per batch gets larger batches
     */
    public record Thresholds(double minimumQueuedBlocks, double cpuRoomBelowPercent, double warningBelowBaselineRatio,
            double atCapFraction, int smallBatchRows) {
        /** The defaults. */
        public static final Thresholds DEFAULTS = new Thresholds(2, 60, 0.9, 0.5, 500);
    }

    private final Thresholds thresholds;

    /** Creates the rule with the default thresholds. */
    public LowThroughputRule() {
        this(Thresholds.DEFAULTS);
    }

    /**
     * Creates the rule.
     *
     * @param thresholds the thresholds
     */
    public LowThroughputRule(Thresholds thresholds) {
        this.thresholds = requireNonNull(thresholds, "thresholds");
    }

    @Override
    public String id() {
        return "low-throughput";
    }

    @Override
    public String name() {
        return "Low throughput diagnosis";
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        Recording recording = context.recording();
        if (recording.progress().isEmpty() || recording.finalOperators().size() < 2) {
            return RuleResult.notApplicable(this, "the recording has no progress snapshots of a multi-operator run");
        }
        List<Evidence> evidence = new ArrayList<>();
        RunMeasures.throughputRowsPerSecond(recording)
                .ifPresent(rows -> evidence.add(Evidence.of("throughput", rows, "rows/s")));
        int baselineScore = 0;
        if (context.baseline().isPresent() && RunMeasures.throughputRowsPerSecond(recording).isPresent()) {
            double ratio = RunMeasures.throughputRowsPerSecond(recording).getAsDouble()
                    / context.baseline().get().rowsPerSecond();
            evidence.add(Evidence.of("ratio to baseline", ratio, "ratio", context.baseline().get().source()));
            baselineScore = Scores.rampDown(ratio, 1.0, thresholds.warningBelowBaselineRatio());
        }
        double cpu = RunMeasures.series(recording.samples(), "cpu.total").mean();
        if (!Double.isNaN(cpu)) {
            evidence.add(Evidence.of("mean CPU utilization", cpu, "percent", "cpu.total"));
        }
        OptionalInt bottleneck = Bottlenecks.mostQueued(recording);
        double queue = bottleneck.isEmpty() ? 0
                : Bottlenecks.meanQueuedBlocks(recording, recording.finalOperators().get(bottleneck.getAsInt()).name());
        boolean found = queue >= thresholds.minimumQueuedBlocks();
        boolean room = !Double.isNaN(cpu) && cpu < thresholds.cpuRoomBelowPercent();
        if (!found) {
            int score = baselineScore;
            return RuleResult.scored(this, score, "no operator's input queue builds up: the source sets the pace",
                    "No operator past the source had a mean input queue of " + thresholds.minimumQueuedBlocks()
                            + " blocks or more, so no single step holds the run back.", evidence,
                    score >= 25 ? Optional.of(sourceFix(context)) : Optional.empty());
        }
        OperatorMetrics slow = recording.finalOperators().get(bottleneck.getAsInt());
        evidence.addFirst(Evidence.of("mean input queue of the bottleneck", queue, "blocks", slow.name()));
        evidence.add(Evidence.of("bottleneck's throughput", RunMeasures.operatorRowsPerSecond(slow), "rows/s",
                slow.name()));
        int score = Math.max(baselineScore, room ? 50 : 20);
        String summary = String.format(Locale.ROOT, "bottleneck %s: %.1f blocks wait at its input on average%s",
                slow.name(), queue, room ? String.format(Locale.ROOT, " while CPUs are %.0f%% busy", cpu) : "");
        return RuleResult.scored(this, score, summary, "The operator whose input queue is longest cannot keep up "
                + "with the operators before it. " + (room ? "The CPUs have room, so it can run more tasks at once."
                        : "The CPUs are busy, so more workers or nodes would help more than settings."),
                evidence, Optional.of(bottleneckFix(context, slow)));
    }

    private Fix bottleneckFix(RuleContext context, OperatorMetrics slow) {
        List<PipelineOverride> overrides = new ArrayList<>();
        if (context.pipeline().isPresent()) {
            Pipeline pipeline = context.pipeline().get();
            for (int index : PipelineFacts.stepsOf(pipeline, slow.name())) {
                Step step = pipeline.steps().get(index);
                boolean atCap = Bottlenecks.atCapFraction(context.recording(), slow.name(),
                        PipelineFacts.concurrency(step)) >= thresholds.atCapFraction();
                Bottlenecks.moreParallelism(pipeline, index, 0.25, atCap, overrides);
                OptionalInt rows = PipelineFacts.batchRows(step);
                if (rows.isPresent() && !PipelineFacts.isGpuStep(step)
                        && rows.getAsInt() < thresholds.smallBatchRows()) {
                    overrides.add(PipelineFacts.set(pipeline, index, "batch_size", rows.getAsInt() * 2));
                }
            }
        }
        return new Fix("Increase the parallelism of " + slow.name() + " (lower num_cpus, raise concurrency where it "
                + "ran at its cap), increase its batch size, or add more workers or nodes.", overrides);
    }

    private static Fix sourceFix(RuleContext context) {
        List<PipelineOverride> overrides = new ArrayList<>();
        context.pipeline().ifPresent(pipeline -> Bottlenecks.moreParallelism(pipeline, 0, 0.025, true, overrides));
        return new Fix("Increase the parallelism of the read step (lower num_cpus) or add more workers or nodes.",
                overrides);
    }
}
