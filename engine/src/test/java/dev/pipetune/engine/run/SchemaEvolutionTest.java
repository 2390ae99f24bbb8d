package dev.pipetune.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipetune.engine.execution.PipelineRunException;
import dev.pipetune.engine.io.parquet.ParquetCompression;
import dev.pipetune.engine.io.parquet.ParquetWriter;
import dev.pipetune.engine.io.parquet.WriteOptions;
import dev.pipetune.engine.plan.PlanException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet files of one input whose schemas evolved (a column added later, an integer widened, a column that was all
 * null) read together as Ray Data reads them, with pyarrow's permissive unification: every column some file has,
 * nulls where a file lacks one, and the type that holds every file's.
 */
class SchemaEvolutionTest {

    private static final Field X64 = Field.nullable("x", new ArrowType.Int(64, true));

    @TempDir
    Path directory;

    @Test
    void aColumnAddedLaterIsNullInTheOlderFilesWhicheverFileComesFirst() throws Exception {
        write("added/p0.parquet", 2, root -> ints(root, "x", 1, 2), X64);
        write("added/p1.parquet", 1, root -> {
            ints(root, "x", 3);
            strings(root, "y", "n");
        }, X64, utf8("y"));
        write("removed/p0.parquet", 1, root -> {
            ints(root, "x", 1);
            strings(root, "y", "m");
        }, X64, utf8("y"));
        write("removed/p1.parquet", 1, root -> ints(root, "x", 3), X64);

        assertThat(rows("added")).containsExactlyInAnyOrder("{\"x\":1,\"y\":null}", "{\"x\":2,\"y\":null}",
                "{\"x\":3,\"y\":\"n\"}");
        assertThat(rows("removed")).containsExactlyInAnyOrder("{\"x\":1,\"y\":\"m\"}", "{\"x\":3,\"y\":null}");
    }

    @Test
    void narrowerTypesWidenToTheTypeThatHoldsBoth() throws Exception {
        Field x32 = Field.nullable("x", new ArrowType.Int(32, true));
        Field milli = Field.nullable("t", new ArrowType.Timestamp(TimeUnit.MILLISECOND, null));
        Field micro = Field.nullable("t", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null));
        Field floating = Field.nullable("x", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
        write("wide/p0.parquet", 2, root -> {
            ((IntVector) root.getVector("x")).setSafe(0, 7);
            root.getVector("x").setNull(1);
            ((TimeStampMilliVector) root.getVector("t")).setSafe(0, 1_500L);
            ((TimeStampMilliVector) root.getVector("t")).setSafe(1, 2_000L);
        }, x32, milli);
        write("wide/p1.parquet", 1, root -> {
            ints(root, "x", 1L << 40);
            ((TimeStampMicroVector) root.getVector("t")).setSafe(0, 3L);
        }, X64, micro);
        write("mixed/p0.parquet", 1, root -> ints(root, "x", 5), X64);
        write("mixed/p1.parquet", 1, root -> ((org.apache.arrow.vector.Float8Vector) root.getVector("x"))
                .setSafe(0, 0.5), floating);

        assertThat(rows("wide")).containsExactlyInAnyOrder("{\"x\":7,\"t\":\"1970-01-01 00:00:01.500000\"}",
                "{\"x\":null,\"t\":\"1970-01-01 00:00:02.000000\"}",
                "{\"x\":1099511627776,\"t\":\"1970-01-01 00:00:00.000003\"}");
        // One double column (write_json writes 5.0 as 5).
        assertThat(rows("mixed")).containsExactlyInAnyOrder("{\"x\":5}", "{\"x\":0.5}");
    }

    @Test
    void aColumnWithoutTypeInOneFileTakesTheOthersType() throws Exception {
        write("untyped/p0.parquet", 1, root -> ints(root, "x", 1), X64, Field.nullable("y", ArrowType.Null.INSTANCE));
        write("untyped/p1.parquet", 1, root -> {
            ints(root, "x", 2);
            strings(root, "y", "s");
        }, X64, utf8("y"));

        assertThat(rows("untyped")).containsExactlyInAnyOrder("{\"x\":1,\"y\":null}", "{\"x\":2,\"y\":\"s\"}");
    }

