package dev.pipetune.engine.sample;

import dev.pipetune.engine.io.Folders;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * An output folder that is filled under a hidden temporary name ({@code .<name>.tmp-<random>}) beside its final
 * place and then swapped in: {@link #publish()} renames an existing folder of the final name aside, renames the
 * temporary folder into place and deletes the old one, so readers see the old content or the new, never a mix (there
 * is a moment, between two renames, when neither is there). {@link #discard()} deletes the temporary folder.
 *
 * <p>Only a folder that holds nothing but generated files may be replaced: {@link #open} rejects any other
 * existing content so that pointing the generator at the wrong folder cannot delete someone's files.
 */
final class StagedFolder {

    private final Path target;
    private final Path temporary;

    private StagedFolder(Path target, Path temporary) {
        this.target = target;
        this.temporary = temporary;
    }

    /**
     * Checks that a folder may be replaced and creates its temporary folder.
     *
     * @param target the final folder
     * @param generated which file names the generator writes there; an existing folder may hold only these (and
     *     hidden leftovers of an interrupted run)
     * @return the staged folder
     * @throws FileAlreadyExistsException if the target exists and is not a folder, or holds other files
     * @throws IOException if the folder cannot be listed or created
     */
    static StagedFolder open(Path target, Predicate<String> generated) throws IOException {
        checkReplaceable(target, generated);
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        Files.createDirectories(temporary);
        return new StagedFolder(target, temporary);
    }

    private static void checkReplaceable(Path target, Predicate<String> generated) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null,
                    "exists and is not a folder; remove it or choose another output folder");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && !(generated.test(name) && Files.isRegularFile(entry,
                        LinkOption.NOFOLLOW_LINKS))) {
                    throw new FileAlreadyExistsException(target.toString(), null, "holds '" + name
                            + "', which the sample data generator did not write; refusing to replace the folder."
                            + " Remove it or choose another output folder");
                }
            }
        }
    }

    /** Returns the temporary folder to write into. */
    Path folder() {
        return temporary;
    }

    /** Returns the final folder. */
    Path target() {
        return target;
    }

    /**
     * Swaps the temporary folder into place and deletes the old folder.
     *
     * @throws IOException if a rename fails (the old folder is then put back where possible)
     */
    void publish() throws IOException {
        Path old = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
            move(target, old);
        }
        try {
            move(temporary, target);
        } catch (IOException e) {
            if (old != null) {
                try {
                    move(old, target);
                } catch (IOException restore) {
                    e.addSuppressed(restore);
                }
            }
            throw e;
        }
        if (old != null) {
            deleteTree(old);
        }
    }

    /** Deletes the temporary folder and what it holds; never throws. */
    void discard() {
        try {
            deleteTree(temporary);
        } catch (IOException ignored) {
            // a hidden leftover does no harm; the next run may replace the folder anyway
        }
    }

    private static void move(Path from, Path to) throws IOException {
        Folders.move(from, to);
    }

    static void deleteTree(Path folder) throws IOException {
        Folders.deleteTree(folder);
    }
}
