package dev.pipetune.engine.io;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** Test helper: a batch with one column of each inferable type, with nulls, quotes, newlines and unicode. */
public final class SampleBatches {

    /** The rows of {@link #mixed}, as {@link Rows} returns them after a round trip. */
    public static final List<List<Object>> MIXED_ROWS = List.of(
            Arrays.asList(1L, "plain", 1.5, true, LocalDateTime.of(2024, 7, 9, 3, 48, 52, 872_753_000),
                    LocalDate.of(2024, 7, 9)),
            Arrays.asList(-2L, "comma, \"quote\"\nnew line\r\nand crlf", -0.1, false,
                    LocalDateTime.of(1969, 12, 31, 23, 59, 59), LocalDate.of(1969, 12, 31)),
            Arrays.asList(null, null, null, null, null, null),
            Arrays.asList(Long.MAX_VALUE, "", 1e-7, true, LocalDateTime.of(2000, 2, 29, 0, 0, 0, 1000),
                    LocalDate.of(2000, 2, 29)),
            Arrays.asList(Long.MIN_VALUE, "héllo wörld ✓ 日本 🎉", 1e20, false,
                    LocalDateTime.of(2024, 1, 1, 0, 0), LocalDate.of(1900, 1, 1)),
            Arrays.asList(0L, "NULL", 100.0, null, null, null));

    private SampleBatches() {
    }

    /** Returns the schema of {@link #mixed}: id, name, score, ok, ts, day. */
    public static Schema mixedSchema() {
        return new Schema(List.of(field("id", ColumnType.INT64), field("name", ColumnType.UTF8),
                field("score", ColumnType.FLOAT64), field("ok", ColumnType.BOOL),
                field("ts", ColumnType.TIMESTAMP), field("day", ColumnType.DATE)));
    }

    /** Returns a new batch holding {@link #MIXED_ROWS}, owned by the caller. */
    public static VectorSchemaRoot mixed(BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(mixedSchema(), allocator);
        root.allocateNew();
        for (int row = 0; row < MIXED_ROWS.size(); row++) {
            List<Object> values = MIXED_ROWS.get(row);
            if (values.get(0) != null) {
                ((BigIntVector) root.getVector("id")).setSafe(row, (Long) values.get(0));
            }
            if (values.get(1) != null) {
                ((VarCharVector) root.getVector("name")).setSafe(row,
                        ((String) values.get(1)).getBytes(StandardCharsets.UTF_8));
            }
            if (values.get(2) != null) {
                ((Float8Vector) root.getVector("score")).setSafe(row, (Double) values.get(2));
            }
            if (values.get(3) != null) {
                ((BitVector) root.getVector("ok")).setSafe(row, (Boolean) values.get(3) ? 1 : 0);
            }
            if (values.get(4) != null) {
                ((TimeStampMicroVector) root.getVector("ts")).setSafe(row,
                        ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), (LocalDateTime) values.get(4)));
            }
            if (values.get(5) != null) {
                ((DateDayVector) root.getVector("day")).setSafe(row,
                        (int) ((LocalDate) values.get(5)).toEpochDay());
            }
        }
        root.setRowCount(MIXED_ROWS.size());
        return root;
    }

    /** Returns {@link #MIXED_ROWS} with dates as Arrow's DateDayVector returns them (days since 1970). */
    public static List<List<Object>> mixedRowsAsRead() {
        return MIXED_ROWS.stream().map(row -> {
            List<Object> copy = new java.util.ArrayList<>(row);
            if (copy.get(5) != null) {
                copy.set(5, (int) ((LocalDate) copy.get(5)).toEpochDay());
            }
            return copy;
        }).toList();
    }

    private static Field field(String name, ColumnType type) {
        return type.field(name);
    }
}
