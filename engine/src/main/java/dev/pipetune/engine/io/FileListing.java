package dev.pipetune.engine.io;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Expands the {@code paths} of a read step into the files to read, as Spark and Ray Data do.
 *
 * <ul>
 *   <li>A path that names a file is kept as it is, whatever its name or extension.</li>
 *   <li>A path that names a folder is listed recursively (following symbolic links); its files come sorted by path.
 *       Files and folders whose name starts with {@code .} or {@code _} (hidden files, {@code _SUCCESS},
 *       {@code _temporary}, the writers' temporary files) are skipped with everything below them, and so are files
 *       whose extension is not among the wanted ones, when some are given.</li>
 *   <li>The result keeps the order of the given paths; a file named twice appears twice.</li>
 * </ul>
 */
public final class FileListing {

    private FileListing() {
    }

    /**
     * Expands paths into files, keeping every file found in folders.
     *
     * @param paths files or folders
     * @return the files, in the order described above
     * @throws NoSuchFileException if a path does not exist (the message is that path)
     * @throws IOException if a folder cannot be listed
     */
    public static List<Path> expand(Collection<Path> paths) throws IOException {
        return expand(paths, Set.of());
    }

    /**
     * Expands paths into files, keeping only files with one of the given extensions from folders.
     *
     * @param paths files or folders
     * @param extensions wanted extensions without the dot, compared ignoring case ({@code csv} matches
     *     {@code a.CSV}); empty means every extension
     * @return the files, in the order described above
     * @throws NoSuchFileException if a path does not exist (the message is that path)
     * @throws IOException if a folder cannot be listed, or a path names something other than a file or folder
     */
    public static List<Path> expand(Collection<Path> paths, Set<String> extensions) throws IOException {
        requireNonNull(paths, "paths");
        Set<String> wanted = requireNonNull(extensions, "extensions").stream()
                .map(extension -> "." + extension.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            requireNonNull(path, "a path in paths");
            if (!Files.exists(path)) {
                throw new NoSuchFileException(path.toString(), null, "no such file or folder");
            }
            if (Files.isDirectory(path)) {
                files.addAll(list(path, wanted));
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                // Reading a named pipe or a device would block or never end.
                throw new IOException(path + " is not a regular file or folder (a named pipe, socket or device)");
            }
        }
        return List.copyOf(files);
    }

    /**
     * Tells whether a file or folder found while listing is skipped: its name starts with {@code .} or {@code _}.
     *
     * @param name a file or folder name
     * @return whether listings skip it
     */
    public static boolean isSkipped(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    private static List<Path> list(Path folder, Set<String> wanted) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                        return !directory.equals(folder) && isSkipped(directory.getFileName().toString())
                                ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                        if (failure instanceof FileSystemLoopException) {
                            throw new IOException("symbolic link loop at " + file + ": it leads back to a folder "
                                    + "above it", failure);
                        }
                        throw new IOException("cannot list " + file + ": " + failure, failure);
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        String name = file.getFileName().toString();
                        if (attributes.isRegularFile() && !isSkipped(name) && hasExtension(name, wanted)) {
                            found.add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        found.sort(null);
        return found;
    }

    private static boolean hasExtension(String name, Set<String> wanted) {
        String lowerCase = name.toLowerCase(Locale.ROOT);
        return wanted.isEmpty() || wanted.stream().anyMatch(lowerCase::endsWith);
    }
}
