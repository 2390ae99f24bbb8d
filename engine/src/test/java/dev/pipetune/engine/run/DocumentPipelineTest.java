package dev.pipetune.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pipetune.engine.execution.ExecutionEvent;
import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.engine.execution.PipelineRunException;
import dev.pipetune.engine.testing.TestDocuments;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * read_binary_files → extract_text → write_parquet through the engine over a folder of mixed documents: the good
 * ones are written, the corrupt ones are per-row errors counted against max_errored_blocks, recorded with their file
 * and cause, and beyond the allowance the run fails naming the step and the file and leaves no output.
 */
class DocumentPipelineTest {

    private static final String PIPELINE = """
            context: {max_errored_blocks: %d}
            pipeline:
              - read_binary_files: {paths: docs, include_paths: true, num_cpus: 0.05}
              - map_batches: {name: extract, fn: extract_text, fn_kwargs: {format: auto}, batch_size: 100,
                              num_cpus: 0.25}
              - write_parquet: {path: out/documents}
            """;

    @TempDir
    Path work;

    @BeforeEach
    void writeDocuments() throws IOException {
        Path docs = Files.createDirectories(work.resolve("docs"));
        Files.writeString(docs.resolve("a.html"), "<html><body><p>Fish &amp; chips</p>\n</body></html>");
        Files.write(docs.resolve("b.pdf"), TestDocuments.pdf("Quarterly report", "Second page"));
        Files.write(docs.resolve("c.txt"), TestDocuments.text("Ça coûte 5 € — déjà payé, merci beaucoup à vous.",
                Charset.forName("windows-1252")));
        Files.write(docs.resolve("d.pdf"), TestDocuments.truncated(TestDocuments.pdf("Lost"), 0.5));
        byte[] garbage = new byte[2048];
        new Random(3).nextBytes(garbage);
        Files.write(docs.resolve("e.bin"), garbage);
    }

    @Test
    void corruptFilesWithinTheAllowanceAreLeftOutAndRecorded() throws Exception {
        List<ExecutionEvent> events = new CopyOnWriteArrayList<>();
        try (RunResult result = EngineFixture.run(PIPELINE.formatted(2), work, events::add)) {
            assertThat(result.execution().outcome()).isEqualTo(ExecutionEvent.Outcome.SUCCEEDED);
            assertThat(result.execution().operators().stream().mapToLong(OperatorMetrics::errors).sum())
                    .isEqualTo(2);
        }
        assertThat(events).filteredOn(ExecutionEvent.BlockDropped.class::isInstance)
                .map(ExecutionEvent.BlockDropped.class::cast)
                .satisfiesExactlyInAnyOrder(
                        dropped -> {
                            assertThat(dropped.origin()).endsWith("d.pdf");
                            assertThat(dropped.operator()).contains("extract");
                            assertThat(dropped.cause()).contains("truncated PDF");
                        },
                        dropped -> {
                            assertThat(dropped.origin()).endsWith("e.bin");
                            assertThat(dropped.cause()).contains("binary content");
                        });
        assertThat(rows("SELECT path, text, word_count, mime_type FROM read_parquet('%s') ORDER BY path"))
                .containsExactly(
                        List.of("a.html", "Fish &amp; chips", 3L, "text/html"),
                        List.of("b.pdf", "Quarterly report Second page", 4L, "application/pdf"),
                        List.of("c.txt", "Ça coûte 5 € — déjà payé, merci beaucoup à vous.", 11L, "text/plain"));
    }

    @Test
    void beyondTheAllowanceTheRunFailsNamingTheStepAndTheFileAndLeavesNoOutput() throws Exception {
        PipelineRunException failure = catchThrowableOfType(PipelineRunException.class,
                () -> EngineFixture.run(PIPELINE.formatted(1), work).close());
        assertThat(failure.operator()).contains("MapBatches(extract)");
        assertThat(failure.origin()).matches(".*(d\\.pdf|e\\.bin)");
        // The extractor's own message, written for users, without the Java class name.
        assertThat(failure.getMessage()).matches("MapBatches\\(extract\\) failed on .*(d\\.pdf|e\\.bin): [a-z].+")
                .doesNotContain("Exception");
        assertThat(work.resolve("out")).satisfiesAnyOf(
                out -> assertThat(out).doesNotExist(),
                out -> assertThat(contents(out)).isEmpty());
    }

    private List<Path> contents(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private List<List<Object>> rows(String query) throws SQLException {
        String sql = query.formatted(work.resolve("out/documents") + "/*.parquet");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement(); ResultSet results = statement.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            while (results.next()) {
                List<Object> row = new ArrayList<>();
                for (int column = 1; column <= results.getMetaData().getColumnCount(); column++) {
                    Object value = results.getObject(column);
                    row.add(value instanceof Number number ? number.longValue() : value);
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
