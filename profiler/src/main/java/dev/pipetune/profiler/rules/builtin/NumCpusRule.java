package dev.pipetune.profiler.rules.builtin;

import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.Rule;
import dev.pipetune.profiler.rules.RuleContext;
import dev.pipetune.profiler.rules.RuleResult;
import java.util.Locale;
import java.util.Optional;

/**
 * "num_cpus tuned for each operation type": each step's {@code num_cpus} against the seed's resource table (I/O heavy
 * 0.025-0.05, light CPU 0.25-0.5, heavy CPU 1-2, GPU inference 0.5-1). Steps are classified as in the table, heavy
 * and light CPU by their measured share of the run's CPU time. An absent {@code num_cpus} counts as the engine's
 * default, 1.
 */
public final class NumCpusRule implements Rule {

    /** Creates the rule. */
    public NumCpusRule() {
    }

    @Override
    public String id() {
        return "num-cpus";
    }

    @Override
    public String name() {
        return "num_cpus per workload type";
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
            if (workload.isEmpty()) {
                continue;
            }
            Workload type = workload.get();
            double cpus = PipelineFacts.numCpus(pipeline.steps().get(index));
            String range = PipelineFacts.format(type.minimumCpus()) + "-" + PipelineFacts.format(type.maximumCpus());
            Evidence fact = Evidence.of("num_cpus (" + type.label() + ", recommended " + range + ")", cpus, "CPUs",
                    pipeline.label(index));
            if (cpus < type.minimumCpus() || cpus > type.maximumCpus()) {
                double target = cpus < type.minimumCpus() ? type.minimumCpus() : type.maximumCpus();
                finding.deviation(fact, String.format(Locale.ROOT, "%s (%s) asks for num_cpus %s, recommended %s",
                        pipeline.label(index), type.label(), PipelineFacts.format(cpus), range),
                        PipelineFacts.set(pipeline, index, "num_cpus", target));
            } else {
                finding.ok(fact);
            }
        }
        return finding.result(this, "every step's num_cpus is in its workload type's range",
                "The seed's resource table recommends num_cpus by workload type: low values for I/O so that many "
                        + "reads run at once, whole CPUs for heavy computation.",
                "Tune num_cpus for each operation type as the seed's resource table recommends.",
                "the pipeline has no steps with a workload type");
    }
}
