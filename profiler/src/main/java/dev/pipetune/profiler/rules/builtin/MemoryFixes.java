package dev.pipetune.profiler.rules.builtin;

import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.profiler.rules.Fix;
import dev.pipetune.profiler.rules.RuleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** The seed's remedies for memory pressure, as overrides of the pipeline at hand. */
final class MemoryFixes {

    private MemoryFixes() {
    }

    /** Enable eager freeing, halve the largest batch size and, for OOM risk, halve the largest concurrency. */
    static Fix reduceMemory(RuleContext context) {
        return fix(context, false);
    }

    /** Like {@link #reduceMemory}, and also lower the concurrency of the step with the largest cap. */
    static Fix reduceMemoryAndConcurrency(RuleContext context) {
        return fix(context, true);
    }

    private static Fix fix(RuleContext context, boolean concurrency) {
        List<PipelineOverride> overrides = new ArrayList<>();
        if (context.pipeline().isPresent()) {
            Pipeline pipeline = context.pipeline().get();
            if (!pipeline.context().eagerFree()) {
                overrides.add(PipelineFacts.setContext("eager_free", true));
            }
            int largestBatch = -1;
            int largestConcurrency = -1;
            for (int index = 0; index < pipeline.steps().size(); index++) {
                Step step = pipeline.steps().get(index);
                OptionalInt rows = PipelineFacts.batchRows(step);
                if (rows.isPresent() && rows.getAsInt() > 1 && (largestBatch < 0
                        || rows.getAsInt() > PipelineFacts.batchRows(pipeline.steps().get(largestBatch)).getAsInt())) {
                    largestBatch = index;
                }
                OptionalInt cap = PipelineFacts.concurrency(step);
                if (cap.isPresent() && cap.getAsInt() > 1 && (largestConcurrency < 0 || cap.getAsInt()
                        > PipelineFacts.concurrency(pipeline.steps().get(largestConcurrency)).getAsInt())) {
                    largestConcurrency = index;
                }
            }
            if (largestBatch >= 0) {
                int rows = PipelineFacts.batchRows(pipeline.steps().get(largestBatch)).getAsInt();
                overrides.add(PipelineFacts.set(pipeline, largestBatch, "batch_size", Math.max(1, rows / 2)));
            }
            if (concurrency && largestConcurrency >= 0) {
                int cap = PipelineFacts.concurrency(pipeline.steps().get(largestConcurrency)).getAsInt();
                overrides.add(PipelineFacts.set(pipeline, largestConcurrency, "concurrency", Math.max(1, cap / 2)));
            }
        }
        return new Fix("Reduce memory pressure: enable eager_free, reduce batch_size"
                + (concurrency ? ", reduce concurrency" : "") + "; if that is not enough, add memory.", overrides);
    }
}
