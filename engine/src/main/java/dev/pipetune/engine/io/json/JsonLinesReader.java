package dev.pipetune.engine.io.json;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.io.BatchReader;
import dev.pipetune.engine.io.ColumnLoader;
import dev.pipetune.engine.io.ColumnType;
import dev.pipetune.engine.io.CompressedInput;
import dev.pipetune.engine.io.DataFileException;
import dev.pipetune.engine.io.ReadOptions;
import dev.pipetune.engine.io.VectorSizing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads one JSON-lines file (a sequence of JSON objects, one per line, UTF-8) into Arrow batches.
 *
 * <p>Columns are the keys of every object of a file of up to {@link ReadOptions#wholeFileInferenceBytes()} bytes (a
 * first pass reads them, as pyarrow's {@code read_json}, which Ray Data uses, types a file from all its rows), and of
 * the first {@link ReadOptions#inferenceRows()} objects of a larger one, in order of first appearance.
 * Their types follow the values in those rows: integers give int64, other numbers float64 (int64 and float64 values
 * together give float64), booleans bool, strings utf8 &mdash; except strings that are all dates ({@code 2024-07-09})
 * or timestamps ({@code 2024-07-09 03:48:52.872753}), which give date32 or timestamp[us], as with pyarrow. A key
 * whose values in the sample are only {@code null} is utf8. A missing key or {@code null} is a null. Arrays give list
 * columns and objects struct columns, at any depth, with the element and field types merged over the sample the
 * same way ({@link JsonType}; an object's keys in order of first appearance; an element or key seen only as null is
 * utf8).
 *
 * <p>Errors ({@link DataFileException}, naming file, line and key): malformed JSON or invalid UTF-8, a line that is
 * not an object, a key (or a list's elements, or a nested key) holding numbers and strings (or booleans, lists,
 * objects) in the rows that decide the types, and in a larger file, after the sample, a new key (at any depth) or a
 * value that does not fit its column's type.
 *
 * <p>With {@link ReadOptions#includePaths()} a last utf8 column {@code path} holds the file's path as given. A file
 * whose name ends in {@code .gz}, {@code .zst}, {@code .lz4}, {@code .br} or {@code .bz2} is decompressed as it is
 * read ({@link CompressedInput}).
 * Lifecycle as for every {@link BatchReader}: batches are new roots owned by the caller. Not thread-safe.
 */
public final class JsonLinesReader implements BatchReader {

    /** The name of the column that {@link ReadOptions#includePaths()} adds. */
    public static final String PATH_COLUMN = "path";

    private static final int MAX_INITIAL_ROWS = 1 << 16;
    private static final int MAX_QUOTED_VALUE = 40;

    private final Path file;
    private final ReadOptions options;
    private final BufferAllocator allocator;
    private final JsonRowParser rows;
    private final Queue<SampleRow> sample = new ArrayDeque<>();
    private final byte[] pathBytes;
    private List<String> keys;
    private ColumnType[] types;
    private JsonType[] nested;
    private Schema schema;
    private Set<String> untypedColumns = Set.of();
    private boolean ended;
    /** Which rows decided the types, for messages. */
    private String source;
    private VectorSizing sizing;

    private record SampleRow(Object[] values, long line) {
    }

    private JsonLinesReader(Path file, ReadOptions options, BufferAllocator allocator, JsonRowParser rows) {
        this.file = file;
        this.options = options;
        this.allocator = allocator;
        this.rows = rows;
        this.pathBytes = file.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Opens a file and infers the schema from its first rows.
     *
     * @param file the JSON-lines file
     * @param options the options
     * @param allocator where batches are allocated (borrowed; must outlive the batches)
     * @return the open reader
     * @throws DataFileException if a sampled row is malformed or the sample's values conflict
     * @throws IOException if the file cannot be read
     */
    public static JsonLinesReader open(Path file, ReadOptions options, BufferAllocator allocator)
            throws IOException {
        requireNonNull(file, "file");
        requireNonNull(options, "options");
        requireNonNull(allocator, "allocator");
        JsonRowParser rows = new JsonRowParser(file, CompressedInput.open(file));
        JsonLinesReader reader = new JsonLinesReader(file, options, allocator, rows);
        try {
            reader.inferSchema();
            return reader;
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public Set<String> untypedColumns() {
        return untypedColumns;
    }

    @Override
    public Optional<VectorSchemaRoot> next() throws IOException {
        if (ended && sample.isEmpty()) {
            return Optional.empty();
        }
        return BatchReader.nextBatch(schema, allocator, this::fill);
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }

    private void inferSchema() throws IOException {
        Inference inference = new Inference();
        boolean wholeFile = options.wholeFileInferenceBytes() > 0
                && Files.size(file) <= options.wholeFileInferenceBytes();
        List<JsonType> inferred = inference.types;
        if (wholeFile) {
            // pyarrow's read_json (so Ray Data's) types a file from all its rows: a first pass finds every key and
            // the type that holds all its values, without keeping the rows (once per file and version).
            JsonTypeCache.Columns columns = JsonTypeCache.SHARED.get(file).orElse(null);
            if (columns == null) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                try (JsonRowParser scan = new JsonRowParser(file, CompressedInput.open(file))) {
                    while (scan.next()) {
                        inference.add(scan);
                    }
                    columns = new JsonTypeCache.Columns(scan.keys(), inference.types);
                }
                JsonTypeCache.SHARED.put(file, attributes, columns);
            }
            inferred = columns.types();
            rows.presetKeys(columns.keys());
            source = "the whole file";
        } else {
            source = "the first " + options.inferenceRows() + " rows";
        }
        while (sample.size() < options.inferenceRows() && rows.next()) {
            sample.add(new SampleRow(Arrays.copyOf(rows.values(), rows.columnCount()), rows.line()));
            if (!wholeFile) {
                inference.add(rows);
            }
        }
        if (sample.size() < options.inferenceRows()) {
            ended = true;
        }
        rows.freezeKeys(source);
        keys = rows.keys();
        types = new ColumnType[keys.size()];
        nested = new JsonType[keys.size()];
        List<Field> fields = new ArrayList<>();
        Set<String> untyped = new LinkedHashSet<>();
        for (int column = 0; column < types.length; column++) {
            JsonType type = column < inferred.size() ? inferred.get(column) : null;
            if (type == null) {
                ColumnType hint = options.untypedHints().get(keys.get(column));
                if (hint == null) {
                    untyped.add(keys.get(column));
                } else {
                    type = new JsonType.Scalar(hint);
                }
            }
            if (type == null || type instanceof JsonType.Scalar) {
                types[column] = type == null ? ColumnType.UTF8 : ((JsonType.Scalar) type).type();
            } else {
                nested[column] = type;
            }
            fields.add(JsonType.field(type, keys.get(column)));
        }
        untypedColumns = Set.copyOf(untyped);
        if (options.includePaths()) {
            if (keys.contains(PATH_COLUMN)) {
                throw DataFileException.atLine(file, 0,
                        "include_paths adds a column 'path', but the objects already have that key");
            }
            fields.add(ColumnType.UTF8.field(PATH_COLUMN));
        }
        schema = new Schema(fields);
        sizing = new VectorSizing(fields.size());
        for (int column = 0; column < types.length; column++) {
            final int index = column;
            sample.stream().filter(row -> index < row.values().length && row.values()[index] instanceof String)
                    .mapToInt(row -> ((String) row.values()[index]).length()).average()
                    .ifPresent(width -> sizing.expectWidth(index, width));
        }
        if (options.includePaths()) {
            sizing.expectWidth(types.length, pathBytes.length);
        }
    }

    private int fill(VectorSchemaRoot root) throws IOException {
        int capacity = Math.min(options.batchSize(), MAX_INITIAL_ROWS);
        List<FieldVector> vectors = root.getFieldVectors();
        sizing.allocate(vectors, capacity);
        ColumnLoader[] loaders = new ColumnLoader[types.length];
        for (int column = 0; column < types.length; column++) {
            loaders[column] = nested[column] == null ? new ColumnLoader(types[column], vectors.get(column)) : null;
        }
        NestedJsonLoader nestedLoader = new NestedJsonLoader();
        VarCharVector paths = options.includePaths() ? (VarCharVector) vectors.get(types.length) : null;
        int count = 0;
        long text = 0;
        while (count < options.batchSize() && text < VectorSizing.BATCH_TEXT_LIMIT) {
            Object[] values;
            long line;
            SampleRow sampled = sample.poll();
            if (sampled != null) {
                values = sampled.values();
                line = sampled.line();
            } else if (!ended && rows.next()) {
                values = rows.values();
                line = rows.line();
            } else {
                ended = true;
                break;
            }
            for (int column = 0; column < loaders.length; column++) {
                Object value = column < values.length ? values[column] : null;
                if (nested[column] != null) {
                    if (!nestedLoader.set(vectors.get(column), count, value, nested[column])) {
                        throw mismatch(line, column, value);
                    }
                } else if (value == null) {
                    loaders[column].setNull(count);
                } else if (!NestedJsonLoader.setScalar(loaders[column], count, value)) {
                    throw mismatch(line, column, value);
                }
                if (value instanceof String string) {
                    text += string.length();
                }
            }
            if (paths != null) {
                paths.setSafe(count, pathBytes);
            }
            count++;
        }
        sizing.learn(vectors, count);
        return count;
    }

    private DataFileException mismatch(long line, int column, Object value) {
        String text = value instanceof String string ? "\"" + string + "\"" : String.valueOf(value);
        String shown = text.length() > MAX_QUOTED_VALUE ? text.substring(0, MAX_QUOTED_VALUE) + "..." : text;
        String type = nested[column] != null ? JsonType.describe(nested[column]) : types[column].displayName();
        return new DataFileException(file, line, 0, keys.get(column), shown + " is not a " + type
                + ", the type inferred from " + source, null);
    }

    /** The type of each column so far, merged row by row (an int64 and a float64 value give float64). */
    private final class Inference {
        private final List<JsonType> types = new ArrayList<>();
        private final List<Long> lines = new ArrayList<>();

        void add(JsonRowParser parser) throws DataFileException {
            Object[] values = parser.values();
            int columns = parser.columnCount();
            while (types.size() < columns) {
                types.add(null);
                lines.add(0L);
            }
            for (int column = 0; column < columns; column++) {
                if (values[column] == null) {
                    continue;
                }
                JsonType known = types.get(column);
                try {
                    JsonType type = JsonType.of(values[column]);
                    if (known != null && !known.kind().equals(type.kind())) {
                        throw new DataFileException(file, parser.line(), 0, parser.keys().get(column), "holds "
                                + JsonType.article(type.kind()) + " here but " + JsonType.article(known.kind())
                                + " at line " + lines.get(column) + "; a column holds one kind of value", null);
                    }
                    if (known == null) {
                        lines.set(column, parser.line());
                    }
                    types.set(column, JsonType.merge(known, type));
                } catch (IllegalArgumentException e) {
                    throw new DataFileException(file, parser.line(), 0, parser.keys().get(column), "inside its "
                            + "value, " + e.getMessage() + " (lists hold one kind of value, and each key of an "
                            + "object one kind)", null);
                }
            }
        }
    }
}
