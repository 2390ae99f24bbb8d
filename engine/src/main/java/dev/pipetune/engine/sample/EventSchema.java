package dev.pipetune.engine.sample;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** The columns of the events, in file order, with the reference generator's (nullable) fields. */
final class EventSchema {

    static final String ID = "id";
    static final String TIMESTAMP = "ts";
    static final String USER_ID = "user_id";
    static final String CATEGORY = "category";
    static final String VALUE = "value";
    static final String QUANTITY = "qty";
    static final String FLAG = "flag";
    static final String TEXT = "text";
    static final int EXTRA_COLUMNS = 6;

    /** The events' schema. */
    static final Schema SCHEMA = build();

    private EventSchema() {
    }

    /**
     * Returns the name of an extra column, {@code x0} to {@code x5}.
     *
     * @param index the extra column's index
     * @return its name
     */
    static String extraColumn(int index) {
        return "x" + index;
    }

    private static Schema build() {
        ArrowType int64 = new ArrowType.Int(Long.SIZE, true);
        ArrowType float64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        List<Field> fields = new ArrayList<>(List.of(
                Field.nullable(ID, int64),
                Field.nullable(TIMESTAMP, new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
                Field.nullable(USER_ID, int64),
                Field.nullable(CATEGORY, ArrowType.Utf8.INSTANCE),
                Field.nullable(VALUE, float64),
                Field.nullable(QUANTITY, new ArrowType.Int(Integer.SIZE, true)),
                Field.nullable(FLAG, ArrowType.Bool.INSTANCE),
                Field.nullable(TEXT, ArrowType.Utf8.INSTANCE)));
        for (int index = 0; index < EXTRA_COLUMNS; index++) {
            fields.add(Field.nullable(extraColumn(index), float64));
        }
        return new Schema(fields);
    }
}
