package dev.pipetune.profiler.rules.builtin;

import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.Rule;
import dev.pipetune.profiler.rules.RuleContext;
import dev.pipetune.profiler.rules.RuleResult;

/**
 * "Graceful degradation for partial failures": {@code max_errored_blocks} allows a bounded number of failed blocks.
 * 0 (the default) fails the whole run on the first block that fails for good; -1 (no limit) lets a run that lost most
 * of its input succeed. The fix proposes 0.1% of the blocks read (the seed's error-rate target), at least 1.
 */
public final class ErroredBlocksRule implements Rule {

    /** Creates the rule. */
    public ErroredBlocksRule() {
    }

    @Override
    public String id() {
        return "errored-blocks";
    }

    @Override
    public String name() {
        return "Tolerance of partial failures";
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        if (context.pipeline().isEmpty()) {
            return RuleResult.notApplicable(this, context.pipelineProblem());
        }
        int allowed = context.pipeline().get().context().maxErroredBlocks();
        long blocks = context.recording().finalOperators().isEmpty() ? 0
                : context.recording().finalOperators().getFirst().blocksOut();
        long proposal = Math.max(1, (long) Math.ceil(blocks * 0.001));
        ConfigurationFinding finding = new ConfigurationFinding();
        Evidence fact = Evidence.of("max_errored_blocks", allowed, "count", "context");
        if (allowed == 0) {
            finding.deviation(fact, "max_errored_blocks is 0: one failed block fails the run",
                    PipelineFacts.setContext("max_errored_blocks", proposal));
        } else if (allowed < 0) {
            finding.deviation(fact, "max_errored_blocks is -1: the run succeeds however many blocks fail",
                    PipelineFacts.setContext("max_errored_blocks", proposal));
        } else {
            finding.ok(fact);
        }
        return finding.result(this, "max_errored_blocks tolerates " + allowed + " failed block(s)",
                "A bounded max_errored_blocks lets a long run finish despite a few bad inputs, and still fails it when "
                        + "failures are widespread.", "Allow a bounded number of failed blocks.", "nothing to check");
    }
}
