package dev.pipetune.engine.io.parquet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

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
}