    @Test
    void nestedColumnsUnifyFieldByFieldAsPyarrowsPermissiveUnification() throws Exception {
        Field list32 = list("l", Field.nullable("item", new ArrowType.Int(32, true)));
        Field list64 = list("l", Field.nullable("item", new ArrowType.Int(64, true)));
        write("lists/p0.parquet", 1, root -> {
            ints(root, "x", 1);
            oneElementList(root, true, 7);
        }, X64, list32);
        write("lists/p1.parquet", 1, root -> {
            ints(root, "x", 2);
            oneElementList(root, false, 1L << 40);
        }, X64, list64);
        write("nulls/p0.parquet", 1, root -> ints(root, "x", 1), X64, Field.nullable("l", ArrowType.Null.INSTANCE));
        write("nulls/p1.parquet", 1, root -> ints(root, "x", 2), X64, list64);
        // A struct whose fields come in another order, one field wider and one added.
        write("structs/p0.parquet", 2, root -> {
            ints(root, "x", 1, 2);
            StructVector struct = (StructVector) root.getVector("s");
            ((IntVector) struct.getChild("a")).setSafe(0, 5);
            ((VarCharVector) struct.getChild("b")).setSafe(0, "p".getBytes(StandardCharsets.UTF_8));
            struct.setIndexDefined(0);
            struct.setNull(1);
        }, X64, struct(Field.nullable("a", new ArrowType.Int(32, true)), utf8("b")));
        write("structs/p1.parquet", 1, root -> {
            ints(root, "x", 3);
            StructVector struct = (StructVector) root.getVector("s");
            ((VarCharVector) struct.getChild("b")).setSafe(0, "q".getBytes(StandardCharsets.UTF_8));
            ((BigIntVector) struct.getChild("a")).setSafe(0, 1L << 40);
            ((Float8Vector) struct.getChild("c")).setSafe(0, 2.5);
            struct.setIndexDefined(0);
        }, X64, struct(utf8("b"), Field.nullable("a", new ArrowType.Int(64, true)),
                Field.nullable("c", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE))));

