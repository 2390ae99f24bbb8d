package dev.pipetune.profiler.recording;

import dev.pipetune.engine.execution.OperatorMetrics;
import java.util.function.Function;

/**
 * The counters of {@link OperatorMetrics} with the names they have in a recording file: one place for the columns of
 * {@code progress.arrows} and the fields of {@code run.json}'s {@code final_operators}.
 */
enum OperatorField {
    TASKS_FINISHED("tasks_finished", Type.LONG, OperatorMetrics::tasksFinished),
    TASKS_RUNNING("tasks_running", Type.INT, OperatorMetrics::tasksRunning),
    PEAK_TASKS_RUNNING("peak_tasks_running", Type.INT, OperatorMetrics::peakTasksRunning),
    BLOCKS_IN("blocks_in", Type.LONG, OperatorMetrics::blocksIn),
    BLOCKS_OUT("blocks_out", Type.LONG, OperatorMetrics::blocksOut),
    ROWS_IN("rows_in", Type.LONG, OperatorMetrics::rowsIn),
    ROWS_OUT("rows_out", Type.LONG, OperatorMetrics::rowsOut),
    BYTES_IN("bytes_in", Type.LONG, OperatorMetrics::bytesIn),
    BYTES_OUT("bytes_out", Type.LONG, OperatorMetrics::bytesOut),
    WALL_NANOS("wall_nanos", Type.LONG, OperatorMetrics::wallNanos),
    CPU_NANOS("cpu_nanos", Type.LONG, OperatorMetrics::cpuNanos),
    UDF_NANOS("udf_nanos", Type.LONG, OperatorMetrics::udfNanos),
    /** Added after format version 1's first files: absent in older recordings, read as 0 there. */
    MODEL_NANOS("model_nanos", Type.LONG, OperatorMetrics::modelNanos, true),
    TASK_P50_MS("task_p50_ms", Type.DOUBLE, OperatorMetrics::taskP50Millis),
    TASK_P90_MS("task_p90_ms", Type.DOUBLE, OperatorMetrics::taskP90Millis),
    TASK_P99_MS("task_p99_ms", Type.DOUBLE, OperatorMetrics::taskP99Millis),
    QUEUED_BLOCKS("queued_blocks", Type.INT, OperatorMetrics::queuedBlocks),
    QUEUED_BYTES("queued_bytes", Type.LONG, OperatorMetrics::queuedBytes),
    BACKPRESSURE_NANOS("backpressure_nanos", Type.LONG, OperatorMetrics::backpressureNanos),
    ERRORS("errors", Type.LONG, OperatorMetrics::errors),
    RETRIES("retries", Type.LONG, OperatorMetrics::retries),
    FINISHED("finished", Type.BOOLEAN, OperatorMetrics::finished);

    /** How a counter is stored. */
    enum Type { INT, LONG, DOUBLE, BOOLEAN }

    private final String columnName;
    private final Type type;
    private final Function<OperatorMetrics, Object> getter;

    private final boolean optional;

    OperatorField(String columnName, Type type, Function<OperatorMetrics, Object> getter) {
        this(columnName, type, getter, false);
    }

    OperatorField(String columnName, Type type, Function<OperatorMetrics, Object> getter, boolean optional) {
        this.columnName = columnName;
        this.type = type;
        this.getter = getter;
        this.optional = optional;
    }

    /** Returns whether older files of the same format version may lack the counter (it then reads as 0). */
    boolean optional() {
        return optional;
    }

    /** Returns the column's or field's name in the file. */
    String columnName() {
        return columnName;
    }

    /** Returns how the counter is stored. */
    Type type() {
        return type;
    }

    /** Returns the counter's value: an Integer, Long, Double or Boolean as {@link #type()} says. */
    Object get(OperatorMetrics metrics) {
        return getter.apply(metrics);
    }

    /** Reads one counter's value from wherever a reader keeps it. */
    @FunctionalInterface
    interface Source {
        /**
         * Returns a counter's value.
         *
         * @param field the counter
         * @return an Integer, Long, Double or Boolean as the field's type says; null only for an {@linkplain
         *     #optional() optional} field the file lacks
         * @throws RecordingFormatException when the value is missing or malformed
         */
        Object value(OperatorField field) throws RecordingFormatException;
    }

    /**
     * Builds an operator's counters from their stored values.
     *
     * @param name the operator's name
     * @param source where the values come from
     * @return the counters
     * @throws RecordingFormatException when the source cannot supply a value
     */
    static OperatorMetrics metrics(String name, Source source) throws RecordingFormatException {
        return new OperatorMetrics(name, longOf(source, TASKS_FINISHED), intOf(source, TASKS_RUNNING),
                intOf(source, PEAK_TASKS_RUNNING), longOf(source, BLOCKS_IN), longOf(source, BLOCKS_OUT),
                longOf(source, ROWS_IN), longOf(source, ROWS_OUT), longOf(source, BYTES_IN),
                longOf(source, BYTES_OUT), longOf(source, WALL_NANOS), longOf(source, CPU_NANOS),
                longOf(source, UDF_NANOS), longOf(source, MODEL_NANOS), doubleOf(source, TASK_P50_MS),
                doubleOf(source, TASK_P90_MS), doubleOf(source, TASK_P99_MS), intOf(source, QUEUED_BLOCKS),
                longOf(source, QUEUED_BYTES), longOf(source, BACKPRESSURE_NANOS), longOf(source, ERRORS),
                longOf(source, RETRIES), (Boolean) source.value(FINISHED));
    }

    private static long longOf(Source source, OperatorField field) throws RecordingFormatException {
        Object value = source.value(field);
        if (value == null && field.optional()) {
            return 0;
        }
        return ((Number) value).longValue();
    }

    private static int intOf(Source source, OperatorField field) throws RecordingFormatException {
        return ((Number) source.value(field)).intValue();
    }

    private static double doubleOf(Source source, OperatorField field) throws RecordingFormatException {
        return ((Number) source.value(field)).doubleValue();
    }
}
