package dev.pipetune.profiler.sampling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A Linux {@code /proc} file kept open and read again from its start each tick: the kernel regenerates the text on
 * every read from offset 0, and keeping the file open saves two system calls per read, which in a virtual machine or
 * sandbox cost more than the read itself. A read shorter than the room left in the buffer ends the file, as the kernel
 * fills a {@code /proc} read as far as the text goes, so a tick costs one system call per file. Not thread-safe; one
 * sampler owns it.
 */
final class ProcFile implements AutoCloseable {

    private static final int FIRST_CAPACITY = 4096;

    private final Path path;
    private FileChannel channel;
    private byte[] bytes = new byte[FIRST_CAPACITY];

    /**
     * Names the file; it is opened on the first read.
     *
     * @param path the file, e.g. {@code /proc/stat}
     */
    ProcFile(Path path) {
        this.path = path;
    }

    /** {@return whether the file exists and can be read} */
    static boolean readable(Path path) {
        return Files.isReadable(path);
    }

    /** {@return the file's path} */
    Path path() {
        return path;
    }

    /**
     * Reads the whole file as it is now.
     *
     * @return its text
     * @throws UncheckedIOException if it cannot be opened or read, naming the file
     */
    ProcText read() {
        try {
            if (channel == null) {
                channel = FileChannel.open(path);
            }
            int length = 0;
            while (true) {
                if (length == bytes.length) {
                    bytes = Arrays.copyOf(bytes, bytes.length * 2);
                }
                int room = bytes.length - length;
                int read = channel.read(ByteBuffer.wrap(bytes, length, room), length);
                if (read <= 0) {
                    break;
                }
                length += read;
                if (read < room) {
                    break;
                }
            }
            return new ProcText(path, bytes, length);
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot read " + path, failure);
        }
    }

    /** Closes the file; a later read opens it again. Never throws. */
    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing a read-only /proc file loses nothing.
            }
            channel = null;
        }
    }
}
