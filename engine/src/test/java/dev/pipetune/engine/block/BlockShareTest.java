package dev.pipetune.engine.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A block sliced into another allocator (as the executor hands the last operator's blocks to the caller) must not
 * leave any of its memory accounted to the operator's allocator, which closes before the caller releases the result.
 */
class BlockShareTest {

    @ParameterizedTest(name = "rows {0}, slice [{1}, +{2})")
    @CsvSource({"65536, 0, 65536", "1000, 0, 1000", "1000, 8, 500", "1000, 3, 500", "1000, 0, 7"})
    void aSliceIntoTheCallersAllocatorLeavesNothingInTheOperatorsAllocator(int rows, int offset, int length) {
        try (RootAllocator root = new RootAllocator()) {
            BufferAllocator operator = root.newChildAllocator("operator", 0, Long.MAX_VALUE);
            BitVector flags = new BitVector("flag", operator);
            BigIntVector ids = new BigIntVector("id", operator);
            flags.allocateNew(rows);
            ids.allocateNew(rows);
            for (int row = 0; row < rows; row++) {
                flags.set(row, row % 3 == 0 ? 1 : 0);
                ids.set(row, row);
            }
            flags.setValueCount(rows);
            ids.setValueCount(rows);
            Block block = new Block(new VectorSchemaRoot(List.<FieldVector>of(ids, flags)), java.util.Map.of(),
                    "test");

            Block result;
            try (block) {
                result = block.slice(offset, length, root);
            }
            operator.close();

            try (result) {
                BitVector sliced = (BitVector) result.root().getVector("flag");
                assertThat(sliced.getValueCount()).isEqualTo(length);
                for (int row = 0; row < length; row++) {
                    assertThat(sliced.get(row)).isEqualTo((offset + row) % 3 == 0 ? 1 : 0);
                }
            }
        }
    }
}
