package dev.pipetune.engine.sample;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.pipetune.engine.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The contents of {@code MANIFEST.json}: the parameters and the sizes of what was written. It holds no time or
 * host, so the same parameters give the same bytes; the keys follow the reference generator's where they overlap.
 *
 * @param options what was generated
 * @param layout how the events were split
 * @param events the Parquet files, in order
 * @param csvRows the rows of the CSV file
 * @param csvBytes the size of the CSV file
 * @param docsBytes the total size of the documents
 */
record Manifest(SampleDataOptions options, EventLayout layout, List<WrittenFile> events, long csvRows, long csvBytes,
        long docsBytes) {

    /** The file name. */
    static final String NAME = "MANIFEST.json";
    /** The value of the {@code generator} key. */
    static final String GENERATOR = "pipetune-sample-data";

    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    /** Copies the list. */
    Manifest {
        events = List.copyOf(events);
    }

    /** Returns the total size of the Parquet files. */
    long eventsBytes() {
        return events.stream().mapToLong(WrittenFile::bytes).sum();
    }

    /**
     * Writes the manifest atomically.
     *
     * @param target the file
     * @throws IOException if it cannot be written
     */
    void write(Path target) throws IOException {
        try (AtomicFile file = AtomicFile.create(target)) {
            try (JsonGenerator json = JSON.createGenerator(file.stream(), JsonEncoding.UTF8)) {
                json.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                        .withArrayIndenter(new DefaultIndenter("  ", "\n")));
                writeFields(json);
            }
            file.stream().write('\n');
            file.commit();
        }
    }

    private void writeFields(JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("generator", GENERATOR);
        json.writeNumberField("generator_version", SampleData.GENERATOR_VERSION);
        json.writeNumberField("seed", options.seed());
        json.writeNumberField("rows", options.rows());
        json.writeNumberField("files", events.size());
        json.writeNumberField("rows_per_file", layout.rowsPerFile());
        json.writeNumberField("row_group", layout.rowsPerRowGroup());
        json.writeNumberField("slice", layout.rowsPerSlice());
        json.writeNumberField("docs", options.docs());
        json.writeNumberField("docs_bytes", docsBytes);
        json.writeNumberField("csv_rows", csvRows);
        json.writeNumberField("events_bytes", eventsBytes());
        json.writeNumberField("csv_bytes", csvBytes);
        json.writeArrayFieldStart("events");
        for (WrittenFile event : events) {
            json.writeStartObject();
            json.writeStringField("path", SampleData.EVENTS_FOLDER + "/" + event.path().getFileName());
            json.writeNumberField("rows", event.rows());
            json.writeNumberField("bytes", event.bytes());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
