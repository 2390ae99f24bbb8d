package dev.pipetune.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pipetune.engine.block.Block;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamingExecutorTest {

    private static final Predicate<Throwable> ANY = failure -> true;
    private static final TaskResources LIGHT_READ = TaskResources.of(0.1, 0);

    private final BufferAllocator allocator = new RootAllocator();
    private final AtomicInteger reads = new AtomicInteger();
    private final List<ExecutionEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAllocatorSoLeaksFail() {
        allocator.close();
    }

    @Test
    void streamsEveryRowThroughTheChainAndReportsCounts() throws Exception {
        SourceOperator source = source(20, 1000);
        MapOperator doubler = MapOperator.taskPool("double", (block, context) -> List.of(block.slice(0,
                block.rows(), context.allocator())), TaskResources.ONE_CPU, Integer.MAX_VALUE, 0, ANY,
                OptionalInt.empty(), 4096);
        try (ExecutionResult result = execute(List.of(source, doubler), budget(2, 0, 1L << 30), 0)) {
            assertThat(result.outcome()).isEqualTo(ExecutionEvent.Outcome.SUCCEEDED);
            assertThat(TestBlocks.sumOfIds(result.results())).isEqualTo(sumTo(20 * 1000));
            OperatorMetrics map = result.operators().get(1);
            assertThat(map.rowsIn()).isEqualTo(20_000);
            assertThat(map.rowsOut()).isEqualTo(20_000);
            assertThat(map.tasksFinished()).isPositive();
            assertThat(result.operators().get(0).rowsOut()).isEqualTo(20_000);
            assertThat(map.taskP99Millis()).isGreaterThanOrEqualTo(map.taskP50Millis());
        }
        assertThat(events.getFirst()).isInstanceOf(ExecutionEvent.RunStarted.class);
        assertThat(events.getLast()).isInstanceOfSatisfying(ExecutionEvent.RunFinished.class,
                finished -> assertThat(finished.outcome()).isEqualTo(ExecutionEvent.Outcome.SUCCEEDED));
    }

    @Test
    void halfCpuTasksRunFourAtOnceOnTwoCpus() throws Exception {
        MapOperator slow = MapOperator.taskPool("slow", sleepy(40), TaskResources.of(0.5, 0), Integer.MAX_VALUE,
                0, ANY, OptionalInt.empty(), 1);
        try (ExecutionResult result = execute(List.of(source(24, 10), slow), budget(2, 0, 1L << 30), 0)) {
            assertThat(result.operators().get(1).peakTasksRunning()).isEqualTo(4);
        }
    }

    @Test
    void builtInTasksRunOnAtMostOneThreadPerCoreWhateverTheirLogicalShare() throws Exception {
        AtomicInteger runningNow = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        List<ReadTask> tasks = new ArrayList<>();
        for (ReadTask read : TestBlocks.reads(40, 10, reads)) {
            tasks.add(new ReadTask() {
                @Override
                public String origin() {
                    return read.origin();
                }

                @Override
                public long estimatedBytes() {
                    return read.estimatedBytes();
                }

                @Override
                public List<Block> read(TaskContext context) throws Exception {
                    peak.accumulateAndGet(runningNow.incrementAndGet(), Math::max);
                    threads.add(Thread.currentThread());
                    try {
                        Thread.sleep(5);
                        return read.read(context);
                    } finally {
                        runningNow.decrementAndGet();
                    }
                }
            });
        }
        SourceOperator source = new SourceOperator("read", tasks, TaskResources.of(0.025, 0), Integer.MAX_VALUE, 0,
                ANY);
        try (ExecutionResult result = execute(List.of(source), budget(Runtime.getRuntime().availableProcessors() * 4,
                0, 1L << 30), 0)) {
            assertThat(TestBlocks.sumOfIds(result.results())).isEqualTo(sumTo(400));
        }
        assertThat(peak.get()).isBetween(1, Runtime.getRuntime().availableProcessors());
        // A task starts only when a core is free, so it does not wait for one on a thread of its own.
        assertThat(threads).hasSizeBetween(1, Runtime.getRuntime().availableProcessors());
    }

    @Test
    void concurrencyCapsATaskPool() throws Exception {
        MapOperator capped = MapOperator.taskPool("capped", sleepy(30), TaskResources.of(0.1, 0), 3, 0, ANY,
                OptionalInt.empty(), 1);
        try (ExecutionResult result = execute(List.of(source(24, 10), capped), budget(2, 0, 1L << 30), 0)) {
            assertThat(result.operators().get(1).peakTasksRunning()).isEqualTo(3);
        }
    }

    @Test
    void anActorPoolConstructsEachActorOnceAndReusesIt() throws Exception {
        AtomicInteger constructed = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        Set<Integer> instancesUsed = ConcurrentHashMap.newKeySet();
        MapOperator actors = MapOperator.actorPool("model", devices -> {
            int instance = constructed.incrementAndGet();
            return new ActorInstance() {
                @Override
                public BlockTransform transform() {
                    return (block, context) -> {
                        instancesUsed.add(instance);
                        Thread.sleep(5);
                        return List.of(block.slice(0, block.rows(), context.allocator()));
                    };
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }, TaskResources.of(0.5, 0), 2, 2, 0, ANY, OptionalInt.empty(), 1);
        try (ExecutionResult result = execute(List.of(source(30, 10), actors), budget(2, 0, 1L << 30), 0)) {
            assertThat(TestBlocks.sumOfIds(result.results())).isEqualTo(sumTo(300));
        }
        assertThat(constructed).hasValue(2);
        assertThat(closed).hasValue(2);
        assertThat(instancesUsed).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void twoActorPoolsThatEachNeedEveryCpuTakeTurnsInsteadOfWaitingForever() {
        for (int cpus : new int[] {1, 2}) {
            List<PhysicalOperator> operators = new ArrayList<>(List.of(source(12, 10)));
            for (String name : List.of("first", "second")) {
                operators.add(MapOperator.actorPool(name, devices -> new ActorInstance() {
                    @Override
                    public BlockTransform transform() {
                        return (block, context) -> List.of(block.slice(0, block.rows(), context.allocator()));
                    }

                    @Override
                    public void close() {
                    }
                }, TaskResources.of(cpus, 0), 1, 1, 0, ANY, OptionalInt.empty(), 1));
            }
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                try (ExecutionResult result = execute(operators, budget(cpus, 0, 1L << 30), 0)) {
                    assertThat(TestBlocks.sumOfIds(result.results())).isEqualTo(sumTo(120));
                }
            }, cpus + " CPUs");
        }
    }

    @Test
    void batchesHaveExactlyTheBatchSizeExceptTheLast() throws Exception {
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        MapOperator batches = MapOperator.taskPool("batches", (block, context) -> {
            sizes.add(block.rows());
            return List.of(block.slice(0, block.rows(), context.allocator()));
        }, TaskResources.ONE_CPU, 1, 0, ANY, OptionalInt.of(300), 1000);
        try (ExecutionResult result = execute(List.of(source(7, 250), batches), budget(2, 0, 1L << 30), 0)) {
            assertThat(TestBlocks.sumOfIds(result.results())).isEqualTo(sumTo(1750));
        }
        assertThat(sizes).hasSize(6);
        assertThat(sizes.subList(0, 5)).containsOnly(300);
        assertThat(sizes.getLast()).isEqualTo(250);
    }

    @Test
    void aSlowConsumerKeepsQueuedBytesWithinTheBudget() throws Exception {
        long budgetBytes = 64 * 1024;
        MapOperator slow = MapOperator.taskPool("slow", sleepy(5), TaskResources.ONE_CPU, 1, 0, ANY,
                OptionalInt.empty(), 1);
        SourceOperator fast = new SourceOperator("read", TestBlocks.reads(200, 1000, reads), LIGHT_READ,
                Integer.MAX_VALUE, 0, ANY);
        try (ExecutionResult result = execute(List.of(fast, slow), budget(2, 0, budgetBytes), 0)) {
            assertThat(TestBlocks.sumOfIds(result.results())).isEqualTo(sumTo(200_000));
            assertThat(result.operators().get(0).backpressureNanos()).isPositive();
        }
        long oneBlock = 8000;
        long peak = events.stream().filter(ExecutionEvent.Progress.class::isInstance)
                .mapToLong(event -> ((ExecutionEvent.Progress) event).objectStoreBytes()).max().orElseThrow();
        assertThat(peak).isLessThanOrEqualTo(budgetBytes + 2 * oneBlock);
    }

    @Test
    void transientFailuresAreRetried() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        MapOperator flaky = MapOperator.taskPool("flaky", (block, context) -> {
            if (block.origin().equals("part-3") && failures.getAndIncrement() < 2) {
                throw new java.io.IOException("connection reset");
            }
            return List.of(block.slice(0, block.rows(), context.allocator()));
        }, TaskResources.ONE_CPU, Integer.MAX_VALUE, 3, failure -> failure instanceof java.io.IOException,
                OptionalInt.empty(), 1);
        try (ExecutionResult result = execute(List.of(source(6, 10), flaky), budget(2, 0, 1L << 30), 0)) {
            assertThat(TestBlocks.sumOfIds(result.results())).isEqualTo(sumTo(60));
            assertThat(result.operators().get(1).retries()).isEqualTo(2);
        }
        assertThat(events).filteredOn(ExecutionEvent.TaskRetried.class::isInstance).hasSize(2);
    }

    @Test
    void aFailureBeyondRetriesStopsTheRunNamingOperatorInputAndCause() {
        MapOperator broken = MapOperator.taskPool("transform", (block, context) -> {
            if (block.origin().equals("part-2")) {
                throw new ArithmeticException("/ by zero");
            }
            return List.of(block.slice(0, block.rows(), context.allocator()));
        }, TaskResources.ONE_CPU, Integer.MAX_VALUE, 1, ANY, OptionalInt.empty(), 1);
        RecordingSink sink = new RecordingSink();
        PipelineRunException failure = catchThrowableOfType(PipelineRunException.class,
                () -> execute(List.of(source(10, 100), broken, sink), budget(2, 0, 1L << 30), 0));
        assertThat(failure).hasMessage("transform failed on part-2: ArithmeticException: / by zero");
        assertThat(failure.operator()).isEqualTo("transform");
        assertThat(failure.origin()).isEqualTo("part-2");
        assertThat(sink.aborted).hasValue(1);
        assertThat(sink.finished).hasValue(0);
        assertThat(events.getLast()).isInstanceOfSatisfying(ExecutionEvent.RunFinished.class,
                finished -> assertThat(finished.outcome()).isEqualTo(ExecutionEvent.Outcome.FAILED));
    }

    @Test
    void erroredBlocksWithinTheAllowanceAreDropped() throws Exception {
        MapOperator broken = MapOperator.taskPool("transform", (block, context) -> {
            if (block.origin().equals("part-2")) {
                throw new IllegalStateException("bad row");
            }
            return List.of(block.slice(0, block.rows(), context.allocator()));
        }, TaskResources.ONE_CPU, Integer.MAX_VALUE, 0, ANY, OptionalInt.empty(), 1);
        try (ExecutionResult result = execute(List.of(source(5, 10), broken), budget(2, 0, 1L << 30), 1)) {
            assertThat(TestBlocks.sumOfIds(result.results())).isEqualTo(sumTo(50) - (20 + 29) * 10 / 2);
            assertThat(result.operators().get(1).errors()).isEqualTo(1);
        }
        assertThat(events).filteredOn(ExecutionEvent.BlockDropped.class::isInstance).singleElement()
                .isInstanceOfSatisfying(ExecutionEvent.BlockDropped.class,
                        dropped -> assertThat(dropped.origin()).isEqualTo("part-2"));
    }

    @Test
    void rowsATaskReportsAsFailedCountAsErroredBlocksAcrossTasks() throws Exception {
        List<ExecutionEvent> within = runWithRowFailures(2);
        assertThat(within).filteredOn(ExecutionEvent.BlockDropped.class::isInstance)
                .map(event -> ((ExecutionEvent.BlockDropped) event).origin())
                .containsExactlyInAnyOrder("part-1/bad.pdf", "part-3/bad.pdf");
        assertThat(within.getLast()).isInstanceOfSatisfying(ExecutionEvent.RunFinished.class,
                finished -> assertThat(finished.outcome()).isEqualTo(ExecutionEvent.Outcome.SUCCEEDED));
    }

    @Test
    void aRowFailureBeyondTheAllowanceStopsTheRunNamingTheRowAndLeaksNothing() {
        RecordingSink sink = new RecordingSink();
        PipelineRunException failure = catchThrowableOfType(PipelineRunException.class,
                () -> execute(List.of(source(4, 10), rowFailing(new AtomicInteger(), 0), sink),
                        budget(2, 0, 1L << 30), 1));
        assertThat(failure.operator()).isEqualTo("extract");
        assertThat(failure.origin()).matches("part-[13]/bad\\.pdf");
        assertThat(failure).hasMessageEndingWith("/bad.pdf: truncated");
        assertThat(sink.aborted).hasValue(1);
        assertThat(sink.finished).hasValue(0);
    }

    @Test
    void rowsReportedByAFailedAttemptAreForgottenWithIt() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        MapOperator operator = rowFailing(attempts, 1);
        try (ExecutionResult result = execute(List.of(source(4, 10), operator), budget(2, 0, 1L << 30), 2)) {
            assertThat(result.operators().get(1).errors()).as("one row each in part-1 and part-3, once")
                    .isEqualTo(2);
            assertThat(result.operators().get(1).retries()).isEqualTo(2);
            assertThat(TestBlocks.sumOfIds(result.results())).isEqualTo(sumTo(40));
        }
        assertThat(events).filteredOn(ExecutionEvent.BlockDropped.class::isInstance).hasSize(2);
    }

    private List<ExecutionEvent> runWithRowFailures(int allowance) throws Exception {
        try (ExecutionResult result = execute(List.of(source(4, 10), rowFailing(new AtomicInteger(), 0)),
                budget(2, 0, 1L << 30), allowance)) {
            assertThat(result.operators().get(1).errors()).isEqualTo(2);
            assertThat(TestBlocks.sumOfIds(result.results())).isEqualTo(sumTo(40));
        }
        return events;
    }

    /**
     * An operator whose tasks on part-1 and part-3 report one failed row each; with {@code failFirstAttempts}, each
     * of those tasks' first attempt then also throws an I/O error (retried).
     */
    private static MapOperator rowFailing(AtomicInteger attempts, int failFirstAttempts) {
        return MapOperator.taskPool("extract", (block, context) -> {
            if (block.origin().equals("part-1") || block.origin().equals("part-3")) {
                context.rowFailed(block.origin() + "/bad.pdf", new IllegalArgumentException("truncated"));
                if (context.attempt() < failFirstAttempts) {
                    attempts.incrementAndGet();
                    throw new java.io.IOException("flaky");
                }
            }
            return List.of(block.slice(0, block.rows(), context.allocator()));
        }, TaskResources.ONE_CPU, Integer.MAX_VALUE, 2, failure -> failure instanceof java.io.IOException,
                OptionalInt.empty(), 1);
    }

    @Test
    void aFailedBundleIsRetriedBlockByBlockSoOnlyTheBadBatchIsDropped() throws Exception {
        MapOperator broken = MapOperator.taskPool("transform", (block, context) -> {
            BigIntVector ids = (BigIntVector) block.root().getVector("id");
            for (int row = 0; row < block.rows(); row++) {
                if (ids.get(row) == 35) {
                    throw new IllegalStateException("bad row 35");
                }
            }
            return List.of(block.slice(0, block.rows(), context.allocator()));
        }, TaskResources.ONE_CPU, Integer.MAX_VALUE, 0, ANY, OptionalInt.of(10), 100);
        try (ExecutionResult result = execute(List.of(source(1, 100), broken), budget(2, 0, 1L << 30), 1)) {
            assertThat(result.outcome()).isEqualTo(ExecutionEvent.Outcome.SUCCEEDED);
            // Only the batch of ids 30..39 is lost; the other nine batches of the same task survive.
            assertThat(TestBlocks.sumOfIds(result.results())).isEqualTo(sumTo(100) - (30 + 39) * 10 / 2);
            assertThat(result.operators().get(1).errors()).isEqualTo(1);
        }
        assertThat(events).filteredOn(ExecutionEvent.BlockDropped.class::isInstance).hasSize(1);
    }

    @Test
    void cancellationStopsTasksAndReleasesEverything() throws Exception {
        MapOperator endless = MapOperator.taskPool("slow", sleepy(200), TaskResources.ONE_CPU, Integer.MAX_VALUE,
                0, ANY, OptionalInt.empty(), 1);
        RecordingSink sink = new RecordingSink();
        StreamingExecutor executor = new StreamingExecutor(List.of(source(1000, 10), endless, sink),
                budget(2, 0, 1L << 30), 0, events::add, allocator);
        Thread canceller = Thread.ofPlatform().start(() -> {
            sleepQuietly(300);
            executor.cancel();
        });
        try (ExecutionResult result = executor.execute()) {
            assertThat(result.outcome()).isEqualTo(ExecutionEvent.Outcome.CANCELLED);
            assertThat(result.results()).isEmpty();
        }
        canceller.join();
        assertThat(sink.aborted).hasValue(1);
        assertThat(sink.finished).hasValue(0);
        assertThat(reads.get()).isLessThan(1000);
    }

    @Test
    void aLimitStopsReadingOnceItHasItsRows() throws Exception {
        SourceOperator source = new SourceOperator("read", TestBlocks.reads(500, 10, reads), TaskResources.ONE_CPU,
                Integer.MAX_VALUE, 0, ANY);
        try (ExecutionResult result = execute(List.of(source, new LimitOperator("limit", 25)),
                budget(2, 0, 1L << 30), 0)) {
            assertThat(result.results().stream().mapToInt(Block::rows).sum()).as("rows, in any order, as in Ray")
                    .isEqualTo(25);
        }
        assertThat(reads.get()).isLessThan(100);
    }

    @Test
    void gpuTasksGetDistinctDevicesAndNeverMoreThanExist() throws Exception {
        Set<Integer> devices = ConcurrentHashMap.newKeySet();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicLong peak = new AtomicLong();
        MapOperator gpu = MapOperator.taskPool("gpu", (block, context) -> {
            assertThat(context.gpuDevices()).hasSize(1);
            devices.addAll(context.gpuDevices());
            peak.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            Thread.sleep(20);
            concurrent.decrementAndGet();
            return List.of(block.slice(0, block.rows(), context.allocator()));
        }, TaskResources.of(0.1, 1), Integer.MAX_VALUE, 0, ANY, OptionalInt.empty(), 1);
        try (ExecutionResult result = execute(List.of(source(12, 10), gpu), budget(2, 2, 1L << 30), 0)) {
            assertThat(result.operators().get(1).peakTasksRunning()).isEqualTo(2);
        }
        assertThat(devices).containsExactlyInAnyOrder(0, 1);
        assertThat(peak.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void aLongReadStreamsItsBlocksDownstreamBeforeItEnds() throws Exception {
        CountDownLatch firstBlockProcessed = new CountDownLatch(1);
        ReadTask longRead = TestBlocks.streamingRead("big.csv", 0, 5, 100, (context, block) -> {
            if (block == 1 && !firstBlockProcessed.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("block 0 never reached the next operator while the read ran");
            }
        });
        MapOperator consumer = MapOperator.taskPool("consume", (block, context) -> {
            firstBlockProcessed.countDown();
            return List.of(block.slice(0, block.rows(), context.allocator()));
        }, TaskResources.of(0.5, 0), Integer.MAX_VALUE, 0, ANY, OptionalInt.empty(), 1);
        SourceOperator source = new SourceOperator("read", List.of(longRead), LIGHT_READ, 1, 0, ANY);
        try (ExecutionResult result = execute(List.of(source, consumer), budget(2, 0, 1L << 30), 0)) {
            assertThat(result.outcome()).isEqualTo(ExecutionEvent.Outcome.SUCCEEDED);
            assertThat(TestBlocks.sumOfIds(result.results())).isEqualTo(sumTo(500));
            assertThat(result.operators().get(0).blocksOut()).isEqualTo(5);
        }
    }

    @Test
    void aRetriedStreamingReadDeliversEachBlockOnce() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        ReadTask flaky = TestBlocks.streamingRead("flaky.csv", 0, 4, 10, (context, block) -> {
            if (block == 2 && attempts.getAndIncrement() == 0) {
                throw new java.io.IOException("connection reset after two blocks");
            }
        });
        SourceOperator source = new SourceOperator("read", List.of(flaky), LIGHT_READ, 1, 2, ANY);
        try (ExecutionResult result = execute(List.of(source), budget(2, 0, 1L << 30), 0)) {
            assertThat(result.outcome()).isEqualTo(ExecutionEvent.Outcome.SUCCEEDED);
            assertThat(result.operators().get(0).retries()).isEqualTo(1);
            assertThat(TestBlocks.sumOfIds(result.results())).isEqualTo(sumTo(40));
            assertThat(result.results().stream().mapToInt(Block::rows).sum()).isEqualTo(40);
        }
    }

    @Test
    void cancellingDuringAStreamingReadReleasesEmittedBlocks() throws Exception {
        CountDownLatch emitting = new CountDownLatch(1);
        ReadTask endless = TestBlocks.streamingRead("endless.csv", 0, 1_000_000, 100, (context, block) -> {
            emitting.countDown();
            Thread.sleep(1);
        });
        MapOperator slow = MapOperator.taskPool("slow", sleepy(20), TaskResources.ONE_CPU, Integer.MAX_VALUE, 0, ANY,
                OptionalInt.empty(), 1);
        StreamingExecutor executor = new StreamingExecutor(List.of(
                new SourceOperator("read", List.of(endless), LIGHT_READ, 1, 0, ANY), slow),
                budget(2, 0, 1L << 20), 0, events::add, allocator);
        Thread canceller = Thread.ofVirtual().start(() -> {
            try {
                emitting.await();
                Thread.sleep(200);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            executor.cancel();
        });
        try (ExecutionResult result = executor.execute()) {
            assertThat(result.outcome()).isEqualTo(ExecutionEvent.Outcome.CANCELLED);
        }
        canceller.join();
    }

    private ExecutionResult execute(List<PhysicalOperator> operators, ResourceBudget budget, int maxErroredBlocks)
            throws PipelineRunException {
        return new StreamingExecutor(operators, budget, maxErroredBlocks, events::add, allocator).execute();
    }

    private SourceOperator source(int tasks, int rowsPerTask) {
        return new SourceOperator("read", TestBlocks.reads(tasks, rowsPerTask, reads), LIGHT_READ,
                Integer.MAX_VALUE, 0, ANY);
    }

    private static ResourceBudget budget(int cpus, int gpus, long objectStoreBytes) {
        return new ResourceBudget(cpus * 1000L, gpus, objectStoreBytes);
    }

    private static BlockTransform sleepy(long millis) {
        return (block, context) -> {
            Thread.sleep(millis);
            return List.of(block.slice(0, block.rows(), context.allocator()));
        };
    }

    private static long sumTo(long count) {
        return count * (count - 1) / 2;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
