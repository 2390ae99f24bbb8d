package dev.pipetune.engine.plan;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.expression.Expression;
import dev.pipetune.engine.expression.evaluation.CompiledExpression;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The columns that hive-style folder names give an input's files, as Ray Data's default
 * {@code Partitioning("hive")} reads them.
 *
 * <ul>
 *   <li>Every folder on a file's path, as the read step names it (an absolute path from the root; a relative one
 *       only from where it starts, as Ray parses the path it is given), whose name holds exactly one {@code =} after
 *       a non-empty key, such as {@code year=2024}, gives the file's rows a string column {@code year} with the
 *       URL-decoded value ({@code a%20b} is {@code a b}). Values are strings whatever they look like, as in Ray; a
 *       key named twice on one path takes the value nearest the file.</li>
 *   <li>The columns are the keys of all files, in order of first appearance; a file without a key's folder has
 *       null there.</li>
 *   <li>A file's own column named like a key is replaced by the folder's value, as Ray's reader does; only where the
 *       file's path has no folder for that key are the file's own values read ({@link #ownKeys}).</li>
 *   <li>{@link #mayMatch} lets a filter on the keys skip whole files without reading them.</li>
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
final class HivePartitions {

    /** An input without folder columns. */
    static final HivePartitions NONE = new HivePartitions(List.of(), Map.of());

    private final List<String> keys;
    private final Map<Path, Map<String, String>> valuesByFile;
    /** What {@link #partMayMatch} decided, by the file's values and the part: files of one folder share it. */
    private final Map<List<Object>, Boolean> decisions = new ConcurrentHashMap<>();

    private HivePartitions(List<String> keys, Map<Path, Map<String, String>> valuesByFile) {
        this.keys = List.copyOf(keys);
        this.valuesByFile = Map.copyOf(valuesByFile);
    }

    /**
     * Reads the folder columns of an input's files from their paths as the read step names them.
     *
     * @param files the input's files
     * @param asNamed each file's path as the step names it (the part that is parsed)
     * @return their folder columns
     */
    static HivePartitions of(List<Path> files, Function<Path, Path> asNamed) {
        requireNonNull(files, "files");
        Set<String> keys = new LinkedHashSet<>();
        Map<Path, Map<String, String>> values = new HashMap<>();
        for (Path file : files) {
            Map<String, String> parsed = parse(asNamed.apply(file));
            if (!parsed.isEmpty()) {
                values.put(file, parsed);
                keys.addAll(parsed.keySet());
            }
        }
        return new HivePartitions(List.copyOf(keys), values);
    }

    /**
     * Reads the {@code key=value} folders of one path, as Ray Data's hive path parser does.
     *
     * @param file a file's path
     * @return the keys in order of first appearance, each with its last value
     */
    static Map<String, String> parse(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        Path folder = requireNonNull(file, "file").getParent();
        if (folder == null) {
            return values;
        }
        for (Path segment : folder) {
            String name = segment.toString();
            int equals = name.indexOf('=');
            if (equals > 0 && name.indexOf('=', equals + 1) < 0) {
                values.put(name.substring(0, equals), urlDecoded(name.substring(equals + 1)));
            }
        }
        return values;
    }

    /** Decodes {@code %XX} escapes as UTF-8 bytes, as Python's {@code urllib.parse.unquote} does. */
    static String urlDecoded(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int index = 0;
        while (index < text.length()) {
            char character = text.charAt(index);
            if (character == '%' && index + 2 < text.length() && hex(text.charAt(index + 1)) >= 0
                    && hex(text.charAt(index + 2)) >= 0) {
                bytes.write(hex(text.charAt(index + 1)) * 16 + hex(text.charAt(index + 2)));
                index += 3;
            } else {
                int codePoint = text.codePointAt(index);
                bytes.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
                index += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char character) {
        return Character.digit(character, 16);
    }

    /** Returns the folder keys that become columns, in column order. */
    List<String> keys() {
        return keys;
    }

    /**
     * Returns the keys whose values a file gives itself: those it has a column for and no folder on its path.
     *
     * @param file one of the input's files
     * @param fileColumns the file's own column names
     * @return those keys
     */
    Set<String> ownKeys(Path file, Collection<String> fileColumns) {
        requireNonNull(fileColumns, "fileColumns");
        Map<String, String> values = valuesByFile.getOrDefault(file, Map.of());
        Set<String> own = new LinkedHashSet<>();
        for (String key : keys) {
            if (fileColumns.contains(key) && !values.containsKey(key)) {
                own.add(key);
            }
        }
        return own;
    }

    /**
     * Returns the folder values a file's rows get: one column for each key but those it gives itself.
     *
     * @param file one of the input's files
     * @param ownKeys the keys the file gives itself ({@link #ownKeys})
     * @return the file's folder values
     */
    FolderValues valuesOf(Path file, Set<String> ownKeys) {
        requireNonNull(ownKeys, "ownKeys");
        Map<String, String> all = valuesByFile.getOrDefault(file, Map.of());
        List<String> added = keys.stream().filter(key -> !ownKeys.contains(key)).toList();
        Map<String, String> values = new HashMap<>();
        for (String key : added) {
            String value = all.get(key);
            if (value != null) {
                values.put(key, value);
            }
        }
        return new FolderValues(added, values);
    }

    /**
     * Tells whether a filter can keep any row of a file, judging only the parts of it that read folder columns alone:
     * {@code and} needs both sides, {@code or} either, and a part that reads only folder columns is evaluated on the
     * file's values (null or false rule the file out). A part that reads other columns, or that cannot be evaluated
     * (the filter step will report why), may match.
     *
     * @param file one of the input's files
     * @param filter the filter that directly follows the read
     * @param ownKeys the keys the file gives itself: parts that read them may match
     * @return false only when no row of the file can pass the filter
     */
    boolean mayMatch(Path file, Expression filter, Set<String> ownKeys) {
        requireNonNull(filter, "filter");
        // The pruner walks and, or and between; without statistics, only the folder values judge the parts.
        return keys.isEmpty() || new RowGroupPruner(Map.of(), part -> partMayMatch(file, part, ownKeys))
                .mayMatch(filter);
    }

    /**
     * Tells whether one part of a filter can hold for a file's rows, judging by its folder columns alone: a part that
     * reads only folder columns is evaluated on the file's values; any other part may hold.
     *
     * @param file one of the input's files
     * @param part a part of a filter, typically one side of an {@code and} or {@code or}
     * @param ownKeys the keys the file gives itself: parts that read them may match
     * @return false only when the part is false or null for every row of the file
     */
    boolean partMayMatch(Path file, Expression part, Set<String> ownKeys) {
        requireNonNull(part, "part");
        if (keys.isEmpty()) {
            return true;
        }
        FolderValues values = valuesOf(file, ownKeys);
        if (!values.keys().containsAll(part.referencedColumns())) {
            return true;
        }
        return decisions.computeIfAbsent(List.of(values.keys(), values.values(), part), unknown -> {
            try (BufferAllocator allocator = new RootAllocator()) {
                return evaluate(values, part, allocator);
            }
        });
    }

    private static boolean evaluate(FolderValues values, Expression filter, BufferAllocator allocator) {
        VectorSchemaRoot noColumns = VectorSchemaRoot.of();
        noColumns.setRowCount(1);
        try (VectorSchemaRoot row = values.appendTo(noColumns, allocator)) {
            CompiledExpression compiled = CompiledExpression.compile(filter, new Schema(row.getSchema().getFields()));
            try (FieldVector result = compiled.evaluate(row, allocator)) {
                return !(result instanceof BitVector bits) || !bits.isNull(0) && bits.get(0) == 1;
            }
        } catch (RuntimeException notEvaluable) {
            return true;
        }
    }
}
