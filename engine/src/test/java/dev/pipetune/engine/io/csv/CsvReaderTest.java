package dev.pipetune.engine.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipetune.engine.io.ColumnType;
import dev.pipetune.engine.io.DataFileException;
import dev.pipetune.engine.io.ReadOptions;
import dev.pipetune.engine.io.Rows;
import dev.pipetune.engine.io.VectorSizing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    private final RootAllocator allocator = new RootAllocator();

    @TempDir
    Path folder;

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }

    private List<List<Object>> readAll(Path file, ReadOptions options) throws IOException {
        try (CsvReader reader = CsvReader.open(file, options, allocator)) {
            return Rows.readAll(reader);
        }
    }

    private Schema schemaOf(Path file) throws IOException {
        try (CsvReader reader = CsvReader.open(file, ReadOptions.defaults(), allocator)) {
            return reader.schema();
        }
    }

    @Test
    void typesAreInferredLikePyarrowsDefaults() throws IOException {
        Path file = write("types.csv", """
                i,f,b,d,t,s,mixed,empty,widened,nulls
                1,1.5,true,2024-01-02,2024-07-09 03:48:52.872753,x,1,,1,NA
                -2,nan,False,2024-02-29,2024-07-09T03:48:52,y,true,,2.5,
                ,inf,,,,,,,2024-01-01,NULL
                """);
        assertThat(schemaOf(file).getFields()).extracting(Field::getType).containsExactly(
                ColumnType.INT64.arrowType(), ColumnType.FLOAT64.arrowType(), ColumnType.BOOL.arrowType(),
                ColumnType.DATE.arrowType(), ColumnType.TIMESTAMP.arrowType(), ColumnType.UTF8.arrowType(),
                ColumnType.UTF8.arrowType(), ColumnType.UTF8.arrowType(), ColumnType.UTF8.arrowType(),
                ColumnType.UTF8.arrowType());
        List<List<Object>> rows = readAll(file, ReadOptions.defaults());
        assertThat(rows.get(0)).containsExactly(1L, 1.5, true, 19724, LocalDateTime.of(2024, 7, 9, 3, 48, 52,
                872_753_000), "x", "1", null, "1", "NA");
        assertThat(rows.get(1).get(1)).isEqualTo(Double.NaN);
        assertThat(rows.get(1).get(4)).isEqualTo(LocalDateTime.of(2024, 7, 9, 3, 48, 52));
        assertThat(rows.get(2)).containsExactly(null, Double.POSITIVE_INFINITY, null, null, null, null, null, null,
                "2024-01-01", "NULL");
    }

    @Test
    void intAndFloatWidenToFloatAndDatesWithTimestampsToTimestamps() throws IOException {
        Path file = write("widen.csv", "n,t\n1,2024-01-01\n2.5,2024-01-01 12:00:00\n");
        assertThat(schemaOf(file).getFields()).extracting(Field::getType)
                .containsExactly(ColumnType.FLOAT64.arrowType(), ColumnType.TIMESTAMP.arrowType());
        assertThat(readAll(file, ReadOptions.defaults())).containsExactly(
                List.of(1.0, LocalDateTime.of(2024, 1, 1, 0, 0)), List.of(2.5, LocalDateTime.of(2024, 1, 1, 12, 0)));
    }

    @Test
    void nullMarkersAreNullOutsideUtf8ColumnsAndQuotedEmptyIsAnEmptyString() throws IOException {
        Path file = write("nulls.csv", "n,s\n1,\"\"\nNULL,NULL\n\"\",\n");
        assertThat(readAll(file, ReadOptions.defaults()))
                .containsExactly(List.of(1L, ""), Arrays.asList(null, "NULL"), Arrays.asList(null, null));
    }

    @Test
    void quotedFieldsHoldCommasQuotesNewlinesAndUnicode() throws IOException {
        Path file = write("quoted.csv", "\"a\",\"b\"\r\n\"x, y\",\"say \"\"hi\"\"\nsecond line\"\r\n\r\n"
                + "\"日本\",\"🎉\"\n");
        assertThat(readAll(file, ReadOptions.defaults()))
                .containsExactly(List.of("x, y", "say \"hi\"\nsecond line"), List.of("日本", "🎉"));
    }

    @Test
    void instantsWithAZoneDesignatorAreUtcTimestampsAndMinutesWithoutSecondsAreTimestamps() throws IOException {
        Path file = write("zoned.csv", """
                at,local,mixed
                2024-07-09T12:00:00Z,2024-07-09 12:00,2024-07-09T12:00:00Z
                2024-07-09 14:30:00.25+02:00,2024-07-09T13:05,2024-07-09 12:00:00
                """);
        assertThat(schemaOf(file).getFields()).extracting(Field::getType).containsExactly(
                ColumnType.TIMESTAMP_UTC.arrowType(), ColumnType.TIMESTAMP.arrowType(), ColumnType.UTF8.arrowType());
        List<List<Object>> rows = readAll(file, ReadOptions.defaults());
        assertThat(rows.get(1).get(1)).isEqualTo(LocalDateTime.of(2024, 7, 9, 13, 5));
        assertThat(rows).extracting(row -> row.get(0)).containsExactly(1_720_526_400_000_000L,
                1_720_528_200_250_000L);
    }

    @Test
    void longTextValuesAreReadAndEndBatchesEarlyBeforeAVectorNearsArrowsLimit() throws IOException {
        String document = "word ".repeat(8_000);
        StringBuilder content = new StringBuilder("id,text\n");
        for (int row = 0; row < 50; row++) {
            content.append(row).append(",\"").append(document).append("\"\n");
        }
        Path few = write("documents.csv", content.toString());
        try (CsvReader reader = CsvReader.open(few, ReadOptions.defaults(), allocator)) {
            assertThat(Rows.batchSizes(reader)).containsExactly(50);
        }
        try (var out = Files.newBufferedWriter(folder.resolve("many.csv"))) {
            out.write("id,text\n");
            for (int row = 0; row < 1_700; row++) {
                out.write(row + ",\"" + document + "\"\n");
            }
        }
        try (CsvReader reader = CsvReader.open(folder.resolve("many.csv"), ReadOptions.defaults(), allocator)) {
            List<Integer> sizes = Rows.batchSizes(reader);
            assertThat(sizes).hasSizeGreaterThan(1).allMatch(size -> (long) size * document.length()
                    < VectorSizing.BATCH_TEXT_LIMIT + document.length() + 10);
            assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_700);
        }
    }

    @Test
    void batchesHoldAtMostTheBatchSizeAndTheSampleSpansBatches() throws IOException {
        StringBuilder content = new StringBuilder("n\n");
        for (int row = 0; row < 25; row++) {
            content.append(row).append('\n');
        }
        Path file = write("many.csv", content.toString());
        try (CsvReader reader = CsvReader.open(file, new ReadOptions(10, 13, false), allocator)) {
            assertThat(Rows.batchSizes(reader)).containsExactly(10, 10, 5);
        }
    }

    @Test
    void includePathsAddsAPathColumn() throws IOException {
        Path file = write("p.csv", "a\n1\n2\n");
        try (CsvReader reader = CsvReader.open(file, ReadOptions.defaults().withIncludePaths(true), allocator)) {
            assertThat(reader.schema().getFields()).extracting(Field::getName).containsExactly("a", "path");
            assertThat(Rows.readAll(reader)).containsExactly(List.of(1L, file.toString()),
                    List.of(2L, file.toString()));
        }
    }

    @Test
    void aHeaderOnlyFileHasUtf8ColumnsAndNoBatches() throws IOException {
        Path file = write("header.csv", "a,b\n");
        try (CsvReader reader = CsvReader.open(file, ReadOptions.defaults(), allocator)) {
            assertThat(reader.schema().getFields()).extracting(Field::getType)
                    .containsOnly(ColumnType.UTF8.arrowType());
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void anEmptyFileIsAnError() throws IOException {
        Path file = write("empty.csv", "");
        assertThatThrownBy(() -> CsvReader.open(file, ReadOptions.defaults(), allocator))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ", line 1: the file is empty; a header row naming the columns is required");
    }

    @Test
    void aRaggedRowIsAnErrorNamingFileAndLine() throws IOException {
        Path file = write("ragged.csv", "a,b\n1,2\n3\n4,5\n");
        assertThatThrownBy(() -> readAll(file, ReadOptions.defaults()))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ", line 3: expected 2 fields as in the header, found 1");
    }

    @Test
    void aRaggedRowAfterTheSampleIsAnErrorToo() throws IOException {
        Path file = write("ragged-late.csv", "a,b\n1,2\n3,4\n5,6,7\n");
        assertThatThrownBy(() -> readAll(file, new ReadOptions(1, 1, false)))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ", line 4: expected 2 fields as in the header, found 3");
    }

    @Test
    void aValueThatDoesNotFitTheInferredTypeIsAnErrorNamingLineAndColumn() throws IOException {
        Path file = write("late.csv", "id,qty\n1,2\n2,3\n\"multi\nline\",4\n3,x5\n");
        assertThatThrownBy(() -> readAll(file, new ReadOptions(100, 2, false)))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ", line 4, column 1 (id): 'multi\nline' is not a int64, the type inferred "
                        + "from the first 2 rows")
                .satisfies(error -> {
                    DataFileException data = (DataFileException) error;
                    assertThat(data.line()).isEqualTo(4);
                    assertThat(data.column()).isEqualTo(1);
                    assertThat(data.columnName()).isEqualTo("id");
                });
    }

    @Test
    void aTruncatedQuotedFieldIsAnErrorNamingTheRowsLine() throws IOException {
        Path file = write("truncated.csv", "a,b\n1,\"ok\"\n2,\"never closed\nmore text\n");
        assertThatThrownBy(() -> readAll(file, ReadOptions.defaults()))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(file + ", line 3, column 2: Missing closing quote");
    }

    @Test
    void invalidUtf8IsAnErrorNamingTheFile() throws IOException {
        Path file = folder.resolve("latin1.csv");
        Files.write(file, new byte[] {'a', '\n', 'x', (byte) 0xff, 'y', '\n'});
        assertThatThrownBy(() -> readAll(file, ReadOptions.defaults()))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(file + ", line 2");
    }

    @Test
    void duplicateHeaderNamesAreAnError() throws IOException {
        Path file = write("dup.csv", "a,b,a\n1,2,3\n");
        assertThatThrownBy(() -> CsvReader.open(file, ReadOptions.defaults(), allocator))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ", line 1, column 3 (a): the header names this column twice");
    }
}
