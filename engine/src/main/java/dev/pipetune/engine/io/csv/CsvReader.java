package dev.pipetune.engine.io.csv;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.io.BatchReader;
import dev.pipetune.engine.io.ColumnLoader;
import dev.pipetune.engine.io.ColumnType;
import dev.pipetune.engine.io.CompressedInput;
import dev.pipetune.engine.io.DataFileException;
import dev.pipetune.engine.io.ReadOptions;
import dev.pipetune.engine.io.TextValues;
import dev.pipetune.engine.io.VectorSizing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
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
 * Reads one CSV file with a header row into Arrow batches.
 *
 * <p>Format: comma-separated, UTF-8, fields quoted with {@code "} where needed ({@code ""} is a quote inside a
 * quoted field, which may hold commas and newlines), {@code \n} or {@code \r\n} line ends; empty lines are skipped.
 * The header row names the columns; names must be unique. Every row must have as many fields as the header.
 *
 * <p>Types: the first {@link ReadOptions#inferenceRows()} rows decide each column's {@link ColumnType}, as
 * pyarrow's reader does by default: int64, bool, date32, timestamp[us], float64, else utf8. An empty unquoted field
 * is null in every column; in columns that are not utf8 a quoted empty field and the markers {@code NULL},
 * {@code null}, {@code NA}, {@code N/A}, {@code n/a}, {@code #N/A}, {@code #NA} are null too, while utf8 columns keep
 * them as text. A column with no non-null value in the sample is utf8. The types never change after the sample: a
 * later value that does not fit its column fails the read with a {@link DataFileException} naming the file, line,
 * column and value (the types are not widened, so that every batch has the same schema).
 *
 * <p>With {@link ReadOptions#includePaths()} a last utf8 column {@code path} holds the file's path as given.
 *
 * <p>A file whose name ends in {@code .gz}, {@code .zst}, {@code .lz4}, {@code .br} or {@code .bz2} is decompressed
 * as it is read ({@link CompressedInput}).
 *
 * <p>Lifecycle: {@link #open} reads the header and the sample; each {@link #next()} returns a new root of at most
 * {@link ReadOptions#batchSize()} rows, owned by the caller. {@link #close()} closes the file. Not thread-safe.
 */
public final class CsvReader implements BatchReader {

    /** The name of the column that {@link ReadOptions#includePaths()} adds. */
    public static final String PATH_COLUMN = "path";

    private static final int MAX_INITIAL_ROWS = 1 << 16;
    private static final int MAX_QUOTED_VALUE = 40;

    private final Path file;
    private final ReadOptions options;
    private final BufferAllocator allocator;
    private final CsvRowParser rows;
    private final Queue<SampleRow> sample = new ArrayDeque<>();
    private final byte[] pathBytes;
    private String[] names;
    private ColumnType[] types;
    private Schema schema;
    private Set<String> untypedColumns = Set.of();
    private boolean ended;
    private VectorSizing sizing;

    private record SampleRow(String[] fields, long line) {
    }

    private CsvReader(Path file, ReadOptions options, BufferAllocator allocator, CsvRowParser rows) {
        this.file = file;
        this.options = options;
        this.allocator = allocator;
        this.rows = rows;
        this.pathBytes = file.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Opens a file, reads its header and infers the column types.
     *
     * @param file the CSV file
     * @param options the options
     * @param allocator where batches are allocated (borrowed; must outlive the batches)
     * @return the open reader
     * @throws DataFileException if the header is missing or malformed, or a sampled row is malformed
     * @throws IOException if the file cannot be read
     */
    public static CsvReader open(Path file, ReadOptions options, BufferAllocator allocator) throws IOException {
        requireNonNull(file, "file");
        requireNonNull(options, "options");
        requireNonNull(allocator, "allocator");
        CsvRowParser rows = new CsvRowParser(file, CompressedInput.open(file));
        CsvReader reader = new CsvReader(file, options, allocator, rows);
        try {
            reader.readHeader();
            reader.inferTypes();
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

    private void readHeader() throws IOException {
        if (!rows.next()) {
            throw DataFileException.atLine(file, 1, "the file is empty; a header row naming the columns is required");
        }
        names = rows.copyOfFields();
        Set<String> seen = new HashSet<>();
        for (int column = 0; column < names.length; column++) {
            if (names[column] == null) {
                names[column] = "";
            }
            if (!seen.add(names[column])) {
                throw new DataFileException(file, rows.line(), column + 1, names[column],
                        "the header names this column twice", null);
            }
        }
        if (options.includePaths() && seen.contains(PATH_COLUMN)) {
            throw DataFileException.atLine(file, rows.line(),
                    "include_paths adds a column 'path', but the file already has one");
        }
    }

    private void inferTypes() throws IOException {
        types = new ColumnType[names.length];
        while (sample.size() < options.inferenceRows() && rows.next()) {
            checkWidth();
            String[] fields = rows.copyOfFields();
            sample.add(new SampleRow(fields, rows.line()));
            for (int column = 0; column < fields.length; column++) {
                String value = fields[column];
                if (value != null && !TextValues.isNullToken(value)) {
                    ColumnType type = ColumnType.ofText(value);
                    types[column] = types[column] == null ? type : types[column].widen(type);
                }
            }
        }
        if (sample.size() < options.inferenceRows()) {
            ended = true;
        }
        List<Field> fields = new ArrayList<>();
        Set<String> untyped = new LinkedHashSet<>();
        for (int column = 0; column < names.length; column++) {
            if (types[column] == null) {
                ColumnType hint = options.untypedHints().get(names[column]);
                if (hint == null) {
                    untyped.add(names[column]);
                }
                types[column] = hint == null ? ColumnType.UTF8 : hint;
            }
            fields.add(types[column].field(names[column]));
        }
        untypedColumns = Set.copyOf(untyped);
        if (options.includePaths()) {
            fields.add(ColumnType.UTF8.field(PATH_COLUMN));
        }
        schema = new Schema(fields);
        sizing = new VectorSizing(fields.size());
        for (int column = 0; column < names.length; column++) {
            final int index = column;
            sample.stream().map(row -> row.fields()[index]).filter(value -> value != null)
                    .mapToInt(String::length).average().ifPresent(width -> sizing.expectWidth(index, width));
        }
        if (options.includePaths()) {
            sizing.expectWidth(names.length, pathBytes.length);
        }
    }

    private int fill(VectorSchemaRoot root) throws IOException {
        int capacity = Math.min(options.batchSize(), MAX_INITIAL_ROWS);
        ColumnLoader[] loaders = new ColumnLoader[names.length];
        List<FieldVector> vectors = root.getFieldVectors();
        sizing.allocate(vectors, capacity);
        for (int column = 0; column < names.length; column++) {
            loaders[column] = new ColumnLoader(types[column], vectors.get(column));
        }
        VarCharVector paths = options.includePaths() ? (VarCharVector) vectors.get(names.length) : null;
        int count = 0;
        long text = 0;
        while (count < options.batchSize() && text < VectorSizing.BATCH_TEXT_LIMIT) {
            String[] fields;
            long line;
            SampleRow sampled = sample.poll();
            if (sampled != null) {
                fields = sampled.fields();
                line = sampled.line();
            } else if (!ended && rows.next()) {
                checkWidth();
                fields = rows.fields();
                line = rows.line();
            } else {
                ended = true;
                break;
            }
            for (int column = 0; column < loaders.length; column++) {
                String value = fields[column];
                if (value == null) {
                    loaders[column].setNull(count);
                } else if (!loaders[column].setText(count, value)) {
                    throw mismatch(line, column, value);
                } else {
                    text += value.length();
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

    private void checkWidth() throws DataFileException {
        if (rows.fieldCount() != names.length) {
            throw DataFileException.atLine(file, rows.line(),
                    "expected " + names.length + " fields as in the header, found " + rows.fieldCount());
        }
    }

    private DataFileException mismatch(long line, int column, String value) {
        String shown = value.length() > MAX_QUOTED_VALUE ? value.substring(0, MAX_QUOTED_VALUE) + "..." : value;
        return new DataFileException(file, line, column + 1, names[column],
                "'" + shown + "' is not a " + types[column].displayName() + ", the type inferred from the first "
                        + options.inferenceRows() + " rows", null);
    }

}
