package dev.pipetune.engine.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

/** A block with a dictionary-encoded column owns its dictionary, slices it along and leaks nothing. */
class DictionaryBlockTest {

    private static final DictionaryEncoding ENCODING = new DictionaryEncoding(3, false, new ArrowType.Int(32, true));

    static Block encodedBlock(BufferAllocator allocator, int rows) {
        IntVector indices = new IntVector(new Field("key", new FieldType(true, new ArrowType.Int(32, true), ENCODING),
                null), allocator);
        indices.allocateNew(rows);
        for (int row = 0; row < rows; row++) {
            if (row % 7 == 3) {
                indices.setNull(row);
            } else {
                indices.set(row, row % 3);
            }
        }
        indices.setValueCount(rows);
        VarCharVector values = new VarCharVector(Field.notNullable("key", ArrowType.Utf8.INSTANCE), allocator);
        values.allocateNew(3);
        for (int entry = 0; entry < 3; entry++) {
            values.setSafe(entry, ("value-" + entry).getBytes(StandardCharsets.UTF_8));
        }
        values.setValueCount(3);
        VectorSchemaRoot root = new VectorSchemaRoot(List.of(indices.getField()), List.<FieldVector>of(indices), rows);
        return new Block(root, Map.of(3L, new Dictionary(values, ENCODING)), "test");
    }

    @Test
    void sliceKeepsTheDictionaryAndClosingLeaksNothing() {
        try (BufferAllocator allocator = new RootAllocator();
                BufferAllocator other = allocator.newChildAllocator("other", 0, Long.MAX_VALUE)) {
            Block slice;
            try (Block block = encodedBlock(allocator, 100)) {
                assertThat(block.isDictionaryEncoded()).isTrue();
                assertThat(block.sizeBytes()).isEqualTo(block.encodedRoot().getVector("key").getBufferSize()
                        + block.dictionaries().get(3L).getVector().getBufferSize());
                assertThat(block.decodedSchema().getFields().getFirst().getType()).isEqualTo(ArrowType.Utf8.INSTANCE);
                assertThat(block.schema()).isEqualTo(block.decodedSchema());
                // Consumers that do not read indices get the values, decoded once.
                VarCharVector decoded = (VarCharVector) block.root().getVector("key");
                assertThat(block.root()).isSameAs(block.root());
                for (int row = 0; row < 100; row++) {
                    assertThat(decoded.getObject(row) == null ? null : decoded.getObject(row).toString())
                            .isEqualTo(row % 7 == 3 ? null : "value-" + row % 3);
                }
                try (Block both = Blocks.concatenate(List.of(block, block), allocator)) {
                    assertThat(both.isDictionaryEncoded()).isFalse();
                    assertThat(both.rows()).isEqualTo(200);
                    assertThat(both.root().getVector("key").getObject(198).toString()).isEqualTo("value-2");
                }
                slice = block.slice(10, 20, other);
            }
            try (slice) {
                assertThat(slice.rows()).isEqualTo(20);
                IntVector indices = (IntVector) slice.encodedRoot().getVector("key");
                VarCharVector values = (VarCharVector) slice.dictionaries().get(3L).getVector();
                for (int row = 0; row < 20; row++) {
                    int original = row + 10;
                    if (original % 7 == 3) {
                        assertThat(indices.isNull(row)).isTrue();
                    } else {
                        assertThat(values.getObject(indices.get(row)).toString()).isEqualTo("value-" + original % 3);
                    }
                }
                try (Block empty = slice.slice(0, 0, other)) {
                    assertThat(empty.rows()).isZero();
                    assertThat(empty.dictionaries()).containsKey(3L);
                }
            }
            assertThat(other.getAllocatedMemory()).isZero();
        }
    }

    @Test
    void anEncodedColumnNeedsItsDictionary() {
        try (BufferAllocator allocator = new RootAllocator(); Block block = encodedBlock(allocator, 5)) {
            VectorSchemaRoot root = block.encodedRoot();
            assertThatThrownBy(() -> new Block(root, Map.of(), "test")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no such dictionary");
        }
    }
}
