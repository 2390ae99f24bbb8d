package dev.pipetune.app.gui;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The example pipelines an installed pipetune ships (the native packages put them in the app image and name the
 * folder with the system property {@value #PROPERTY}). Started outside a checkout, the workbench opens a copy of them
 * in the user's {@code ~/pipetune/examples}, made on first launch, where the sample data and recordings then go.
 */
public final class BundledExamples {

    /** The system property the installed launcher sets to the bundled examples' folder. */
    public static final String PROPERTY = "pipetune.bundledExamples";

    private BundledExamples() {
    }

    /**
     * Chooses the project folder of an installed pipetune: nothing when {@value Project#PROJECT_PROPERTY} names one,
     * when the working directory has an {@code examples} folder, or when no examples are bundled; else the user's
     * copy of the bundled examples, made if missing.
     *
     * @return the folder to open, when the bundled examples decide it
     * @throws IOException when the copy cannot be made
     */
    public static Optional<Path> chooseProjectFolder() throws IOException {
        String named = System.getProperty(Project.PROJECT_PROPERTY);
        String bundled = System.getProperty(PROPERTY);
        if (named != null && !named.isBlank() || bundled == null || bundled.isBlank()
                || Files.isDirectory(Path.of("").toAbsolutePath().resolve("examples"))) {
            return Optional.empty();
        }
        Path copy = Path.of(System.getProperty("user.home"), "pipetune", "examples");
        return Optional.of(copyOnce(Path.of(bundled), copy));
    }

    /**
     * Copies the bundled pipeline files and texts (not data, outputs or recordings) into a folder that does not exist
     * yet; an existing folder is left as the user changed it.
     *
     * @param bundled the bundled examples' folder
     * @param target the user's copy
     * @return {@code target}
     * @throws IOException when the files cannot be copied; a half-made copy is removed
     */
    public static Path copyOnce(Path bundled, Path target) throws IOException {
        requireNonNull(bundled, "bundled");
        requireNonNull(target, "target");
        if (Files.exists(target)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path partial = Files.createDirectory(target.resolveSibling("." + target.getFileName() + "-"
                + UUID.randomUUID()));
        try {
            List<Path> files;
            try (Stream<Path> listing = Files.list(bundled)) {
                files = listing.filter(Files::isRegularFile).filter(BundledExamples::isExampleFile).toList();
            }
            for (Path file : files) {
                Files.copy(file, partial.resolve(file.getFileName().toString()));
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException | RuntimeException failed) {
            try (Stream<Path> leftovers = Files.list(partial)) {
                for (Path leftover : leftovers.toList()) {
                    Files.deleteIfExists(leftover);
                }
            }
            Files.deleteIfExists(partial);
            throw failed;
        }
    }

    private static boolean isExampleFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json") || name.endsWith(".md");
    }
}
