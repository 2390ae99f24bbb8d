package dev.pipetune.engine.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.pipetune.engine.io.Rows;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExtractTextTest {

    private final RootAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`<p>Hello</p>  <b>World</b>`|Hello World|2",
        "``||0",
        "` \t\n\r\f\u000b `||0",
        "`<html><!-- only tags --></html>`||0",
        "`a < b`|a < b|3",
        "`a <b> c < d`|a c < d|4",
        "`x<a\nhref='1'>y`|x y|2",
        "`a<<b>c`|a c|2",
        "`a>b`|a>b|1",
        "`a<b>>c`|a >c|2",
        "`  lead and trail  `|lead and trail|3",
        "`tab\there\r\nnext`|tab here next|3",
        "`word<br/>word`|word word|2",
        "`&amp; &lt;`|&amp; &lt;|2",
        "`a\u00a0b\u2028c`|a\u00a0b\u2028c|1",
        "`a\u001cb`|a\u001cb|1",
        "`<a`|<a|1",
        "`日本 <i>語</i>`|日本 語|2"})
    void followsTheW3StepsExactly(String input, String text, long words) {
        assertThat(ExtractText.extract(input.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new ExtractedText(text == null ? "" : text, words));
    }

    @Test
    void invalidUtf8IsRejectedEvenInsideATag() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ExtractText.extract(new byte[] {'a', '<', (byte) 0xff, '>', 'b'}))
                .withMessageContaining("not valid UTF-8");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ExtractText.extract(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}))
                .withMessageContaining("not valid UTF-8");
    }

    @Test
    void aBatchBecomesTheW3ColumnsAndTheInputStaysTheCallers() {
        Schema schema = new Schema(List.of(
                new Field("bytes", FieldType.nullable(ArrowType.Binary.INSTANCE), null),
                new Field("path", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
                new Field("other", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
        try (VectorSchemaRoot input = VectorSchemaRoot.create(schema, allocator)) {
            input.allocateNew();
            VarBinaryVector bytes = (VarBinaryVector) input.getVector("bytes");
            VarCharVector paths = (VarCharVector) input.getVector("path");
            bytes.setSafe(0, "<h1>Title</h1>\n<p>Some  text</p>".getBytes(StandardCharsets.UTF_8));
            paths.setSafe(0, "/data/docs/doc_00001.html".getBytes(StandardCharsets.UTF_8));
            bytes.setSafe(1, "plain\r\ntext\r\n".getBytes(StandardCharsets.UTF_8));
            paths.setSafe(1, "doc_00002.txt".getBytes(StandardCharsets.UTF_8));
            paths.setSafe(2, "/data/missing.txt".getBytes(StandardCharsets.UTF_8));
            bytes.setSafe(3, new byte[0]);
            input.setRowCount(4);

            Extraction tags = ExtractText.apply(input, DocumentFormat.TAGS, allocator);
            try (VectorSchemaRoot output = tags.output()) {
                assertThat(tags.failures()).isEmpty();
                assertThat(output.getSchema()).isEqualTo(ExtractText.outputSchema());
                assertThat(output.getSchema().getFields()).extracting(Field::getName)
                        .containsExactly("path", "size_bytes", "text", "word_count", "mime_type");
                assertThat(Rows.of(output)).containsExactly(
                        List.of("doc_00001.html", 32L, "Title Some text", 3L, "text/html"),
                        List.of("doc_00002.txt", 13L, "plain text", 2L, "text/plain"),
                        Arrays.asList("missing.txt", null, null, null, null),
                        Arrays.asList(null, 0L, "", 0L, "text/plain"));
            }
            Extraction auto = ExtractText.apply(input, DocumentFormat.AUTO, allocator);
            try (VectorSchemaRoot output = auto.output()) {
                assertThat(Rows.of(output)).containsExactly(
                        List.of("doc_00001.html", 32L, "Title Some text", 3L, "text/html"),
                        List.of("doc_00002.txt", 13L, "plain text", 2L, "text/plain"),
                        Arrays.asList("missing.txt", null, null, null, null),
                        Arrays.asList(null, 0L, "", 0L, "text/plain"));
                // An empty file is valid UTF-8: empty text, as W3's rule gives it.
                assertThat(auto.failures()).isEmpty();
            }
            assertThat(input.getRowCount()).isEqualTo(4);
            assertThat(bytes.getObject(1)).isEqualTo("plain\r\ntext\r\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void withoutAPathColumnThePathIsNullAndWithoutBytesItIsAnError() {
        Schema schema = new Schema(List.of(new Field("bytes", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
        try (VectorSchemaRoot input = VectorSchemaRoot.create(schema, allocator)) {
            input.allocateNew();
            ((VarCharVector) input.getVector(0)).setSafe(0, "a  b".getBytes(StandardCharsets.UTF_8));
            input.setRowCount(1);
            try (VectorSchemaRoot output = ExtractText.apply(input, DocumentFormat.AUTO, allocator).output()) {
                assertThat(Rows.of(output)).containsExactly(Arrays.asList(null, 4L, "a b", 2L, "text/plain"));
            }
        }
        Schema wrong = new Schema(List.of(new Field("content", FieldType.nullable(ArrowType.Binary.INSTANCE), null)));
        try (VectorSchemaRoot input = VectorSchemaRoot.create(wrong, allocator)) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> ExtractText.apply(input, DocumentFormat.AUTO, allocator))
                    .withMessage("extract_text needs a 'bytes' column; the batch has [content]");
        }
    }

    @Test
    void invalidUtf8IsAFailedRowNamingTheFileForTagsAndDecodedByAuto() {
        Schema schema = new Schema(List.of(
                new Field("bytes", FieldType.nullable(ArrowType.Binary.INSTANCE), null),
                new Field("path", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
        try (VectorSchemaRoot input = VectorSchemaRoot.create(schema, allocator)) {
            input.allocateNew();
            ((VarBinaryVector) input.getVector(0)).setSafe(0, new byte[] {'o', 'k'});
            ((VarBinaryVector) input.getVector(0)).setSafe(1, new byte[] {'x', (byte) 0xc3});
            ((VarCharVector) input.getVector(1)).setSafe(1, "/d/latin1.txt".getBytes(StandardCharsets.UTF_8));
            input.setRowCount(2);
            Extraction tags = ExtractText.apply(input, DocumentFormat.TAGS, allocator);
            try (VectorSchemaRoot output = tags.output()) {
                assertThat(Rows.of(output)).containsExactly(Arrays.asList(null, 2L, "ok", 1L, "text/plain"));
                assertThat(tags.failures()).singleElement().satisfies(failure -> {
                    assertThat(failure.row()).isEqualTo(1);
                    assertThat(failure.file()).isEqualTo("/d/latin1.txt");
                    assertThat(failure.cause()).hasMessageStartingWith("not valid UTF-8");
                });
            }
            Extraction auto = ExtractText.apply(input, DocumentFormat.AUTO, allocator);
            try (VectorSchemaRoot output = auto.output()) {
                assertThat(auto.failures()).isEmpty();
                assertThat(Rows.of(output)).extracting(row -> row.get(2)).containsExactly("ok", "x\u00c3");
            }
        }
    }
}
