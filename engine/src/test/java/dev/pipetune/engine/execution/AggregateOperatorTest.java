package dev.pipetune.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.pipeline.Aggregate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group-by operator folds many blocks into as many partial states as tasks run at once, gives the exact result of
 * all of them, and never drops a block from a partial state that it left half folded in.
 */
class AggregateOperatorTest {

    private static final ArrowType.Int INT32 = new ArrowType.Int(32, true);
    private static final DictionaryEncoding ENCODING = new DictionaryEncoding(1, false, INT32);
    private static final List<String> KEYS = List.of("red", "green", "blue");

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocatorSoLeaksFail() {
        allocator.close();
    }

    @Test
    void sixtyBlocksFoldIntoAtMostOneStatePerRunningTaskAndGiveEveryRowsTotals() throws Exception {
        AggregateOperator aggregate = aggregate();
        try (ExecutionResult result = execute(source(60, AggregateOperatorTest::encodedBlock), aggregate, 2000, 0)) {
            assertThat(totals(result)).isEqualTo(expectedTotals(60));
        }
        assertThat(aggregate.partialStatesMade()).isBetween(1, 2);
    }

    @Test
    void plainAndDictionaryEncodedBlocksOfTheSameKeysShareStatesAndGroups() throws Exception {
        AggregateOperator aggregate = aggregate();
        BiFunction<BufferAllocator, Integer, Block> mixed = (blockAllocator, index) -> index % 2 == 0
                ? encodedBlock(blockAllocator, index) : plainBlock(blockAllocator, index);
        try (ExecutionResult result = execute(source(20, mixed), aggregate, 2000, 0)) {
            assertThat(totals(result)).isEqualTo(expectedTotals(20));
        }
        assertThat(aggregate.partialStatesMade()).isBetween(1, 2);
    }

    @Test
    void aBlockThatFailsWhileBeingFoldedIntoAStateHoldingEarlierBlocksFailsTheRunInsteadOfBeingDropped() {
        // Block 3's key indices point past its dictionary, so folding it in throws; the state it was folded into
        // already holds blocks 0-2 (one group-by task runs at a time, so there is one state), and dropping the block
        // would leave an unknown part of it in the result.
        BiFunction<BufferAllocator, Integer, Block> blocks = (blockAllocator, index) -> index == 3
                ? brokenBlock(blockAllocator, index) : encodedBlock(blockAllocator, index);
        assertThatThrownBy(() -> execute(source(6, blocks), aggregate(), 1100, -1).close())
                .isInstanceOf(PipelineRunException.class)
                .hasMessageContaining("a partial aggregate is incomplete")
                .hasMessageContaining("block-3");
    }

    @Test
    void aMergeThatFailsFailsTheRunEvenWhenErroredBlocksAreAllowed() {
        // Blocks whose aggregated column has another type get states of their own, which cannot be merged: the
        // failure is the group-by's whole result, not one block that could be dropped.
        BiFunction<BufferAllocator, Integer, Block> blocks = (blockAllocator, index) -> index == 2
                ? doublesBlock(blockAllocator, index) : plainBlock(blockAllocator, index);
        assertThatThrownBy(() -> execute(source(4, blocks), aggregate(), 2000, -1).close())
                .isInstanceOf(PipelineRunException.class)
                .hasMessageContaining("value");
    }

    @Test
    void aBlockThatFailsBeforeAnyOtherBlockIsDroppedWhenErroredBlocksAreAllowed() throws Exception {
        BiFunction<BufferAllocator, Integer, Block> blocks = (blockAllocator, index) -> index == 0
                ? brokenBlock(blockAllocator, index) : encodedBlock(blockAllocator, index);
        try (ExecutionResult result = execute(source(4, blocks), aggregate(), 1100, 1)) {
            Map<String, List<Long>> totals = totals(result);
            assertThat(totals.values().stream().mapToLong(counts -> counts.getFirst()).sum()).isEqualTo(3000);
        }
    }

    private AggregateOperator aggregate() {
        return new AggregateOperator("groupby", List.of("key"),
                List.of(Aggregate.parse("count()"), Aggregate.parse("sum(value)")), TaskResources.ONE_CPU);
    }

    /** Runs the read (0.1 CPU a task) and the group-by (one CPU a task) on {@code millicpus} of CPU. */
    private ExecutionResult execute(SourceOperator source, AggregateOperator aggregate, long millicpus,
            int maxErroredBlocks) throws PipelineRunException {
        return new StreamingExecutor(List.of(source, aggregate), new ResourceBudget(millicpus, 0, Long.MAX_VALUE),
                maxErroredBlocks, event -> { }, allocator).execute();
    }

