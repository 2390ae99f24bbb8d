package dev.pipetune.engine.io;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.UUID;

/**
 * An output file that appears under its final name only when complete. Bytes go to a temporary file in the same
 * folder, named {@code .<name>.<random>.tmp}; {@link #commit()} forces them to disk and renames the temporary file
 * to the final name (atomically where the file system can), replacing an existing file. {@link #abort()}, or
 * {@link #close()} before a commit, deletes the temporary file.
 *
 * <p>Used by one thread at a time.
 */
public final class AtomicFile implements AutoCloseable {

    private static final int BUFFER_SIZE = 1 << 16;

    private final Path target;
    private final Path temporary;
    private final FileChannel channel;
    private final OutputStream stream;
    private State state = State.OPEN;

    private enum State { OPEN, COMMITTED, ABORTED }

    private AtomicFile(Path target, Path temporary, FileChannel channel) {
        this.target = target;
        this.temporary = temporary;
        this.channel = channel;
        this.stream = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_SIZE);
    }

    /**
     * Writes a whole text file atomically: the file appears, or is replaced, only with all of the text.
     *
     * @param target the final path; missing parent folders are created
     * @param text the content, written as UTF-8
     * @throws IOException if the file cannot be written; the target is then unchanged
     */
    public static void writeString(Path target, String text) throws IOException {
        requireNonNull(text, "text");
        try (AtomicFile file = create(target)) {
            file.stream().write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            file.commit();
        }
    }

    /**
     * Creates the temporary file for a target, creating missing parent folders.
     *
     * @param target the final path
     * @return the open file
     * @throws IOException if the folder or the temporary file cannot be created
     */
    public static AtomicFile create(Path target) throws IOException {
        Path absolute = requireNonNull(target, "target").toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        Path temporary = folder.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new AtomicFile(target, temporary, channel);
    }

    /** Returns the final path, as given. */
    public Path target() {
        return target;
    }

    /** Returns the temporary file's path. */
    public Path temporary() {
        return temporary;
    }

    /**
     * Returns the buffered stream to write to; closing it has no effect on the file, use {@link #commit()}.
     *
     * @throws IllegalStateException if the file was committed or aborted
     */
    public OutputStream stream() {
        requireOpen();
        return stream;
    }

    /**
     * Flushes, forces the data to disk and renames the temporary file to the target.
     *
     * @throws IllegalStateException if the file was committed or aborted
     * @throws IOException if any step fails; the temporary file is then deleted
     */
    public void commit() throws IOException {
        requireOpen();
        try {
            stream.flush();
            channel.force(true);
            channel.close();
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            state = State.COMMITTED;
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
    }

    /** Deletes the temporary file unless committed; never throws. */
    public void abort() {
        if (state != State.OPEN) {
            return;
        }
        state = State.ABORTED;
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file is deleted next; nothing written matters any more
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // a leftover temporary file starts with '.', so listings skip it
        }
    }

    /** Aborts unless committed. */
    @Override
    public void close() {
        abort();
    }

    /** Returns whether {@link #commit()} succeeded. */
    public boolean isCommitted() {
        return state == State.COMMITTED;
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException(target + " was already " + state.name().toLowerCase(Locale.ROOT));
        }
    }
}