        assertThat(rows("lists")).containsExactlyInAnyOrder("{\"x\":1,\"l\":[7]}",
                "{\"x\":2,\"l\":[1099511627776]}");
        assertThat(rows("nulls")).containsExactlyInAnyOrder("{\"x\":1,\"l\":null}", "{\"x\":2,\"l\":null}");
        assertThat(rows("structs")).containsExactlyInAnyOrder("{\"x\":1,\"s\":{\"a\":5,\"b\":\"p\",\"c\":null}}",
                "{\"x\":2,\"s\":null}", "{\"x\":3,\"s\":{\"a\":1099511627776,\"b\":\"q\",\"c\":2.5}}");
    }

    @Test
    void nestedColumnsWhoseFieldsHaveNoCommonTypeFailAtPlanningNamingBothFiles() throws Exception {
        write("lists/p0.parquet", 1, root -> ints(root, "x", 1), X64, list("l", utf8("item")));
        write("lists/p1.parquet", 1, root -> ints(root, "x", 2), X64,
                list("l", Field.nullable("item", new ArrowType.Int(64, true))));

        assertThatThrownBy(() -> rows("lists")).isInstanceOf(PlanException.class)
                .hasMessageContaining("column 'l' is list<element: int64> in")
                .hasMessageContaining("but list<element: string> in")
                .hasMessageContaining("structs whose common fields do");
    }

    @Test
    void decimalsWidenToTheLargerScaleAndIntegerPartAndStringsAndBinaryToBinary() throws Exception {
        write("decimals/p0.parquet", 2, root -> decimals(root, "1.25", null), decimal(5, 2));
        write("decimals/p1.parquet", 1, root -> decimals(root, "1234567.125"), decimal(10, 3));
        write("integers/p0.parquet", 2, root -> ((IntVector) root.getVector("x")).setSafe(0, -3),
                Field.nullable("x", new ArrowType.Int(32, true)));
        write("integers/p1.parquet", 1, root -> decimals(root, "2.50"), decimal(10, 2));
        write("doubles/p0.parquet", 1, root -> ((Float8Vector) root.getVector("x")).setSafe(0, 0.5),
                Field.nullable("x", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)));
        write("doubles/p1.parquet", 1, root -> decimals(root, "2.50"), decimal(10, 2));
        write("binary/p0.parquet", 1, root -> strings(root, "x", "ab"), utf8("x"));
        write("binary/p1.parquet", 1, root -> ((VarBinaryVector) root.getVector("x")).setSafe(0, new byte[] {0, -1}),
                Field.nullable("x", ArrowType.Binary.INSTANCE));

        // Every digit of the unified scale, as written: decimal(10, 3) and, for int32 with decimal(10, 2), (12, 2).
        assertThat(rawRows("decimals")).containsExactlyInAnyOrder("{\"x\":1.250}", "{\"x\":null}",
                "{\"x\":1234567.125}");
        assertThat(rawRows("integers")).containsExactlyInAnyOrder("{\"x\":-3.00}", "{\"x\":null}",
                "{\"x\":2.50}");
        assertThat(rows("doubles")).containsExactlyInAnyOrder("{\"x\":0.5}", "{\"x\":2.5}");
        assertThat(rows("binary")).containsExactlyInAnyOrder("{\"x\":\"YWI=\"}", "{\"x\":\"AP8=\"}");
    }

    @Test
    void decimalsWhoseUnionNeedsMoreThan38DigitsFailAtPlanning() throws Exception {
        write("wide/p0.parquet", 1, root -> decimals(root, "1"), decimal(38, 0));
        write("wide/p1.parquet", 1, root -> decimals(root, "0.5"), decimal(10, 1));

        assertThatThrownBy(() -> rows("wide")).isInstanceOf(PlanException.class)
                .hasMessageContaining("column 'x' is decimal128(10, 1) in").hasMessageContaining("decimal128(38, 0)");
    }

    @Test
    void columnsMayNameAColumnOnlyLaterFilesHaveButNotOneNoFileHas() throws Exception {
        write("added/p0.parquet", 1, root -> ints(root, "x", 1), X64);
        write("added/p1.parquet", 1, root -> {
            ints(root, "x", 3);
            strings(root, "y", "n");
        }, X64, utf8("y"));

        EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: added, columns: [y]}
                  - write_json: {path: out}
                """, directory).close();
        assertThat(outputRows()).containsExactlyInAnyOrder("{\"y\":null}", "{\"y\":\"n\"}");
        assertThatThrownBy(() -> EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: added, columns: [x, z]}
                  - write_json: {path: out2}
                """, directory).close()).isInstanceOf(PlanException.class)
                .hasMessageContaining("column 'z' is not in any of the 2 files").hasMessageContaining("available "
                        + "columns: x, y");
    }

    @Test
    void aFilterOnAColumnSomeFilesLackKeepsOnlyTheRowsThatHaveIt() throws Exception {
        write("added/p0.parquet", 2, root -> ints(root, "x", 1, 2), X64);
        write("added/p1.parquet", 2, root -> {
            ints(root, "x", 3, 4);
            strings(root, "y", "n", "o");
        }, X64, utf8("y"));

        EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: added}
                  - filter: {expr: "y = 'o' or x < 2"}
                  - write_json: {path: out}
                """, directory).close();
        assertThat(outputRows()).containsExactlyInAnyOrder("{\"x\":1,\"y\":null}", "{\"x\":4,\"y\":\"o\"}");
    }

    @Test
    void aUint64ValueThatDoesNotFitTheWidenedInt64FailsTheRunNamingTheColumn() throws Exception {
        write("unsigned/p0.parquet", 1, root -> ints(root, "x", 1), X64);
        write("unsigned/p1.parquet", 1, root -> ((UInt8Vector) root.getVector("x")).setSafe(0, -1L),
                Field.nullable("x", new ArrowType.Int(64, false)));

        assertThatThrownBy(() -> EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: unsigned}
                  - write_json: {path: out}
                """, directory).close()).isInstanceOf(PipelineRunException.class)
                .hasMessageContaining("the value 18446744073709551615 of uint64 column 'x' does not fit int64");
        assertThat(directory.resolve("out")).doesNotExist();
    }

    private static Field list(String name, Field element) {
        return new Field(name, FieldType.nullable(ArrowType.List.INSTANCE), List.of(element));
    }

    private static Field struct(Field... fields) {
        return new Field("s", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(fields));
    }

    /** Sets row 0 of list column {@code l} to a list of one int32 or int64 element. */
    private static void oneElementList(VectorSchemaRoot root, boolean int32, long value) {
        UnionListWriter writer = ((ListVector) root.getVector("l")).getWriter();
        writer.setPosition(0);
        writer.startList();
        if (int32) {
            writer.writeInt((int) value);
        } else {
            writer.writeBigInt(value);
        }
        writer.endList();
    }

    private static Field utf8(String name) {
        return Field.nullable(name, ArrowType.Utf8.INSTANCE);
    }

    private static void ints(VectorSchemaRoot root, String name, long... values) {
        BigIntVector vector = (BigIntVector) root.getVector(name);
        for (int row = 0; row < values.length; row++) {
            vector.setSafe(row, values[row]);
        }
    }

    private static void strings(VectorSchemaRoot root, String name, String... values) {
        VarCharVector vector = (VarCharVector) root.getVector(name);
        for (int row = 0; row < values.length; row++) {
            vector.setSafe(row, values[row].getBytes(StandardCharsets.UTF_8));
        }
    }

    private void write(String name, int rows, Consumer<VectorSchemaRoot> fill, Field... fields) throws IOException {
        Path file = directory.resolve(name);
        Files.createDirectories(file.getParent());
        try (RootAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(fields)), allocator);
                ParquetWriter writer = ParquetWriter.create(file, root.getSchema(),
                        WriteOptions.defaults(ParquetCompression.SNAPPY))) {
            root.allocateNew();
            fill.accept(root);
            root.getFieldVectors().forEach(vector -> vector.setValueCount(rows));
            root.setRowCount(rows);
            writer.write(root);
        }
    }

    private List<String> rows(String input) throws Exception {
        EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: %s, partitioning: null}
                  - write_json: {path: out-%s}
                """.formatted(input, input), directory).close();
        return EngineFixture.jsonRows(directory.resolve("out-" + input));
    }

    /** The output lines as written (decimals keep every digit of their scale). */
    private List<String> rawRows(String input) throws Exception {
        rows(input);
        try (var files = Files.list(directory.resolve("out-" + input))) {
            List<String> lines = new java.util.ArrayList<>();
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                lines.addAll(Files.readAllLines(file));
            }
            return lines;
        }
    }

    private static Field decimal(int precision, int scale) {
        return Field.nullable("x", new ArrowType.Decimal(precision, scale, 128));
    }

    private static void decimals(VectorSchemaRoot root, String... values) {
        DecimalVector vector = (DecimalVector) root.getVector("x");
        for (int row = 0; row < values.length; row++) {
            if (values[row] == null) {
                vector.setNull(row);
            } else {
                vector.setSafe(row, new BigDecimal(values[row]).setScale(vector.getScale()));
            }
        }
    }

    private List<String> outputRows() throws IOException {
        return EngineFixture.jsonRows(directory.resolve("out"));
    }

}
