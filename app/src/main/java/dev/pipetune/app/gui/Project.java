package dev.pipetune.app.gui;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A pipetune project: a folder with pipeline files ({@code *.yaml}, {@code *.yml}, {@code *.json}), the sample data
 * they read ({@code data/}) and recordings ({@code *.ptrec} in the folder or in {@code recordings/}).
 *
 * @param folder the project folder, absolute
 * @param pipelines the pipeline files, sorted by name
 * @param recordings the recordings, sorted by name
 */
public record Project(Path folder, List<Path> pipelines, List<Path> recordings) {

    /** The system property the launcher may set to name the project folder. */
    public static final String PROJECT_PROPERTY = "pipetune.project";
    /** The folder under the project where recordings of GUI runs go. */
    public static final String RECORDINGS_FOLDER = "recordings";
    /** The folder under the project where the sample data goes. */
    public static final String DATA_FOLDER = "data";

    /** Checks the folder and copies the lists. */
    public Project {
        requireNonNull(folder, "folder");
        pipelines = List.copyOf(pipelines);
        recordings = List.copyOf(recordings);
    }

    /** {@return the project's name: its folder's name} */
    public String name() {
        Path name = folder.getFileName();
        return name == null ? folder.toString() : name.toString();
    }

    /** {@return the sample data folder, which may not exist yet} */
    public Path dataFolder() {
        return folder.resolve(DATA_FOLDER);
    }

    /** {@return the folder recordings of GUI runs are written to, which may not exist yet} */
    public Path recordingsFolder() {
        return folder.resolve(RECORDINGS_FOLDER);
    }

    /**
     * Lists a project folder's pipelines and recordings.
     *
     * @param folder the project folder
     * @return the project
     * @throws IOException if the folder cannot be listed
     */
    public static Project scan(Path folder) throws IOException {
        Path absolute = requireNonNull(folder, "folder").toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new IOException("the project folder " + absolute + " does not exist or is not a folder");
        }
        List<Path> pipelines = new ArrayList<>();
        List<Path> recordings = new ArrayList<>();
        collect(absolute, pipelines, recordings);
        Path recordingsFolder = absolute.resolve(RECORDINGS_FOLDER);
        if (Files.isDirectory(recordingsFolder)) {
            collect(recordingsFolder, new ArrayList<>(), recordings);
        }
        pipelines.sort(null);
        recordings.sort(null);
        return new Project(absolute, pipelines, recordings);
    }

    private static void collect(Path folder, List<Path> pipelines, List<Path> recordings) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".ptrec")) {
                    recordings.add(file);
                } else if (Files.isRegularFile(file) && name.matches(".*\\.(ya?ml|json)$")) {
                    pipelines.add(file);
                }
            }
        }
    }

    /**
     * Finds the project the GUI opens: the folder named by {@value #PROJECT_PROPERTY}, else {@code examples} under the
     * working directory when it exists, else the working directory.
     *
     * @return the folder
     */
    public static Path defaultFolder() {
        String named = System.getProperty(PROJECT_PROPERTY);
        if (named != null && !named.isBlank()) {
            return Path.of(named).toAbsolutePath().normalize();
        }
        Path workingDirectory = Path.of("").toAbsolutePath();
        Path examples = workingDirectory.resolve("examples");
        return Files.isDirectory(examples) ? examples : workingDirectory;
    }
}