    /** One read task per block, one at a time, so that blocks reach the group-by in order. */
    private static SourceOperator source(int blocks, BiFunction<BufferAllocator, Integer, Block> block) {
        List<ReadTask> reads = new ArrayList<>();
        for (int index = 0; index < blocks; index++) {
            int blockIndex = index;
            reads.add(new ReadTask() {
                @Override
                public String origin() {
                    return "block-" + blockIndex;
                }

                @Override
                public long estimatedBytes() {
                    return 16_000;
                }

                @Override
                public List<Block> read(TaskContext context) {
                    return List.of(block.apply(context.allocator(), blockIndex));
                }
            });
        }
        return new SourceOperator("read", reads, TaskResources.of(0.1, 0), 1, 0, failure -> false);
    }

    /** 1,000 rows: row {@code r} has key {@code KEYS[r % 3]} and value {@code block * 1000 + r}. */
    private static Block encodedBlock(BufferAllocator allocator, int block) {
        VarCharVector dictionary = new VarCharVector("key", allocator);
        dictionary.allocateNew();
        for (int entry = 0; entry < KEYS.size(); entry++) {
            dictionary.setSafe(entry, KEYS.get(entry).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        dictionary.setValueCount(KEYS.size());
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(
                new Field("key", new FieldType(true, INT32, ENCODING), null),
                Field.nullable("value", new ArrowType.Int(64, true)))), allocator);
        IntVector indices = (IntVector) root.getVector("key");
        BigIntVector values = (BigIntVector) root.getVector("value");
        indices.allocateNew(1000);
        values.allocateNew(1000);
        for (int row = 0; row < 1000; row++) {
            indices.set(row, row % 3);
            values.set(row, block * 1000L + row);
        }
        root.setRowCount(1000);
        return new Block(root, Map.of(1L, new Dictionary(dictionary, ENCODING)), "block-" + block);
    }

    /** The same rows as {@link #encodedBlock} with the keys as plain strings. */
    private static Block plainBlock(BufferAllocator allocator, int block) {
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(Field.nullable("key", new ArrowType.Utf8()),
                Field.nullable("value", new ArrowType.Int(64, true)))), allocator);
        VarCharVector keys = (VarCharVector) root.getVector("key");
        BigIntVector values = (BigIntVector) root.getVector("value");
        keys.allocateNew(1000);
        values.allocateNew(1000);
        for (int row = 0; row < 1000; row++) {
            keys.setSafe(row, KEYS.get(row % 3).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            values.set(row, block * 1000L + row);
        }
        root.setRowCount(1000);
        return new Block(root, "block-" + block);
    }

    /** The keys of {@link #plainBlock} with {@code value} as float64. */
    private static Block doublesBlock(BufferAllocator allocator, int block) {
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(Field.nullable("key", new ArrowType.Utf8()),
                Field.nullable("value", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)))), allocator);
        VarCharVector keys = (VarCharVector) root.getVector("key");
        Float8Vector values = (Float8Vector) root.getVector("value");
        keys.allocateNew(1000);
        values.allocateNew(1000);
        for (int row = 0; row < 1000; row++) {
            keys.setSafe(row, KEYS.get(row % 3).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            values.set(row, block * 1000.0 + row);
        }
        root.setRowCount(1000);
        return new Block(root, "block-" + block);
    }

    /** An encoded block whose last row's index points past its three-entry dictionary. */
    private static Block brokenBlock(BufferAllocator allocator, int block) {
        Block broken = encodedBlock(allocator, block);
        ((IntVector) broken.encodedRoot().getVector("key")).set(999, 7);
        return broken;
    }

    /** Key -> [count, sum of {@code value}] over the rows of blocks {@code 0..blocks-1}, counted row by row. */
    private static Map<String, List<Long>> expectedTotals(int blocks) {
        Map<String, List<Long>> totals = new TreeMap<>();
        for (int residue = 0; residue < KEYS.size(); residue++) {
            long count = 0;
            long sum = 0;
            for (long value = 0; value < blocks * 1000L; value++) {
                if (value % 1000 % 3 == residue) {
                    count++;
                    sum += value;
                }
            }
            totals.put(KEYS.get(residue), List.of(count, sum));
        }
        return totals;
    }

    /** The result as key -> [count, sum]. */
    private static Map<String, List<Long>> totals(ExecutionResult result) {
        Map<String, List<Long>> totals = new TreeMap<>();
        for (Block block : result.results()) {
            VectorSchemaRoot root = block.root();
            FieldVector keys = root.getVector("key");
            BigIntVector counts = (BigIntVector) root.getVector("count()");
            FieldVector sums = root.getVector("sum(value)");
            for (int row = 0; row < root.getRowCount(); row++) {
                totals.put(String.valueOf(keys.getObject(row)), List.of(counts.get(row),
                        ((Number) sums.getObject(row)).longValue()));
            }
        }
        return totals;
    }
}
