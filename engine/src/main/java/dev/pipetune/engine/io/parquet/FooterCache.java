package dev.pipetune.engine.io.parquet;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The decoded footers of files read before, so that a pipeline run again over the same files (a sweep's trials, a
 * rerun in the workbench, a benchmark's repetitions) does not decode them again: decoding a footer's Thrift
 * structures and mapping its schema took 10-25 ms of each W2 run's planning, before the first task could start.
 *
 * <p>A file's entry holds the footer's raw bytes as well as the decoded footer, and is used only while the file still
 * ends with exactly those bytes: reading them back (one or two positional reads of a few KB) costs far less than
 * decoding them, and equal bytes decode to an equal footer whatever happened to the file in between, so neither
 * modification times nor sizes are trusted. Encrypted footers are never cached. The least recently used entries go
 * once the cache holds more than {@link #MAX_ENTRIES} footers or {@link #MAX_BYTES} bytes of them.
 *
 * <p>Thread-safe.
 */
final class FooterCache {

    /** The most footers kept. */
    static final int MAX_ENTRIES = 4096;
    /** The most raw footer bytes kept, in total (decoded footers take a few times as much heap). */
    static final long MAX_BYTES = 32L << 20;

    /** The process-wide cache that {@link ParquetReader#open(Path)} uses. */
    static final FooterCache SHARED = new FooterCache(MAX_ENTRIES, MAX_BYTES);

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final int TAIL_BYTES = Integer.BYTES + 4;

    private final int maxEntries;
    private final long maxBytes;
    private final Map<Path, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    /**
     * Creates an empty cache.
     *
     * @param maxEntries the most footers to keep
     * @param maxBytes the most raw footer bytes to keep in total
     */
    FooterCache(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /**
     * Reads the raw footer at the end of a file: the bytes before its 4-byte length and {@code PAR1} magic.
     *
     * @param file the file
     * @return the footer's bytes, or empty when the file does not end like a plain Parquet file or cannot be read (the
     *     caller then reads it the usual way, which reports why)
     */
    static Optional<byte[]> readRawFooter(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < MAGIC.length + TAIL_BYTES) {
                return Optional.empty();
            }
            ByteBuffer tail = ByteBuffer.allocate(TAIL_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, tail, size - TAIL_BYTES);
            int length = tail.getInt(0);
            if (!Arrays.equals(tail.array(), Integer.BYTES, TAIL_BYTES, MAGIC, 0, MAGIC.length) || length <= 0
                    || length > size - MAGIC.length - TAIL_BYTES) {
                return Optional.empty();
            }
            ByteBuffer footer = ByteBuffer.allocate(length);
            readFully(channel, footer, size - TAIL_BYTES - length);
            return Optional.of(footer.array());
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the file ended early");
            }
        }
    }

    /**
     * Returns the footer decoded earlier from exactly these bytes of this file.
     *
     * @param file the file
     * @param rawFooter the file's current raw footer
     * @return the footer, or empty when none is kept or the file's footer changed since
     */
    synchronized Optional<ParquetFooter> lookUp(Path file, byte[] rawFooter) {
        Entry entry = entries.get(requireNonNull(file, "file"));
        return entry != null && Arrays.equals(entry.rawFooter(), rawFooter) ? Optional.of(entry.footer())
                : Optional.empty();
    }

    /**
     * Keeps a footer decoded from these raw bytes, replacing the file's earlier entry.
     *
     * @param file the file
     * @param rawFooter the raw footer the footer was decoded from
     * @param footer the decoded footer
     */
    synchronized void put(Path file, byte[] rawFooter, ParquetFooter footer) {
        requireNonNull(footer, "footer");
        Entry previous = entries.put(requireNonNull(file, "file"), new Entry(rawFooter.clone(), footer));
        bytes += rawFooter.length - (previous == null ? 0 : previous.rawFooter().length);
        var eldest = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
            Entry evicted = eldest.next().getValue();
            eldest.remove();
            bytes -= evicted.rawFooter().length;
        }
    }

    /** The number of footers kept. */
    synchronized int size() {
        return entries.size();
    }

    private record Entry(byte[] rawFooter, ParquetFooter footer) {
    }
}
