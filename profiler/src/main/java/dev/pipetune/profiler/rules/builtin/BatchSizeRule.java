package dev.pipetune.profiler.rules.builtin;

import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.Rule;
import dev.pipetune.profiler.rules.RuleContext;
import dev.pipetune.profiler.rules.RuleResult;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * "batch_size optimized": each map_batches step's rows per batch against the seed's table (light CPU 500-1000, heavy
 * CPU 100-500, GPU inference 16-64). An absent batch_size counts as Ray's default, 1024.
 */
public final class BatchSizeRule implements Rule {

    /** Creates the rule. */
    public BatchSizeRule() {
    }

    @Override
    public String id() {
        return "batch-size";
    }

    @Override
    public String name() {
        return "batch_size per workload type";
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        if (context.pipeline().isEmpty()) {
            return RuleResult.notApplicable(this, context.pipelineProblem());
        }
        Pipeline pipeline = context.pipeline().get();
        ConfigurationFinding finding = new ConfigurationFinding();
        for (int index = 0; index < pipeline.steps().size(); index++) {
            Optional<Workload> workload = Workload.of(pipeline, context.recording(), index);
            OptionalInt rows = PipelineFacts.batchRows(pipeline.steps().get(index));
            if (workload.isEmpty() || !workload.get().hasBatchRange() || rows.isEmpty()
                    || PipelineFacts.isBuiltIn(pipeline.steps().get(index))) {
                continue;
            }
            Workload type = workload.get();
            String range = type.minimumBatch() + "-" + type.maximumBatch();
            Evidence fact = Evidence.of("batch_size (" + type.label() + ", recommended " + range + ")",
                    rows.getAsInt(), "rows", pipeline.label(index));
            if (rows.getAsInt() < type.minimumBatch() || rows.getAsInt() > type.maximumBatch()) {
                int target = rows.getAsInt() < type.minimumBatch() ? type.minimumBatch() : type.maximumBatch();
                finding.deviation(fact, pipeline.label(index) + " (" + type.label() + ") has batch_size "
                        + rows.getAsInt() + ", recommended " + range,
                        PipelineFacts.set(pipeline, index, "batch_size", target));
            } else {
                finding.ok(fact);
            }
        }
        return finding.result(this, "every map_batches step's batch_size is in its workload type's range",
                "The seed's table recommends batch sizes by workload type: large batches amortize per-batch costs "
                        + "on CPUs, small ones fit GPU memory. Confirm the best value by measuring (pipetune tune).",
                "Move batch_size into the recommended range, then measure.",
                "the pipeline has no map_batches steps with a workload type");
    }
}
