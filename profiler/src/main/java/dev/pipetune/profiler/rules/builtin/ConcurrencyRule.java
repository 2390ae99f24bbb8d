package dev.pipetune.profiler.rules.builtin;

import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.Rule;
import dev.pipetune.profiler.rules.RuleContext;
import dev.pipetune.profiler.rules.RuleResult;
import java.util.OptionalInt;

/**
 * "concurrency matches available resources": a GPU step's concurrency equals the GPUs it can use (the seed's "=
 * GPUs"), and no CPU step's cap asks for more CPU slots than the run's CPU budget.
 */
public final class ConcurrencyRule implements Rule {

    /** Creates the rule. */
    public ConcurrencyRule() {
    }

    @Override
    public String id() {
        return "concurrency";
    }

    @Override
    public String name() {
        return "concurrency against the resources";
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        if (context.pipeline().isEmpty()) {
            return RuleResult.notApplicable(this, context.pipelineProblem());
        }
        Pipeline pipeline = context.pipeline().get();
        int gpuBudget = context.recording().run().gpuBudget() > 0 ? context.recording().run().gpuBudget()
                : context.recording().environment().gpus().size();
        double cpuBudget = context.recording().run().cpuBudget();
        ConfigurationFinding finding = new ConfigurationFinding();
        for (int index = 0; index < pipeline.steps().size(); index++) {
            Step step = pipeline.steps().get(index);
            OptionalInt cap = PipelineFacts.concurrency(step);
            if (PipelineFacts.isGpuStep(step) && gpuBudget > 0) {
                int expected = Math.max(1, (int) Math.floor(gpuBudget / PipelineFacts.numGpus(step)));
                Evidence fact = Evidence.of("concurrency (GPUs available: " + gpuBudget + ")",
                        cap.isPresent() ? cap.getAsInt() : 0, "actors", pipeline.label(index));
                if (cap.isEmpty() || cap.getAsInt() != expected) {
                    finding.deviation(fact, pipeline.label(index) + " has concurrency "
                            + (cap.isPresent() ? cap.getAsInt() : "unset") + " on " + gpuBudget + " GPU(s), "
                            + "recommended " + expected, PipelineFacts.set(pipeline, index, "concurrency", expected));
                } else {
                    finding.ok(fact);
                }
            } else if (cap.isPresent() && !PipelineFacts.isGpuStep(step) && cpuBudget > 0) {
                double cpus = PipelineFacts.numCpus(step);
                Evidence fact = Evidence.of("CPU slots at full concurrency (budget "
                        + PipelineFacts.format(cpuBudget) + ")", cap.getAsInt() * cpus, "CPUs", pipeline.label(index));
                if (cap.getAsInt() * cpus > cpuBudget) {
                    int fits = Math.max(1, (int) Math.floor(cpuBudget / cpus));
                    finding.deviation(fact, pipeline.label(index) + " may run " + cap.getAsInt() + " tasks of "
                            + PipelineFacts.format(cpus) + " CPUs, more than the budget of "
                            + PipelineFacts.format(cpuBudget), PipelineFacts.set(pipeline, index, "concurrency", fits));
                } else {
                    finding.ok(fact);
                }
            }
        }
        return finding.result(this, "every concurrency setting matches the available resources",
                "A GPU step needs one actor per GPU: fewer leave GPUs idle, more wait for a GPU. A CPU step's cap "
                        + "above the CPU budget never takes effect and hides the real limit.",
                "Match concurrency to the available GPUs and CPU slots.",
                "no GPU steps and no concurrency settings");
    }
}
