package dev.pipetune.engine.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RebatcherTest {

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocatorSoLeaksFail() {
        allocator.close();
    }

    @Test
    void cutsExactBatchesAcrossBlockBoundariesKeepingOrder() {
        List<Long> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        try (Rebatcher rebatcher = new Rebatcher(4, allocator)) {
            long next = 0;
            for (int rows : new int[] {3, 0, 6, 1, 2}) {
                rebatcher.add(block(next, rows));
                next += rows;
                for (Optional<Block> batch = rebatcher.next(); batch.isPresent(); batch = rebatcher.next()) {
                    collect(batch.get(), seen, sizes);
                }
            }
            rebatcher.flush().ifPresent(batch -> collect(batch, seen, sizes));
            assertThat(rebatcher.flush()).isEmpty();
        }
        assertThat(sizes).containsExactly(4, 4, 4);
        assertThat(seen).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    }

    @Test
    void theLastBatchMayBeSmallerAndClosingReleasesPendingRows() {
        try (Rebatcher rebatcher = new Rebatcher(10, allocator)) {
            rebatcher.add(block(0, 7));
            assertThat(rebatcher.next()).isEmpty();
            assertThat(rebatcher.pendingRows()).isEqualTo(7);
            rebatcher.add(block(7, 7));
        }
        try (Rebatcher rebatcher = new Rebatcher(10, allocator)) {
            rebatcher.add(block(0, 7));
            try (Block last = rebatcher.flush().orElseThrow()) {
                assertThat(last.rows()).isEqualTo(7);
            }
        }
    }

    @Test
    void slicesKeepTheSchemaAndItsMetadata() {
        Schema schema = new Schema(List.of(Field.nullable("id", new ArrowType.Int(64, true))),
                Map.of("origin", "sensor-7"));
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        BigIntVector ids = (BigIntVector) root.getVector(0);
        ids.allocateNew(4);
        for (int row = 0; row < 4; row++) {
            ids.set(row, row);
        }
        root.setRowCount(4);
        try (Block block = new Block(root, "test"); Block slice = block.slice(1, 2, allocator)) {
            assertThat(slice.schema()).isEqualTo(schema);
            assertThat(((BigIntVector) slice.root().getVector(0)).get(0)).isEqualTo(1);
        }
    }

    @Test
    void concatenatesStringsAndNullsAcrossBlocks() {
        Schema schema = new Schema(List.of(Field.nullable("name", new ArrowType.Utf8())));
        List<Block> blocks = new ArrayList<>();
        String[][] parts = {{"alpha", null, "gamma"}, {}, {"", "epsilon"}, {null}};
        for (String[] values : parts) {
            VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
            VarCharVector names = (VarCharVector) root.getVector(0);
            names.allocateNew();
            for (int row = 0; row < values.length; row++) {
                if (values[row] == null) {
                    names.setNull(row);
                } else {
                    names.setSafe(row, values[row].getBytes(StandardCharsets.UTF_8));
                }
            }
            root.setRowCount(values.length);
            blocks.add(new Block(root, "test"));
        }
        try (Block joined = Blocks.concatenate(blocks, allocator)) {
            VarCharVector names = (VarCharVector) joined.root().getVector(0);
            List<String> values = new ArrayList<>();
            for (int row = 0; row < joined.rows(); row++) {
                values.add(names.isNull(row) ? null : new String(names.get(row), StandardCharsets.UTF_8));
            }
            assertThat(values).containsExactly("alpha", null, "gamma", "", "epsilon", null);
        } finally {
            Blocks.closeAll(blocks);
        }
    }

    private Block block(long first, int rows) {
        Schema schema = new Schema(List.of(Field.nullable("id", new ArrowType.Int(64, true))));
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        BigIntVector ids = (BigIntVector) root.getVector(0);
        ids.allocateNew(Math.max(rows, 1));
        for (int row = 0; row < rows; row++) {
            ids.set(row, first + row);
        }
        root.setRowCount(rows);
        return new Block(root, "test");
    }

    private static void collect(Block batch, List<Long> seen, List<Integer> sizes) {
        try (batch) {
            sizes.add(batch.rows());
            BigIntVector ids = (BigIntVector) batch.root().getVector(0);
            for (int row = 0; row < batch.rows(); row++) {
                seen.add(ids.get(row));
            }
        }
    }
}
