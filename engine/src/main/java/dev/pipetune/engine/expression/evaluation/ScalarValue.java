package dev.pipetune.engine.expression.evaluation;

/**
 * One value for every row: {@code Boolean} for bool, {@code Long} for integers, dates and timestamps (in the type's
 * ticks), {@code Double} for floating point, {@code String} for strings, or null.
 *
 * @param value the value, null for SQL null
 */
record ScalarValue(Object value) implements Value {

    static final ScalarValue NULL = new ScalarValue(null);

    boolean isNull() {
        return value == null;
    }

    long longValue() {
        return (Long) value;
    }

    double doubleValue() {
        return (Double) value;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
