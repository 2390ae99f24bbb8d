package dev.pipetune.engine.io.parquet;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Small batches of every flat type the writer supports, with nulls. */
final class TestBatches {

    static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("i32", FieldType.nullable(new ArrowType.Int(32, true)), null),
            new Field("i16", FieldType.nullable(new ArrowType.Int(16, true)), null),
            new Field("f64", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null),
            new Field("flag", FieldType.nullable(new ArrowType.Bool()), null),
            new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field("blob", FieldType.nullable(ArrowType.Binary.INSTANCE), null),
            new Field("day", FieldType.nullable(new ArrowType.Date(DateUnit.DAY)), null),
            new Field("ts", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)), null),
            new Field("amount", FieldType.nullable(new ArrowType.Decimal(10, 2, 128)), null),
            new Field("big", FieldType.nullable(new ArrowType.Decimal(30, 5, 128)), null)));

    private TestBatches() {
    }

    /** Rows {@code [start, start + rows)}; every seventh row has nulls in the nullable columns. */
    static VectorSchemaRoot batch(BufferAllocator allocator, int start, int rows) {
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        root.allocateNew();
        for (int row = 0; row < rows; row++) {
            long n = start + row;
            ((BigIntVector) root.getVector("id")).setSafe(row, n);
            if (n % 7 == 3) {
                for (int column = 1; column < SCHEMA.getFields().size(); column++) {
                    root.getVector(column).setNull(row);
                }
                continue;
            }
            ((IntVector) root.getVector("i32")).setSafe(row, (int) (n * 2_654_435_761L));
            ((SmallIntVector) root.getVector("i16")).setSafe(row, (short) (n % 40_000 - 20_000));
            ((Float8Vector) root.getVector("f64")).setSafe(row, n == 5 ? Double.NaN : n / 3.0 - 100);
            ((BitVector) root.getVector("flag")).setSafe(row, n % 3 == 0 ? 1 : 0);
            ((VarCharVector) root.getVector("name")).setSafe(row,
                    ("name-" + (n % 50) + (n % 11 == 0 ? "-ünïcødé" : "")).getBytes(StandardCharsets.UTF_8));
            ((VarBinaryVector) root.getVector("blob")).setSafe(row, new byte[] {(byte) n, (byte) (n >> 8), 0, -1});
            ((DateDayVector) root.getVector("day")).setSafe(row, (int) (n % 30_000) - 10_000);
            ((TimeStampMicroVector) root.getVector("ts")).setSafe(row, 1_704_067_200_000_000L + n * 1_000_003L);
            ((DecimalVector) root.getVector("amount")).setSafe(row, BigDecimal.valueOf(n * 37 - 5000, 2));
            ((DecimalVector) root.getVector("big")).setSafe(row,
                    new BigDecimal("-123456789012345678901.12345").add(BigDecimal.valueOf(n, 5)));
        }
        root.setRowCount(rows);
        return root;
    }
}
