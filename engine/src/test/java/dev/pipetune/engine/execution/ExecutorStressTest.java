package dev.pipetune.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pipetune.engine.block.Block;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random chains of reads, built-in and user-code steps, task and actor pools, batch sizes, concurrency caps and
 * object-store budgets: every chain must deliver every row exactly once, in time, with no buffer left behind. Built-in
 * tasks start only while a core is free, and those waiting to emit give theirs back: no mix may hang.
 */
class ExecutorStressTest {

    private static final Predicate<Throwable> ANY = failure -> true;
    private static final long[] BUDGETS = {64L << 10, 1L << 20, 1L << 30};
    private static final double[] CPU_SHARES = {0.025, 0.1, 0.5, 1};

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24})
    void everyRandomChainDeliversEveryRowOnce(int seed) {
        Random random = new Random(seed);
        int tasks = 1 + random.nextInt(30);
        // Streaming reads emit their blocks one by one, and wait (giving their core back) while memory is short.
        int blocksPerTask = random.nextBoolean() ? 1 : 2 + random.nextInt(6);
        int rowsPerBlock = 1 + random.nextInt(3000 / blocksPerTask);
        int rowsPerTask = blocksPerTask * rowsPerBlock;
        int cpus = 1 + random.nextInt(4);
        long budget = BUDGETS[random.nextInt(BUDGETS.length)];
        int steps = 1 + random.nextInt(3);
        String description = "seed " + seed + ": " + tasks + " reads of " + blocksPerTask + " x " + rowsPerBlock
                + " rows, " + cpus
                + " cpus, budget " + budget;
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (BufferAllocator allocator = new RootAllocator()) {
                List<PhysicalOperator> operators = new ArrayList<>();
                List<ReadTask> reads = blocksPerTask == 1 ? TestBlocks.reads(tasks, rowsPerTask, new AtomicInteger())
                        : streamingReads(tasks, blocksPerTask, rowsPerBlock);
                operators.add(new SourceOperator("read", reads,
                        TaskResources.of(CPU_SHARES[random.nextInt(CPU_SHARES.length)], 0), Integer.MAX_VALUE, 0,
                        ANY));
                for (int step = 0; step < steps; step++) {
                    operators.add(randomStep(random, step, cpus));
                }
                try (ExecutionResult result = new StreamingExecutor(operators, new ResourceBudget(cpus * 1000L, 0,
                        budget), 0, event -> { }, allocator).execute()) {
                    assertThat(result.outcome()).as(description).isEqualTo(ExecutionEvent.Outcome.SUCCEEDED);
                    long rows = (long) tasks * rowsPerTask;
                    assertThat(TestBlocks.sumOfIds(result.results())).as(description)
                            .isEqualTo(rows * (rows - 1) / 2);
                    assertThat(result.results().stream().mapToLong(Block::rows).sum()).as(description)
                            .isEqualTo(rows);
                }
            }
        });
    }

    /** Read tasks that emit {@code blocks} blocks each as they make them, with consecutive ids over all tasks. */
    private static List<ReadTask> streamingReads(int tasks, int blocks, int rowsPerBlock) {
        List<ReadTask> reads = new ArrayList<>();
        for (int task = 0; task < tasks; task++) {
            reads.add(TestBlocks.streamingRead("stream-" + task, (long) task * blocks * rowsPerBlock, blocks,
                    rowsPerBlock, (context, block) -> { }));
        }
        return reads;
    }

    private static MapOperator randomStep(Random random, int step, int cpus) {
        TaskResources resources = TaskResources.of(Math.min(cpus, CPU_SHARES[random.nextInt(CPU_SHARES.length)]), 0);
        OptionalInt batchSize = random.nextBoolean() ? OptionalInt.empty() : OptionalInt.of(1 + random.nextInt(700));
        int bundleRows = 1 + random.nextInt(5000);
        int sleepMillis = random.nextInt(3);
        BlockTransform copy = (block, context) -> {
            if (sleepMillis > 0) {
                Thread.sleep(sleepMillis);
            }
            return List.of(block.slice(0, block.rows(), context.allocator()));
        };
        return switch (random.nextInt(3)) {
            case 0 -> MapOperator.taskPool("builtin-" + step, copy, resources, Integer.MAX_VALUE, 0, ANY, batchSize,
                    bundleRows).builtInOnly();
            case 1 -> MapOperator.taskPool("udf-" + step, copy, resources,
                    random.nextBoolean() ? Integer.MAX_VALUE : 1 + random.nextInt(3), 0, ANY, batchSize, bundleRows);
            default -> {
                int minimum = 1 + random.nextInt(2);
                yield MapOperator.actorPool("actors-" + step, devices -> new ActorInstance() {
                    @Override
                    public BlockTransform transform() {
                        return copy;
                    }

                    @Override
                    public void close() {
                    }
                }, resources, minimum, minimum + random.nextInt(2), 0, ANY, batchSize, bundleRows);
            }
        };
    }
}
