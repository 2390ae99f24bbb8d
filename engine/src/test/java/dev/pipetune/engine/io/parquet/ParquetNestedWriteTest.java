package dev.pipetune.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipetune.engine.testing.Python;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nested columns (maps, lists of lists, lists of structs, structs of lists and structs, lists of strings with null
 * elements; null and empty values at every level) written by pyarrow, read by {@link ParquetReader} and written by
 * {@link ParquetWriter} read back in pyarrow with the same schema and values, and in DuckDB with the same aggregates.
 */
class ParquetNestedWriteTest {

    @TempDir
    Path folder;

    @Test
    void nestedColumnsWrittenBackReadTheSameInPyarrowAndDuckDb() throws Exception {
        Assumptions.assumeTrue(Python.hasModules("pyarrow", "duckdb"), "python3 with pyarrow and duckdb");
        Path original = folder.resolve("original.parquet");
        Path written = folder.resolve("written.parquet");
        Python.run("""
                import sys, pyarrow as pa, pyarrow.parquet as pq
                n = 3000
                table = pa.table({
                    "id": pa.array(range(n), pa.int64()),
                    "m": pa.array([None if k % 9 == 0 else [(f"k{j}", None if j == 1 else k + j) for j in range(k % 3)]
                                   for k in range(n)], pa.map_(pa.string(), pa.int32())),
                    "ll": pa.array([None if k % 7 == 0 else [[k, None] if j % 2 else [] for j in range(k % 4)]
                                    for k in range(n)], pa.list_(pa.list_(pa.int64()))),
                    "ls": pa.array([[{"x": k, "y": None if k % 5 == 0 else f"y{k}"}] * (k % 3) for k in range(n)],
                                   pa.list_(pa.struct([("x", pa.int32()), ("y", pa.string())]))),
                    "sl": pa.array([None if k % 4 == 0 else {"v": list(range(k % 3)), "w": {"z": float(k)}}
                                    for k in range(n)],
                                   pa.struct([("v", pa.list_(pa.int16())), ("w", pa.struct([("z", pa.float64())]))])),
                    "lsn": pa.array([[None if j == 0 else f"s{j}" for j in range(k % 4)] for k in range(n)],
                                    pa.list_(pa.string())),
                })
                pq.write_table(table, sys.argv[1], row_group_size=1000)
                """, original.toString());
        try (BufferAllocator allocator = new RootAllocator();
                ParquetReader reader = ParquetReader.open(original)) {
            ParquetWriter writer = null;
            for (int group = 0; group < reader.rowGroups().size(); group++) {
                try (VectorSchemaRoot batch = reader.readRowGroup(group, allocator)) {
                    if (writer == null) {
                        writer = ParquetWriter.create(written, batch.getSchema(),
                                new WriteOptions(ParquetCompression.SNAPPY, 64 << 10, 4096, true));
                    }
                    writer.write(batch);
                }
            }
            writer.close();
        }
        String result = Python.run("""
                import sys, duckdb, pyarrow.parquet as pq
                original, written = pq.read_table(sys.argv[1]), pq.read_table(sys.argv[2])
                print(original.schema.equals(written.schema), original.equals(written))
                query = ("select count(*), sum(cardinality(m)), sum(len(ll)), sum(len(ls)), sum(sl.w.z), count(sl), "
                         "sum(len(lsn)), count(lsn[1]) from '{}'")
                counts = [duckdb.sql(query.format(file)).fetchall() for file in sys.argv[1:3]]
                print(counts[0] == counts[1])
                """, original.toString(), written.toString());
        assertThat(result.strip().lines().toList()).containsExactly("True True", "True");
    }

    @Test
    void anEmptyStructIsRejectedNamingTheColumn() {
        Field empty = new Field("nothing", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of());
        assertThatThrownBy(() -> ParquetWriter.create(folder.resolve("x.parquet"), new Schema(List.of(empty)),
                WriteOptions.defaults(ParquetCompression.NONE))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nothing'").hasMessageContaining("no fields");
    }
}
