package dev.pipetune.profiler.rules.builtin;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.engine.pipeline.DataContext;
import dev.pipetune.engine.pipeline.DataSize;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.Rule;
import dev.pipetune.profiler.rules.RuleContext;
import dev.pipetune.profiler.rules.RuleResult;

/**
 * "Block size appropriate for data volumes": {@code target_max_block_size} within a range around the seed's 128 MiB,
 * and not so large for the data that the run gets fewer blocks than CPU slots (which leaves CPUs without work).
 */
public final class BlockSizeRule implements Rule {

    /**
     * The thresholds.
     *
     * @param minimumBytes a target block size below this makes too many small blocks
     * @param maximumBytes a target block size above this makes blocks that strain memory
     */
    public record Thresholds(long minimumBytes, long maximumBytes) {
        /** The defaults: 16 MiB to 512 MiB. */
        public static final Thresholds DEFAULTS = new Thresholds(16L << 20, 512L << 20);
    }

    private final Thresholds thresholds;

    /** Creates the rule with the default thresholds. */
    public BlockSizeRule() {
        this(Thresholds.DEFAULTS);
    }

    /**
     * Creates the rule.
     *
     * @param thresholds the thresholds
     */
    public BlockSizeRule(Thresholds thresholds) {
        this.thresholds = requireNonNull(thresholds, "thresholds");
    }

    @Override
    public String id() {
        return "block-size";
    }

    @Override
    public String name() {
        return "Block size";
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        if (context.pipeline().isEmpty()) {
            return RuleResult.notApplicable(this, context.pipelineProblem());
        }
        Pipeline pipeline = context.pipeline().get();
        long target = pipeline.context().targetMaxBlockSize().bytes();
        ConfigurationFinding finding = new ConfigurationFinding();
        Evidence fact = Evidence.of("target_max_block_size", target, "bytes", "context");
        String recommended = DataContext.DEFAULT_TARGET_MAX_BLOCK_SIZE.toString();
        if (target < thresholds.minimumBytes() || target > thresholds.maximumBytes()) {
            finding.deviation(fact, "target_max_block_size is " + pipeline.context().targetMaxBlockSize()
                    + ", recommended " + recommended, PipelineFacts.setContext("target_max_block_size", recommended));
        } else {
            finding.ok(fact);
        }
        if (!context.recording().finalOperators().isEmpty()) {
            OperatorMetrics source = context.recording().finalOperators().getFirst();
            double slots = context.recording().run().cpuBudget();
            if (source.blocksOut() > 0) {
                finding.ok(Evidence.of("mean block size read", source.bytesOut() / (double) source.blocksOut(),
                        "bytes", source.name()));
                Evidence blocks = Evidence.of("blocks read", source.blocksOut(), "count", source.name());
                if (source.blocksOut() < slots && source.bytesOut() > target) {
                    long smaller = Math.max(1L << 20, Long.highestOneBit((long) (source.bytesOut() / slots)));
                    finding.deviation(blocks, "the run read " + source.blocksOut() + " blocks for "
                            + PipelineFacts.format(slots) + " CPU slots", PipelineFacts.setContext(
                            "target_max_block_size", DataSize.ofBytes(smaller)));
                } else {
                    finding.ok(blocks);
                }
            }
        }
        return finding.result(this, "target_max_block_size suits the data",
                "The seed sets target_max_block_size to 128 MiB: large enough to amortize per-block costs, small "
                        + "enough to keep memory in check and give every CPU slot a block.",
                "Set the block size: context.target_max_block_size.", "nothing to check");
    }
}
