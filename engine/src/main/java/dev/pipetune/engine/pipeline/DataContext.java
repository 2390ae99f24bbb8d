package dev.pipetune.engine.pipeline;

import static java.util.Objects.requireNonNull;

/**
 * Execution settings of a pipeline, mirroring Ray's {@code ray.data.DataContext}. The defaults are Ray's.
 *
 * @param targetMaxBlockSize outputs larger than this are split into several blocks
 * @param eagerFree whether a block's memory is released as soon as its consumer is done with it
 * @param enableProgressBars whether the overall progress bar is printed
 * @param enableOperatorProgressBars whether each operator gets a progress bar
 * @param enableAutoLogStats whether the per-operator stats report is printed at the end
 * @param maxErroredBlocks how many blocks may fail before the run fails; -1 for no limit
 * @param resourceLimits the global resource budget
 * @param allowCpuFallback whether steps that ask for {@code num_gpus} may run on the CPU when the machine has no GPU
 *     (otherwise such a pipeline fails validation); not a Ray setting
 */
public record DataContext(DataSize targetMaxBlockSize, boolean eagerFree, boolean enableProgressBars,
        boolean enableOperatorProgressBars, boolean enableAutoLogStats, int maxErroredBlocks,
        ResourceLimits resourceLimits, boolean allowCpuFallback) {

    /** Ray's default {@code target_max_block_size}. */
    public static final DataSize DEFAULT_TARGET_MAX_BLOCK_SIZE = DataSize.ofMebibytes(128);

    /**
     * Ray's defaults: 128MiB blocks, no eager free, progress bars on, no stats log, no errored blocks allowed; and no
     * CPU fallback for GPU steps.
     */
    public static final DataContext DEFAULTS = new DataContext(DEFAULT_TARGET_MAX_BLOCK_SIZE, false, true, true,
            false, 0, ResourceLimits.DETECTED, false);

    /** Rejects nulls and out-of-range values. */
    public DataContext {
        requireNonNull(targetMaxBlockSize, "targetMaxBlockSize");
        requireNonNull(resourceLimits, "resourceLimits");
        if (targetMaxBlockSize.bytes() < 1) {
            throw new IllegalArgumentException("target_max_block_size must be positive");
        }
        if (maxErroredBlocks < -1) {
            throw new IllegalArgumentException("max_errored_blocks must be -1 (no limit) or more");
        }
    }
}
