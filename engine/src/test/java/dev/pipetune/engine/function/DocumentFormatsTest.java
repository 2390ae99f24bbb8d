package dev.pipetune.engine.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import dev.pipetune.engine.io.Rows;
import dev.pipetune.engine.testing.TestDocuments;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
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
import org.junit.jupiter.params.provider.EnumSource;

/** extract_text's formats beyond W3: HTML through jsoup, PDF through PDFBox, charsets, and files it cannot read. */
class DocumentFormatsTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final String FRENCH = "Le cœur déçu mais l’âme plutôt naïve, Louÿs rêva de crapaüter en canoë "
            + "au delà des îles, près du mälström où brûlent les novæ. « Œuvre » coûte 5 € — voilà !";
    private static final String GERMAN = "Falsches Üben von Xylophonmusik quält jeden größeren Zwerg. Die Straße "
            + "führt über die Brücke zum schönen Schloß, wo Bären und Löwen gemütlich frühstücken.";

    private final RootAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @Test
    void htmlThroughJsoupDecodesEntitiesAndDropsScriptsStylesAndComments() throws DocumentException {
        String html = """
                <!DOCTYPE html>
                <html><head><title>Caf&eacute; &amp; Bar</title>
                <style>body { color: red; }</style>
                <script>var hidden = "<b>not text</b>";</script></head>
                <body><!-- a comment -->
                  <div><p>Fish&nbsp;&amp; <b>chips <i>with <u>peas</u></i></b></p>
                  <ul><li>1 &lt; 2</li><li>&#169; 2024 &copy;</li></ul></div>
                  <script>document.write("nope")</script>
                </body></html>
                """;
        ExtractedText text = ExtractText.extract(html.getBytes(StandardCharsets.UTF_8), "menu.html",
                DocumentFormat.HTML);
        assertThat(text).as("jsoup's text() turns &nbsp; into a space").isEqualTo(
                new ExtractedText("Café & Bar Fish & chips with peas 1 < 2 © 2024 ©", 14));
        assertThat(ExtractText.extract(html.getBytes(StandardCharsets.UTF_8), "menu.html", DocumentFormat.AUTO)
                .text()).as("auto keeps W3's tag stripping for UTF-8 HTML").contains("&amp;", "body { color: red; }");
    }

    @Test
    void autoWithJsoupParsesTheHtmlFilesOfAMixedFolderAndNothingElse() throws IOException, DocumentException {
        ExtractTextOptions jsoup = new ExtractTextOptions(DocumentFormat.AUTO, HtmlHandling.JSOUP);
        byte[] page = "<!doctype html><p>Fish &amp; chips<script>x()</script></p>".getBytes(StandardCharsets.UTF_8);
        assertThat(ExtractText.extract(page, "menu.bin", jsoup).text()).as("HTML by content")
                .isEqualTo("Fish & chips");
        byte[] fragment = "a &amp; <b>b</b>".getBytes(StandardCharsets.UTF_8);
        assertThat(ExtractText.extract(fragment, "part.htm", jsoup).text()).as("HTML by extension")
                .isEqualTo("a & b");
        assertThat(ExtractText.extract(fragment, "part.txt", jsoup).text()).as("text keeps W3's rule")
                .isEqualTo("a &amp; b");
        assertThat(ExtractText.extract(TestDocuments.pdf("Still a PDF"), "doc.pdf", jsoup).text())
                .isEqualTo("Still a PDF");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ExtractTextOptions(DocumentFormat.PDF, HtmlHandling.JSOUP))
                .withMessageContaining("applies to format auto");
    }

    @Test
    void pdfTextIsReadBackWhateverTheFileIsCalled() throws IOException, DocumentException {
        byte[] pdf = TestDocuments.pdf("Hello from page one.", "And page   two, with café.");
        for (String name : List.of("report.pdf", "report.bin", "")) {
            assertThat(ExtractText.extract(pdf, name, DocumentFormat.AUTO))
                    .isEqualTo(new ExtractedText("Hello from page one. And page two, with café.", 9));
        }
        assertThat(ExtractText.extract(pdf, "report.pdf", DocumentFormat.PDF).text()).startsWith("Hello");
    }

    @Test
    void charsetsAreDetectedFromTheMarkTheBytesOrTheirStatistics() throws DocumentException {
        assertText(TestDocuments.text(FRENCH, StandardCharsets.UTF_8), FRENCH);
        // UTF-8 with a byte order mark is valid UTF-8: W3's utf8_decode keeps the mark as U+FEFF.
        assertText(TestDocuments.text(FRENCH, StandardCharsets.UTF_8, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF),
                "\uFEFF" + FRENCH);
        assertText(TestDocuments.text(FRENCH, StandardCharsets.UTF_16LE, (byte) 0xFF, (byte) 0xFE), FRENCH);
        assertText(TestDocuments.text(FRENCH, StandardCharsets.UTF_16BE, (byte) 0xFE, (byte) 0xFF), FRENCH);
        assertText(TestDocuments.text(FRENCH, WINDOWS_1252), FRENCH);
        assertText(TestDocuments.text(GERMAN, StandardCharsets.ISO_8859_1), GERMAN);
        assertText(TestDocuments.text(GERMAN, WINDOWS_1252), GERMAN);
        String late = "Plain ASCII for a long while. ".repeat(400) + FRENCH;
        assertText(TestDocuments.text(late, WINDOWS_1252), late.strip());
    }

    @Test
    void aDeclaredCharsetIsUsedWhenTheBytesAreNotUtf8() throws DocumentException {
        String polish = "Zażółć gęślą jaźń";
        byte[] html = TestDocuments.text("<html><head><meta charset=\"ISO-8859-2\"><title>" + polish
                + "</title></head><body><p>Łódź</p></body></html>", Charset.forName("ISO-8859-2"));
        assertThat(ExtractText.extract(html, "page.html", DocumentFormat.AUTO).text()).isEqualTo(polish + " Łódź");
        assertThat(ExtractText.extract(html, "page.html", DocumentFormat.HTML).text()).isEqualTo(polish + " Łódź");
        byte[] mail = TestDocuments.text("Content-Type: text/plain; charset=windows-1250\n\n" + polish,
                Charset.forName("windows-1250"));
        assertThat(ExtractText.extract(mail, "mail.txt", DocumentFormat.TEXT).text()).endsWith(polish);
        byte[] wrong = TestDocuments.text("<meta charset=utf-8><p>" + FRENCH, WINDOWS_1252);
        assertThat(ExtractText.extract(wrong, "page.html", DocumentFormat.HTML).text())
                .as("a declared UTF-8 that the bytes are not is ignored").isEqualTo(FRENCH);
    }

    @Test
    void textFormatCollapsesWhitespaceButKeepsAngleBrackets() throws DocumentException {
        byte[] content = "if a <b and c> d\r\n\tthen  e".getBytes(StandardCharsets.UTF_8);
        assertThat(ExtractText.extract(content, "notes.txt", DocumentFormat.TEXT))
                .isEqualTo(new ExtractedText("if a <b and c> d then e", 8));
        assertThat(ExtractText.extract(content, "notes.txt", DocumentFormat.TAGS).text()).isEqualTo("if a d then e");
    }

    @ParameterizedTest
    @EnumSource(value = DocumentFormat.class, names = {"AUTO", "PDF"})
    void corruptPdfsAreErrorsThatSayWhy(DocumentFormat format) throws IOException {
        byte[] pdf = TestDocuments.pdf("Some text that is long enough to matter.");
        assertFailure(TestDocuments.truncated(pdf, 0.6), "cut.pdf", format, "truncated PDF");
        assertFailure(TestDocuments.encryptedPdf("secret", "Private"), "locked.pdf", format, "encrypted PDF");
        byte[] garbled = pdf.clone();
        for (int index = 9; index < garbled.length - 10; index++) {
            garbled[index] = (byte) (index * 31);
        }
        assertFailure(garbled, "garbled.pdf", format, "corrupt PDF");
    }

    @Test
    void aCorruptPdfDoesNotSpoilTheNextOneInTheBatch() throws IOException {
        byte[] garbled = TestDocuments.pdf("Broken");
        for (int index = 9; index < garbled.length - 10; index++) {
            garbled[index] = (byte) (index * 31);
        }
        Schema schema = new Schema(List.of(new Field("bytes", FieldType.nullable(ArrowType.Binary.INSTANCE), null)));
        try (VectorSchemaRoot input = VectorSchemaRoot.create(schema, allocator)) {
            input.allocateNew();
            VarBinaryVector bytes = (VarBinaryVector) input.getVector("bytes");
            bytes.setSafe(0, TestDocuments.pdf("First fine"));
            bytes.setSafe(1, garbled);
            bytes.setSafe(2, TestDocuments.pdf("Still fine"));
            input.setRowCount(3);
            Extraction extraction = ExtractText.apply(input, DocumentFormat.PDF, allocator);
            try (VectorSchemaRoot output = extraction.output()) {
                assertThat(Rows.of(output)).extracting(row -> row.get(2)).containsExactly("First fine", "Still fine");
                assertThat(extraction.failures()).extracting(FailedDocument::file).containsExactly("row 1");
            }
        }
    }

    @Test
    void binaryFilesAreErrorsInEveryFormatButTags() {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
        for (DocumentFormat format : List.of(DocumentFormat.AUTO, DocumentFormat.TEXT, DocumentFormat.HTML)) {
            assertFailure(garbage, "noise.txt", format, "binary content");
            assertFailure(png, "image.txt", format, "a PNG image");
        }
        byte[] latin1 = {'c', 'a', 'f', (byte) 0xE9, 0, 0, 0, 1};
        assertFailure(latin1, "fake.pdf", DocumentFormat.AUTO, "named .pdf");
        assertFailure("just text".getBytes(StandardCharsets.UTF_8), "fake.txt", DocumentFormat.PDF, "not a PDF");
        assertFailure(garbage, "noise.txt", DocumentFormat.TAGS, "not valid UTF-8");
    }

    @Test
    void aMixedBatchKeepsTheGoodFilesAndReportsTheOthersByPath() throws IOException {
        Schema schema = new Schema(List.of(
                new Field("path", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
                new Field("bytes", FieldType.nullable(ArrowType.Binary.INSTANCE), null)));
        List<String> paths = List.of("/in/a.html", "/in/b.pdf", "/in/c.pdf", "/in/d.txt", "/in/e.txt");
        List<byte[]> contents = List.of("<p>Hi &amp; bye</p>".getBytes(StandardCharsets.UTF_8),
                TestDocuments.pdf("A real PDF"), TestDocuments.truncated(TestDocuments.pdf("Cut"), 0.5),
                TestDocuments.text(GERMAN, StandardCharsets.ISO_8859_1), new byte[0]);
        try (VectorSchemaRoot input = VectorSchemaRoot.create(schema, allocator)) {
            input.allocateNew();
            for (int row = 0; row < paths.size(); row++) {
                ((VarCharVector) input.getVector("path")).setSafe(row, paths.get(row).getBytes(StandardCharsets.UTF_8));
                ((VarBinaryVector) input.getVector("bytes")).setSafe(row, contents.get(row));
            }
            input.setRowCount(paths.size());
            Extraction extraction = ExtractText.apply(input, DocumentFormat.AUTO, allocator);
            try (VectorSchemaRoot output = extraction.output()) {
                assertThat(Rows.of(output)).containsExactly(
                        List.of("a.html", 19L, "Hi &amp; bye", 3L, "text/html"),
                        List.of("b.pdf", (long) contents.get(1).length, "A real PDF", 3L, "application/pdf"),
                        List.of("d.txt", (long) contents.get(3).length, GERMAN, 23L, "text/plain"),
                        List.of("e.txt", 0L, "", 0L, "text/plain"));
                assertThat(extraction.failures()).extracting(FailedDocument::row, FailedDocument::file)
                        .containsExactly(tuple(2, "/in/c.pdf"));
                assertThat(extraction.failures().get(0).cause()).hasMessageContaining("truncated PDF");
            }
        }
    }

    @Test
    void everyValidUtf8FileIsTextAsW3ReadsIt() throws DocumentException {
        assertThat(ExtractText.extract(new byte[0], "empty.txt", DocumentFormat.AUTO))
                .isEqualTo(new ExtractedText("", 0));
        byte[] notes = "Notes: the header %PDF-1.7 marks a PDF file; plain text.".getBytes(StandardCharsets.UTF_8);
        assertThat(ExtractText.extract(notes, "notes.txt", DocumentFormat.AUTO).text()).startsWith("Notes: the header");
        byte[] controls = "a\u0000b\u0001c \u001Fd".getBytes(StandardCharsets.UTF_8);
        assertThat(ExtractText.extract(controls, "controls.txt", DocumentFormat.AUTO))
                .isEqualTo(ExtractText.extract(controls, "controls.txt", DocumentFormat.TAGS));
        assertThat(ExtractText.extract("just text".getBytes(StandardCharsets.UTF_8), "fake.pdf",
                DocumentFormat.AUTO).text()).isEqualTo("just text");
    }

    private static void assertText(byte[] content, String expected) throws DocumentException {
        assertThat(ExtractText.extract(content, "letter.txt", DocumentFormat.AUTO).text()).isEqualTo(expected);
        assertThat(ExtractText.extract(content, "letter.txt", DocumentFormat.TEXT).text()).isEqualTo(expected);
    }

    private static void assertFailure(byte[] content, String name, DocumentFormat format, String message) {
        assertThatExceptionOfType(DocumentException.class).as("%s as %s", name, format)
                .isThrownBy(() -> ExtractText.extract(content, name, format))
                .withMessageContaining(message);
    }
}
