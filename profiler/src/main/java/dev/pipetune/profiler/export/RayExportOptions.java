package dev.pipetune.profiler.export;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * What a Ray script is generated for.
 *
 * @param rayVersion the Ray release whose API forms the script uses
 * @param source where the pipeline came from, for the script's header, e.g. {@code examples/etl.yaml}
 * @param producer what exported it, for the header, e.g. {@code pipetune 0.1.0}
 * @param baseDirectory the folder relative paths resolve against (the pipeline file's folder); the script's default
 *     for {@code BASE_DIR}, which the user can change
 */
public record RayExportOptions(RayVersion rayVersion, String source, String producer, Path baseDirectory) {

    /** Rejects nulls and makes the base folder absolute. */
    public RayExportOptions {
        requireNonNull(rayVersion, "rayVersion");
        requireNonNull(source, "source");
        requireNonNull(producer, "producer");
        baseDirectory = requireNonNull(baseDirectory, "baseDirectory").toAbsolutePath().normalize();
    }
}
