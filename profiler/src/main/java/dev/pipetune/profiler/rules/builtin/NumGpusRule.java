package dev.pipetune.profiler.rules.builtin;

import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.Rule;
import dev.pipetune.profiler.rules.RuleContext;
import dev.pipetune.profiler.rules.RuleResult;
import java.util.List;

/**
 * "num_gpus specified for GPU workloads": GPU steps ask for one GPU each (the seed's table), a machine with GPUs has a
 * step that uses them, and a pipeline with GPU steps ran where GPUs were available.
 */
public final class NumGpusRule implements Rule {

    /** Creates the rule. */
    public NumGpusRule() {
    }

    @Override
    public String id() {
        return "num-gpus";
    }

    @Override
    public String name() {
        return "num_gpus for GPU workloads";
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        if (context.pipeline().isEmpty()) {
            return RuleResult.notApplicable(this, context.pipelineProblem());
        }
        Pipeline pipeline = context.pipeline().get();
        List<Integer> gpuSteps = PipelineFacts.gpuSteps(pipeline);
        int gpus = context.recording().environment().gpus().size();
        ConfigurationFinding finding = new ConfigurationFinding();
        if (gpuSteps.isEmpty() && gpus > 0) {
            finding.deviation(Evidence.of("GPUs on the machine", gpus, "count"),
                    "the machine has " + gpus + " GPU(s) but no step sets num_gpus", null);
        }
        for (int index : gpuSteps) {
            Step step = pipeline.steps().get(index);
            double perTask = PipelineFacts.numGpus(step);
            Evidence fact = Evidence.of("num_gpus", perTask, "GPUs", pipeline.label(index));
            if (gpus == 0) {
                finding.seriousDeviation(fact, pipeline.label(index) + " asks for GPUs but the run found none ("
                        + context.recording().environment().gpuStatus() + ")", null);
            } else if (perTask != 1.0) {
                finding.deviation(fact, pipeline.label(index) + " asks for num_gpus " + PipelineFacts.format(perTask)
                        + ", recommended 1 (one model instance per GPU)", PipelineFacts.set(pipeline, index,
                        "num_gpus", 1));
            } else {
                finding.ok(fact);
            }
        }
        return finding.result(this, "every GPU step asks for one GPU", "The seed's table gives GPU inference one GPU "
                + "per actor, set explicitly with num_gpus.", "Specify num_gpus: 1 for GPU workloads.",
                "no GPU steps and no GPUs on the machine");
    }
}
