package dev.pipetune.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pipetune.engine.execution.ExecutionEvent;
import dev.pipetune.engine.execution.PipelineRunException;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code read_csv} and {@code read_json} read compressed files from folders as Ray Data does, end to end. */
class CompressedInputRunTest {

    @TempDir
    Path work;

    @Test
    void readCsvReadsPlainGzipAndZstandardFilesOfAFolder() throws Exception {
        Path input = Files.createDirectories(work.resolve("in"));
        Files.writeString(input.resolve("a.csv"), "id,v\n1,10\n2,20\n");
        Files.write(input.resolve("b.csv.gz"), gzip("id,v\n3,30\n"));
        Files.write(input.resolve("c.csv.zst"), zstd("id,v\n4,40\n5,50\n"));
        Files.write(input.resolve("D.CSV.GZ"), gzip("id,v\n6,60\n"));
        // Ray Data's read_csv lists every file of a folder; file_extensions narrows the listing.
        Files.writeString(input.resolve("e.tsv"), "id,v\n7,70\n");
        runToSuccess("pipeline:\n  - read_csv: {paths: in}\n  - write_csv: {path: out}\n");
        assertThat(dataLines(work.resolve("out"))).containsExactlyInAnyOrder("1,10", "2,20", "3,30", "4,40", "5,50",
                "6,60", "7,70");
        runToSuccess("pipeline:\n  - read_csv: {paths: in, file_extensions: [csv, .CSV.GZ]}\n"
                + "  - write_csv: {path: out}\n");
        assertThat(dataLines(work.resolve("out"))).containsExactlyInAnyOrder("1,10", "2,20", "3,30", "6,60");
    }

    @Test
    void readParquetListsParquetFilesUnlessExtensionsAreNamedEvenWithFileExtensionsNull() throws Exception {
        Path input = Files.createDirectories(work.resolve("in"));
        Files.writeString(input.resolve("a.csv"), "id,v\n1,10\n");
        runToSuccess("pipeline:\n  - read_csv: {paths: in/a.csv}\n  - write_parquet: {path: pq}\n");
        try (var parts = Files.list(work.resolve("pq"))) {
            Path part = parts.findFirst().orElseThrow();
            Files.copy(part, work.resolve("pq/other.parq"));
        }
        Files.writeString(work.resolve("pq/_README.md"), "skipped by name");
        Files.writeString(work.resolve("pq/notes.md"), "not Parquet");
        // As Ray's Parquet source, null falls back to .parquet; named extensions replace it.
        runToSuccess("pipeline:\n  - read_parquet: {paths: pq, file_extensions: null}\n"
                + "  - write_csv: {path: out}\n");
        assertThat(dataLines(work.resolve("out"))).containsExactly("1,10");
        runToSuccess("pipeline:\n  - read_parquet: {paths: pq, file_extensions: [parquet, parq]}\n"
                + "  - write_csv: {path: out}\n");
        assertThat(dataLines(work.resolve("out"))).containsExactly("1,10", "1,10");
    }

    @Test
    void readJsonReadsPlainGzipAndZstandardFilesOfAFolder() throws Exception {
        Path input = Files.createDirectories(work.resolve("in"));
        Files.writeString(input.resolve("a.jsonl"), "{\"id\": 1}\n");
        Files.write(input.resolve("b.json.gz"), gzip("{\"id\": 2}\n"));
        Files.write(input.resolve("c.jsonl.zst"), zstd("{\"id\": 3}\n{\"id\": 4}\n"));
        runToSuccess("pipeline:\n  - read_json: {paths: in}\n  - write_json: {path: out}\n");
        assertThat(dataLines(work.resolve("out"))).containsExactlyInAnyOrder("{\"id\":1}", "{\"id\":2}",
                "{\"id\":3}", "{\"id\":4}");
    }

    @Test
    void aTruncatedGzipFileFailsTheRunNamingItAndWritesNothing() throws Exception {
        Path input = Files.createDirectories(work.resolve("in"));
        Files.writeString(input.resolve("a.csv"), "id,v\n1,10\n");
        StringBuilder rows = new StringBuilder("id,v\n");
        for (int row = 0; row < 20_000; row++) {
            rows.append(row).append(',').append(row * 7 % 1000).append('\n');
        }
        byte[] whole = gzip(rows.toString());
        Path cut = Files.write(input.resolve("b.csv.gz"), Arrays.copyOf(whole, whole.length / 2));
        PipelineRunException failure = catchThrowableOfType(PipelineRunException.class, () -> EngineFixture.run(
                "pipeline:\n  - read_csv: {paths: in}\n  - write_csv: {path: out}\n", work));
        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains(cut + ": the gzip data (the name ends in .gz) is truncated or "
                + "corrupt: Unexpected end of ZLIB input stream").doesNotContain("EOFException");
        assertThat(work.resolve("out")).doesNotExist();
    }

    private void runToSuccess(String yaml) throws Exception {
        try (RunResult result = EngineFixture.run(yaml, work)) {
            assertThat(result.execution().outcome()).isEqualTo(ExecutionEvent.Outcome.SUCCEEDED);
        }
    }

    /** The lines of every file of an output folder, without CSV headers. */
    private static List<String> dataLines(Path folder) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                Files.readAllLines(file).stream().filter(line -> !line.startsWith("\"")).forEach(lines::add);
            }
        }
        return lines;
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static byte[] zstd(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new ZstdOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
