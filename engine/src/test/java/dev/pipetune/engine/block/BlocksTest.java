package dev.pipetune.engine.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BlocksTest {

    private static final Schema SCHEMA = new Schema(List.of(
            Field.nullable("id", new ArrowType.Int(64, true)),
            Field.nullable("x", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            Field.nullable("flag", ArrowType.Bool.INSTANCE),
            Field.nullable("name", ArrowType.Utf8.INSTANCE),
            Field.nullable("large", ArrowType.LargeUtf8.INSTANCE),
            new Field("items", FieldType.nullable(new ArrowType.List()),
                    List.of(Field.nullable("item", new ArrowType.Int(64, true))))));

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocatorSoLeaksFail() {
        allocator.close();
    }

    @Test
    void concatenationKeepsEveryValueAndNullAcrossUnalignedBoundariesAndSlices() {
        Random random = new Random(7);
        List<Block> blocks = new ArrayList<>();
        List<List<Object>> expected = new ArrayList<>();
        int next = 0;
        // Sizes that put block boundaries in the middle of validity bytes; one empty block; some with no nulls.
        int[] sizes = {5, 0, 13, 8, 1, 27, 64, 3};
        try {
            for (int index = 0; index < sizes.length; index++) {
                boolean nulls = index % 2 == 1;
                try (Block whole = block(next, sizes[index] + 4, nulls, random, expected)) {
                    // A zero-copy-style slice that drops the first two and last two rows.
                    blocks.add(whole.slice(2, sizes[index], allocator));
                    expected.subList(expected.size() - sizes[index] - 4, expected.size() - sizes[index] - 2).clear();
                    expected.subList(expected.size() - 2, expected.size()).clear();
                }
                next += sizes[index] + 4;
            }
            try (Block joined = Blocks.concatenate(blocks, allocator)) {
                assertThat(joined.rows()).isEqualTo(expected.size());
                for (int row = 0; row < expected.size(); row++) {
                    List<Object> actual = new ArrayList<>();
                    for (FieldVector vector : joined.root().getFieldVectors()) {
                        actual.add(normalize(vector.getObject(row)));
                    }
                    assertThat(actual).as("row %d", row).isEqualTo(expected.get(row));
                }
                for (FieldVector vector : joined.root().getFieldVectors()) {
                    long nulls = expected.stream().filter(values -> values.get(indexOf(vector)) == null).count();
                    assertThat(vector.getNullCount()).as(vector.getName()).isEqualTo((int) nulls);
                }
            }
        } finally {
            Blocks.closeAll(blocks);
        }
    }

    private static int indexOf(FieldVector vector) {
        return SCHEMA.getFields().indexOf(SCHEMA.findField(vector.getName()));
    }

    private static Object normalize(Object value) {
        return value instanceof Text text ? text.toString() : value;
    }

    private Block block(int first, int rows, boolean nulls, Random random, List<List<Object>> expected) {
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        root.allocateNew();
        BigIntVector ids = (BigIntVector) root.getVector("id");
        Float8Vector values = (Float8Vector) root.getVector("x");
        BitVector flags = (BitVector) root.getVector("flag");
        VarCharVector names = (VarCharVector) root.getVector("name");
        LargeVarCharVector large = (LargeVarCharVector) root.getVector("large");
        UnionListWriter items = ((ListVector) root.getVector("items")).getWriter();
        for (int row = 0; row < rows; row++) {
            boolean isNull = nulls && random.nextInt(3) == 0;
            long id = first + row;
            String name = "n" + "x".repeat(random.nextInt(12)) + id;
            List<Object> values1 = new ArrayList<>();
            ids.setSafe(row, id);
            values1.add(id);
            if (isNull) {
                values.setNull(row);
                flags.setNull(row);
                names.setNull(row);
                large.setNull(row);
                values1.add(null);
                values1.add(null);
                values1.add(null);
                values1.add(null);
            } else {
                values.setSafe(row, id / 4.0);
                flags.setSafe(row, (int) (id % 3 == 0 ? 1 : 0));
                names.setSafe(row, name.getBytes(StandardCharsets.UTF_8));
                large.setSafe(row, name.getBytes(StandardCharsets.UTF_8));
                values1.add(id / 4.0);
                values1.add(id % 3 == 0);
                values1.add(name);
                values1.add(name);
            }
            items.setPosition(row);
            items.startList();
            for (long item = 0; item < id % 3; item++) {
                items.bigInt().writeBigInt(id + item);
            }
            items.endList();
            values1.add(longs(id, id % 3));
            expected.add(values1);
        }
        root.setRowCount(rows);
        return new Block(root, "test");
    }

    private static List<Long> longs(long first, long count) {
        List<Long> list = new ArrayList<>();
        for (long item = 0; item < count; item++) {
            list.add(first + item);
        }
        return list;
    }
}
