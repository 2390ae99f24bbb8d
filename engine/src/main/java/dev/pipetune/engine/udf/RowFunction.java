package dev.pipetune.engine.udf;

import java.util.List;
import java.util.Map;

/**
 * A per-row function for {@code map}, {@code flat_map} and {@code filter} with {@code fn:}: each row is a map from
 * column name to a Java value (Long, Double, String, Boolean, byte[], LocalDate, LocalDateTime, null). Row functions
 * are convenient and slow (every value is boxed); prefer {@link BatchFunction}. Stateless and thread-safe, with a
 * public no-argument constructor.
 *
 * <p>A class may implement {@link BatchFunction} as well, to offer a batch form of the same function: {@code map},
 * {@code flat_map} and {@code filter} call {@link #apply}, {@code map_batches} calls the batch form. For a
 * {@code map}, the batch form must return, for each input batch, the rows {@link #apply} returns for its rows, in
 * order; {@code pipetune tune} then proposes {@code map_batches} instead of {@code map} (after checking on a sample
 * that both give the same rows).
 */
@FunctionalInterface
public interface RowFunction {

    /**
     * Maps one row to zero or more rows: {@code map} expects exactly one, {@code flat_map} any number, and
     * {@code filter} keeps the row when the list is not empty.
     *
     * @param row the input row
     * @param kwargs the step's {@code fn_kwargs}
     * @return the output rows
     * @throws Exception if the row cannot be processed
     */
    List<Map<String, Object>> apply(Map<String, Object> row, Map<String, Object> kwargs) throws Exception;
}
