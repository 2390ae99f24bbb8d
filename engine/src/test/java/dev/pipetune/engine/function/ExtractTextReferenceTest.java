package dev.pipetune.engine.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipetune.engine.io.FileListing;
import dev.pipetune.engine.io.binary.BinaryFilesReader;
import dev.pipetune.engine.testing.Python;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares extract_text with the reference, anchorlib.extract_text_py, run by python3: on random strings of the
 * characters that matter, on documents from gen_data.py, and on the default 2,000 documents against the checksums in
 * workloads.md when that data set is present. Skipped where python3 with pyarrow and numpy, or shared/, is missing.
 */
class ExtractTextReferenceTest {

    private static final String REFERENCE_PER_FILE = """
            import json, os, sys
            from anchorlib import extract_text_py
            folder = sys.argv[1]
            out = []
            for name in sorted(os.listdir(folder)):
                with open(os.path.join(folder, name), "rb") as fh:
                    text, words = extract_text_py(fh.read())
                out.append([name, text, words])
            print(json.dumps(out))
            """;

    private static final String REFERENCE_CHECKSUMS = """
            import hashlib, json, os, sys
            from anchorlib import extract_text_py
            folder = sys.argv[1]
            rows = []
            for name in sorted(os.listdir(folder)):
                with open(os.path.join(folder, name), "rb") as fh:
                    raw = fh.read()
                text, words = extract_text_py(raw)
                rows.append((name, len(raw), text, words))
            print(json.dumps({
                "rows": len(rows),
                "sum_size_bytes": sum(r[1] for r in rows),
                "sum_word_count": sum(r[3] for r in rows),
                "sum_text_bytes": sum(len(r[2].encode()) for r in rows),
                "text_digest": hashlib.sha256(b"\\x00".join(r[2].encode() for r in rows)).hexdigest()[:16],
                "digest": hashlib.sha256("\\n".join(f"{r[0]}|{r[1]}|{r[3]}" for r in rows).encode()).hexdigest()[:16],
            }))
            """;

    private static final String ALPHABET = "<<>>    \t\n\r\f\u000baaabbé\u00a0\u2028日/=\"!-";

    private final RootAllocator allocator = new RootAllocator();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path folder;

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    private static void assumeReference() {
        assumeTrue(Files.isRegularFile(Python.workloads().resolve("anchorlib.py")), "shared/workloads is missing");
        assumeTrue(Python.hasModules("anchorlib"), "python3 with pyarrow is missing");
    }

    @Test
    void randomStringsGiveTheReferencesTextAndWordCount() throws IOException {
        assumeReference();
        Random random = new Random(20240601);
        Map<String, String> inputs = new LinkedHashMap<>();
        for (int index = 0; index < 500; index++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int character = 0; character < length; character++) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String name = String.format("case_%04d", index);
            inputs.put(name, text.toString());
            Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
        }
        JsonNode reference = json.readTree(Python.run(REFERENCE_PER_FILE, folder.toString()));
        assertThat(reference.size()).isEqualTo(inputs.size());
        for (JsonNode row : reference) {
            String input = inputs.get(row.get(0).asText());
            ExtractedText actual = ExtractText.extract(input.getBytes(StandardCharsets.UTF_8));
            assertThat(actual).as("input %s", json.writeValueAsString(input))
                    .isEqualTo(new ExtractedText(row.get(1).asText(), row.get(2).asLong()));
        }
    }

    @Test
    void generatedDocumentsGiveTheReferencesChecksums() throws IOException {
        assumeReference();
        assumeTrue(Python.hasModules("numpy"), "numpy is missing");
        Path data = folder.resolve("data");
        Python.run("import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')",
                Python.workloads().resolve("gen_data.py").toString(), "--out", data.toString(), "--rows", "100",
                "--files", "1", "--row-group", "100", "--docs", "300");
        Path docs = data.resolve("docs");
        Map<String, Object> expected = json.readValue(Python.run(REFERENCE_CHECKSUMS, docs.toString()), Map.class);
        assertThat(checksums(docs)).isEqualTo(expected);
    }

    @Test
    void theDefaultDocumentsGiveTheChecksumsOfWorkloadsMd() throws IOException {
        String configured = System.getenv().getOrDefault("ANCHOR_DATA", "/tmp/anchor-data");
        Path docs = Path.of(configured, "docs");
        assumeTrue(Files.isDirectory(docs) && FileListing.expand(List.of(docs)).size() == 2000,
                "the default data set is not at " + docs);
        assertThat(checksums(docs)).isEqualTo(Map.of("rows", 2000, "sum_size_bytes", 20591839,
                "sum_word_count", 2561137, "sum_text_bytes", 17890775, "text_digest", "53da6798482ee224",
                "digest", "db68b111a333c157"));
    }

    /** Reads every file, extracts in batches and computes checksum.py's W3 values. */
    private Map<String, Object> checksums(Path docs) throws IOException {
        record Document(String path, long size, String text, long words) {
        }
        List<Document> documents = new ArrayList<>();
        try (BinaryFilesReader reader = BinaryFilesReader.open(FileListing.expand(List.of(docs)), 64, true,
                allocator)) {
            Optional<VectorSchemaRoot> batch;
            while ((batch = reader.next()).isPresent()) {
                try (VectorSchemaRoot input = batch.get();
                        VectorSchemaRoot output = withoutFailures(ExtractText.apply(input, DocumentFormat.AUTO,
                                allocator))) {
                    for (int row = 0; row < output.getRowCount(); row++) {
                        documents.add(new Document(
                                ((VarCharVector) output.getVector("path")).getObject(row).toString(),
                                ((BigIntVector) output.getVector("size_bytes")).get(row),
                                ((VarCharVector) output.getVector("text")).getObject(row).toString(),
                                ((BigIntVector) output.getVector("word_count")).get(row)));
                    }
                }
            }
        }
        documents.sort(Comparator.comparing(Document::path));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rows", documents.size());
        result.put("sum_size_bytes", asNumber(documents.stream().mapToLong(Document::size).sum()));
        result.put("sum_word_count", asNumber(documents.stream().mapToLong(Document::words).sum()));
        result.put("sum_text_bytes", asNumber(documents.stream()
                .mapToLong(document -> document.text().getBytes(StandardCharsets.UTF_8).length).sum()));
        result.put("text_digest", digest(documents.stream().map(Document::text).collect(Collectors.joining("\0"))));
        result.put("digest", digest(documents.stream()
                .map(document -> document.path() + "|" + document.size() + "|" + document.words())
                .collect(Collectors.joining("\n"))));
        return result;
    }

    /** Returns the output of an extraction that must not have failed on any file (W3's documents are all valid). */
    private static VectorSchemaRoot withoutFailures(Extraction extraction) {
        if (!extraction.failures().isEmpty()) {
            extraction.output().close();
            throw new AssertionError("extract_text failed on " + extraction.failures());
        }
        return extraction.output();
    }

    /** Jackson reads JSON integers as Integer where they fit; match that for map equality. */
    private static Object asNumber(long value) {
        return value == (int) value ? (Object) (int) value : (Object) value;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
