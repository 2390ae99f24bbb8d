package dev.pipetune.engine.benchmark;

import dev.pipetune.engine.function.DocumentFormat;
import dev.pipetune.engine.function.ExtractText;
import dev.pipetune.engine.function.Extraction;
import dev.pipetune.engine.io.FileListing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Throughput of extract_text per format on one thread, run on demand:
 * {@code -Dtest=DocumentExtractionBenchmark -Dpipetune.benchmark.data=/tmp/anchor-data} (needs docs/ there). The
 * HTML cases read W3's {@code .html} documents, the PDF case PDFs written from W3's {@code .txt} documents (about 60
 * lines of 90 characters per page), the charset case the {@code .txt} documents re-encoded as windows-1252 with a
 * non-ASCII character added. Prints documents/s and MB/s of input per repetition to standard output.
 */
@EnabledIfSystemProperty(named = "pipetune.benchmark.data", matches = ".+")
class DocumentExtractionBenchmark {

    private static final int REPETITIONS = 5;
    private static final int BATCH_ROWS = 64;
    private static final int LINES_PER_PAGE = 60;
    private static final int CHARACTERS_PER_LINE = 90;

    private final Path docs = Path.of(System.getProperty("pipetune.benchmark.data", ".")).resolve("docs");

    @Test
    void htmlPdfAndCharsetThroughput() throws IOException {
        List<Path> files = FileListing.expand(List.of(docs));
        List<byte[]> html = new ArrayList<>();
        List<byte[]> text = new ArrayList<>();
        for (Path file : files) {
            (file.toString().endsWith(".html") ? html : text).add(Files.readAllBytes(file));
        }
        List<byte[]> pdfs = new ArrayList<>();
        for (byte[] document : text.subList(0, Math.min(300, text.size()))) {
            pdfs.add(pdf(new String(document, StandardCharsets.US_ASCII)));
        }
        Charset windows1252 = Charset.forName("windows-1252");
        List<byte[]> latin = text.stream()
                .map(document -> ("Résumé — " + new String(document, StandardCharsets.US_ASCII)).getBytes(windows1252))
                .toList();
        try (RootAllocator allocator = new RootAllocator()) {
            measure("html tags", html, ".html", DocumentFormat.TAGS, allocator);
            measure("html auto", html, ".html", DocumentFormat.AUTO, allocator);
            measure("html jsoup", html, ".html", DocumentFormat.HTML, allocator);
            measure("pdf", pdfs, ".pdf", DocumentFormat.AUTO, allocator);
            measure("cp1252 auto", latin, ".txt", DocumentFormat.AUTO, allocator);
        }
    }

    private static void measure(String what, List<byte[]> documents, String extension, DocumentFormat format,
            BufferAllocator allocator) {
        List<VectorSchemaRoot> batches = batches(documents, extension, allocator);
        long bytes = documents.stream().mapToLong(document -> document.length).sum();
        try {
            for (int repetition = 1; repetition <= REPETITIONS; repetition++) {
                long start = System.nanoTime();
                long cpu = cpuNanos();
                long failed = 0;
                for (VectorSchemaRoot batch : batches) {
                    Extraction extraction = ExtractText.apply(batch, format, allocator);
                    failed += extraction.failures().size();
                    extraction.output().close();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (cpuNanos() - cpu) / 1e9;
                System.out.printf("%-12s rep %d: %,d docs (%,d failed), %.1f MB in %.3f s wall (%.3f s CPU): "
                        + "%,.0f docs/s, %.1f MB/s%n", what, repetition, documents.size(), failed, bytes / 1e6,
                        seconds, cpuSeconds, documents.size() / seconds, bytes / 1e6 / seconds);
            }
        } finally {
            batches.forEach(VectorSchemaRoot::close);
        }
    }

    private static List<VectorSchemaRoot> batches(List<byte[]> documents, String extension,
            BufferAllocator allocator) {
        Schema schema = new Schema(List.of(
                new Field("path", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
                new Field("bytes", FieldType.nullable(ArrowType.Binary.INSTANCE), null)));
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int first = 0; first < documents.size(); first += BATCH_ROWS) {
            VectorSchemaRoot batch = VectorSchemaRoot.create(schema, allocator);
            batch.allocateNew();
            int rows = Math.min(BATCH_ROWS, documents.size() - first);
            for (int row = 0; row < rows; row++) {
                ((VarCharVector) batch.getVector("path")).setSafe(row,
                        ("/docs/doc_" + (first + row) + extension).getBytes(StandardCharsets.UTF_8));
                ((VarBinaryVector) batch.getVector("bytes")).setSafe(row, documents.get(first + row));
            }
            batch.setRowCount(rows);
            batches.add(batch);
        }
        return batches;
    }

    private static byte[] pdf(String text) throws IOException {
        String flat = text.replaceAll("\\s+", " ").strip();
        List<String> lines = new ArrayList<>();
        for (int start = 0; start < flat.length(); start += CHARACTERS_PER_LINE) {
            lines.add(flat.substring(start, Math.min(flat.length(), start + CHARACTERS_PER_LINE)));
        }
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int first = 0; first < lines.size(); first += LINES_PER_PAGE) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 9);
                    content.setLeading(11);
                    content.newLineAtOffset(40, 760);
                    for (String line : lines.subList(first, Math.min(lines.size(), first + LINES_PER_PAGE))) {
                        content.showText(line);
                        content.newLine();
                    }
                    content.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
