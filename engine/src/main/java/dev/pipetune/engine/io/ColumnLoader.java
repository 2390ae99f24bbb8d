package dev.pipetune.engine.io;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Sets the values of one column of a batch being read, converting text or JSON scalars to the column's
 * {@link ColumnType}. Each setter returns {@code false}, and sets nothing, when the value does not fit the type; the
 * reader then reports the position. The vector is borrowed: the loader never closes it.
 */
public final class ColumnLoader {

    private final ColumnType type;
    private final FieldVector vector;

    /**
     * Creates a loader.
     *
     * @param type the column's type
     * @param vector an allocated vector of that type's Arrow type
     */
    public ColumnLoader(ColumnType type, FieldVector vector) {
        this.type = requireNonNull(type, "type");
        this.vector = requireNonNull(vector, "vector");
        if (!vector.getField().getType().equals(type.arrowType())) {
            throw new IllegalArgumentException("a " + type + " column needs a vector of " + type.arrowType()
                    + ", got " + vector.getField().getType());
        }
    }

    /** Returns the column's type. */
    public ColumnType type() {
        return type;
    }

    /**
     * Sets a null.
     *
     * @param row the row index
     */
    public void setNull(int row) {
        vector.setNull(row);
    }

    /**
     * Sets a value from CSV text. For utf8 columns the text is kept as it is; for other columns an empty text or a
     * null marker ({@link TextValues#isNullToken}) gives a null.
     *
     * @param row the row index
     * @param text the value as written
     * @return whether the text fits the column's type
     */
    public boolean setText(int row, String text) {
        if (type == ColumnType.UTF8) {
            setString(row, text);
            return true;
        }
        if (TextValues.isNullToken(text)) {
            vector.setNull(row);
            return true;
        }
        return switch (type) {
            case INT64 -> {
                if (!TextValues.isInt64(text)) {
                    yield false;
                }
                ((BigIntVector) vector).setSafe(row, TextValues.parseInt64(text));
                yield true;
            }
            case FLOAT64 -> {
                if (!TextValues.isFloat64(text)) {
                    yield false;
                }
                ((Float8Vector) vector).setSafe(row, TextValues.parseFloat64(text));
                yield true;
            }
            case BOOL -> setBoolean(row, TextValues.parseBool(text));
            case DATE, TIMESTAMP, TIMESTAMP_UTC -> setTemporalString(row, text);
            default -> throw new IllegalStateException("unexpected type " + type);
        };
    }

    /**
     * Sets a value from a JSON string: utf8 columns take it as it is, date and timestamp columns parse it.
     *
     * @param row the row index
     * @param text the string's value
     * @return whether it fits the column's type
     */
    public boolean setJsonString(int row, String text) {
        return switch (type) {
            case UTF8 -> {
                setString(row, text);
                yield true;
            }
            case DATE, TIMESTAMP, TIMESTAMP_UTC -> setTemporalString(row, text);
            default -> false;
        };
    }

    /**
     * Sets an integer: int64 columns take it as it is, float64 columns convert it.
     *
     * @param row the row index
     * @param value the value
     * @return whether it fits the column's type
     */
    public boolean setLong(int row, long value) {
        switch (type) {
            case INT64 -> ((BigIntVector) vector).setSafe(row, value);
            case FLOAT64 -> ((Float8Vector) vector).setSafe(row, (double) value);
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Sets a decimal number into a float64 column.
     *
     * @param row the row index
     * @param value the value
     * @return whether the column is float64
     */
    public boolean setDouble(int row, double value) {
        if (type != ColumnType.FLOAT64) {
            return false;
        }
        ((Float8Vector) vector).setSafe(row, value);
        return true;
    }

    /**
     * Sets a boolean into a bool column.
     *
     * @param row the row index
     * @param value 1 for true, 0 for false, anything else does not fit
     * @return whether the column is bool and the value was 0 or 1
     */
    public boolean setBoolean(int row, int value) {
        if (type != ColumnType.BOOL || value < 0 || value > 1) {
            return false;
        }
        ((BitVector) vector).setSafe(row, value);
        return true;
    }

    private boolean setTemporalString(int row, String text) {
        if (type == ColumnType.DATE) {
            long day = TemporalText.parseDate(text);
            if (day == TemporalText.INVALID || day != (int) day) {
                return false;
            }
            ((DateDayVector) vector).setSafe(row, (int) day);
            return true;
        }
        if (type == ColumnType.TIMESTAMP_UTC) {
            long micros = TemporalText.parseZonedTimestampMicros(text);
            if (micros == TemporalText.INVALID) {
                return false;
            }
            ((TimeStampMicroTZVector) vector).setSafe(row, micros);
            return true;
        }
        long micros = TemporalText.parseTimestampMicros(text);
        if (micros == TemporalText.INVALID) {
            return false;
        }
        ((TimeStampMicroVector) vector).setSafe(row, micros);
        return true;
    }

    private void setString(int row, String text) {
        ((VarCharVector) vector).setSafe(row, text.getBytes(StandardCharsets.UTF_8));
    }
}
