package dev.pipetune.engine.io.parquet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Locates the project's {@code shared/} folder, which lies beside the repository. */
final class SharedFiles {

    private SharedFiles() {
    }

    /** Returns {@code shared/}, from the {@code pipetune.shared} property or {@code ../../shared}, if present. */
    static Optional<Path> sharedFolder() {
        String property = System.getProperty("pipetune.shared");
        Path folder = property != null ? Path.of(property) : Path.of("..", "..", "shared");
        folder = folder.toAbsolutePath().normalize();
        return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
    }

    /** Returns {@code shared/parquet-testing}, skipping the calling test when it is not beside the repository. */
    static Path parquetTesting() {
        Path root = sharedFolder().map(shared -> shared.resolve("parquet-testing")).orElse(null);
        Assumptions.assumeTrue(root != null && Files.isRegularFile(root.resolve("expected.json")),
                "shared/parquet-testing is not beside the repository");
        return root;
    }

    /**
     * Returns pyarrow's values of the parquet-testing files, recorded by {@code src/test/python/parquet_reference.py}:
     * for each file its columns' names, types, first values and canonical digest.
     */
    static JsonNode parquetTestingReference() throws IOException {
        try (InputStream in = SharedFiles.class.getResourceAsStream("/parquet-testing-reference.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
