package dev.pipetune.engine.io.csv;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.io.AtomicFile;
import dev.pipetune.engine.io.BatchWriter;
import dev.pipetune.engine.io.ByteScratch;
import dev.pipetune.engine.io.DecimalText;
import dev.pipetune.engine.io.FloatText;
import dev.pipetune.engine.io.TemporalText;
import dev.pipetune.engine.io.ValueKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes Arrow batches to a CSV file the way pyarrow's {@code pyarrow.csv.write_csv} does with its defaults, so that
 * pyarrow and {@link CsvReader} read the values back:
 *
 * <ul>
 *   <li>a header row with every column name quoted; {@code \n} line ends; UTF-8;</li>
 *   <li>utf8 and binary values always quoted, with {@code ""} for a quote inside; nulls as empty fields (so an empty
 *       string, {@code ""}, stays distinct from a null);</li>
 *   <li>integers in decimal; floats as {@link FloatText} writes them ({@code 100}, {@code 0.1}, {@code 1e+20},
 *       {@code nan}, {@code inf}); decimals with every digit of their scale ({@code 1.50}); booleans
 *       {@code true}/{@code false};</li>
 *   <li>dates {@code 2024-07-09}; timestamps {@code 2024-07-09 03:48:52.872753} with as many fraction digits as the
 *       unit has (none, 3, 6 or 9), followed by {@code Z} when the type has a time zone (the value is UTC).</li>
 * </ul>
 *
 * <p>The file is written atomically (see {@link BatchWriter}). Columns whose type has no text form (nested,
 * dictionary-encoded, interval, ...) are rejected by {@link #create}.
 */
public final class CsvWriter implements BatchWriter {

    private static final byte SEPARATOR = ',';
    private static final byte NEWLINE = '\n';
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final Schema schema;
    private final ValueKind[] kinds;
    private final AtomicFile file;
    private final CsvOutput output;
    private final ByteScratch scratch = new ByteScratch();
    private final byte[] temporal = new byte[TemporalText.MAX_LENGTH];

    private CsvWriter(Schema schema, ValueKind[] kinds, AtomicFile file) {
        this.schema = schema;
        this.kinds = kinds;
        this.file = file;
        this.output = new CsvOutput(file.stream());
    }

    /**
     * Creates the temporary file and writes the header.
     *
     * @param target the final path of the file
     * @param schema the schema of every batch to be written
     * @return the writer
     * @throws IllegalArgumentException if a column's type cannot be written as CSV
     * @throws IOException if the file cannot be created
     */
    public static CsvWriter create(Path target, Schema schema) throws IOException {
        requireNonNull(target, "target");
        requireNonNull(schema, "schema");
        List<Field> fields = schema.getFields();
        ValueKind[] kinds = new ValueKind[fields.size()];
        for (int column = 0; column < kinds.length; column++) {
            kinds[column] = ValueKind.of(fields.get(column), "CSV");
        }
        AtomicFile file = AtomicFile.create(target);
        CsvWriter writer = new CsvWriter(schema, kinds, file);
        try {
            writer.writeHeader();
            return writer;
        } catch (IOException | RuntimeException e) {
            file.abort();
            throw e;
        }
    }

    @Override
    public void write(VectorSchemaRoot batch) throws IOException {
        requireNonNull(batch, "batch");
        BatchWriter.requireSameColumns(schema, batch.getSchema());
        List<FieldVector> vectors = batch.getFieldVectors();
        int rowCount = batch.getRowCount();
        try {
            for (int row = 0; row < rowCount; row++) {
                for (int column = 0; column < kinds.length; column++) {
                    if (column > 0) {
                        output.write(SEPARATOR);
                    }
                    FieldVector vector = vectors.get(column);
                    if (!vector.isNull(row)) {
                        writeValue(kinds[column], vector, row);
                    }
                }
                output.write(NEWLINE);
            }
        } catch (IOException | RuntimeException e) {
            file.abort();
            throw e;
        }
    }

    @Override
    public void commit() throws IOException {
        try {
            output.flush();
        } catch (IOException e) {
            file.abort();
            throw e;
        }
        file.commit();
    }

    @Override
    public void abort() {
        file.abort();
    }

    @Override
    public void close() {
        file.close();
    }

    private void writeHeader() throws IOException {
        List<Field> fields = schema.getFields();
        for (int column = 0; column < fields.size(); column++) {
            if (column > 0) {
                output.write(SEPARATOR);
            }
            byte[] name = fields.get(column).getName().getBytes(StandardCharsets.UTF_8);
            output.writeQuoted(name, name.length);
        }
        output.write(NEWLINE);
    }

    private void writeValue(ValueKind kind, FieldVector vector, int row) throws IOException {
        switch (kind) {
            case INTEGER -> output.writeAscii(Long.toString(((BaseIntVector) vector).getValueAsLong(row)));
            case DURATION -> output.writeAscii(Long.toString(vector.getDataBuffer().getLong((long) row * Long.BYTES)));
            case UNSIGNED_INT64 -> output.writeAscii(Long.toUnsignedString(((UInt8Vector) vector).get(row)));
            case FLOAT32 -> output.writeAscii(FloatText.format(((Float4Vector) vector).get(row)));
            case FLOAT64 -> output.writeAscii(FloatText.format(((Float8Vector) vector).get(row)));
            case BOOL -> output.writeAscii(((BitVector) vector).get(row) == 1 ? "true" : "false");
            case DECIMAL -> output.writeAscii(DecimalText.format(vector, row));
            case STRING, BINARY -> {
                scratch.load(vector, row);
                output.writeQuoted(scratch.bytes(), scratch.length());
            }
            case TIMESTAMP -> {
                ArrowType.Timestamp type = (ArrowType.Timestamp) vector.getField().getType();
                int length = TemporalText.formatTimestamp(((TimeStampVector) vector).get(row), type.getUnit(),
                        temporal, 0);
                if (type.getTimezone() != null) {
                    temporal[length++] = 'Z';
                }
                output.write(temporal, 0, length);
            }
            case DATE_DAY -> output.write(temporal, 0,
                    TemporalText.formatDate(((DateDayVector) vector).get(row), temporal, 0));
            case DATE_MILLI -> output.write(temporal, 0, TemporalText.formatDate(
                    Math.floorDiv(((DateMilliVector) vector).get(row), MILLIS_PER_DAY), temporal, 0));
            case NULL -> {
                // a null column writes empty fields
            }
            default -> throw new IllegalStateException("unexpected kind " + kind);
        }
    }
}
