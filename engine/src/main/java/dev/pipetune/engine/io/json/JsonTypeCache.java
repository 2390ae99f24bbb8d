package dev.pipetune.engine.io.json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The columns and types of JSON-lines files typed from all their rows before, so that a file is scanned once per
 * process rather than once when a run is planned and again when it is read (and again in every trial of a sweep).
 *
 * <p>An entry is used only while the file has the size and modification time it had when it was scanned. The least
 * recently used entries go once the cache holds {@link #MAX_ENTRIES}. Thread-safe.
 */
final class JsonTypeCache {

    /** The most files remembered. */
    static final int MAX_ENTRIES = 1024;

    /** The process-wide cache that {@link JsonLinesReader} uses. */
    static final JsonTypeCache SHARED = new JsonTypeCache();

    /**
     * A file's columns as a scan of all its rows found them.
     *
     * @param keys the keys, in order of first appearance
     * @param types each key's type, null for a key that only ever holds null
     */
    record Columns(List<String> keys, List<JsonType> types) {
        Columns {
            keys = List.copyOf(keys);
            types = Collections.unmodifiableList(new ArrayList<>(types));
        }
    }

    private record Version(long size, FileTime modified, Columns columns) {
    }

    private final Map<Path, Version> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Version> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /**
     * Returns a file's columns if it was scanned before and has not changed since.
     *
     * @param file the file
     * @return the columns, or empty
     * @throws IOException if the file's attributes cannot be read
     */
    Optional<Columns> get(Path file) throws IOException {
        Path key = file.toAbsolutePath();
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        synchronized (entries) {
            Version entry = entries.get(key);
            if (entry == null || entry.size() != attributes.size()
                    || !entry.modified().equals(attributes.lastModifiedTime())) {
                return Optional.empty();
            }
            return Optional.of(entry.columns());
        }
    }

    /**
     * Remembers a file's columns as a scan found them.
     *
     * @param file the file
     * @param attributes its attributes read before the scan began
     * @param columns what the scan found
     */
    void put(Path file, BasicFileAttributes attributes, Columns columns) {
        Objects.requireNonNull(columns, "columns");
        synchronized (entries) {
            entries.put(file.toAbsolutePath(), new Version(attributes.size(), attributes.lastModifiedTime(), columns));
        }
    }
}
