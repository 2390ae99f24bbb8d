package dev.pipetune.engine.plan;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.execution.BlockTransform;
import dev.pipetune.engine.execution.TaskContext;
import dev.pipetune.engine.pipeline.KeywordArguments;
import dev.pipetune.engine.udf.RowFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;

/**
 * The block transforms of {@code map}, {@code flat_map} and {@code filter} with a {@link RowFunction}: each row is
 * read into a map ({@link RowCodec}), handed to the function, and the rows it returns are written into a new block.
 * All are thread-safe (the functions are) and borrow their input, as the {@link BlockTransform} contract says. Time
 * spent inside the function counts as user-function time.
 */
final class RowTransforms {

    private RowTransforms() {
    }

    /**
     * Returns the transform of {@code map}: each row becomes exactly one row.
     *
     * @param function the row function
     * @param kwargs its keyword arguments
     * @return the transform; it fails with an {@link IllegalStateException} if the function returns other than one row
     */
    static BlockTransform map(RowFunction function, KeywordArguments kwargs) {
        return (input, context) -> {
            List<Map<String, Object>> outputs = new ArrayList<>(input.rows());
            callPerRow(function, kwargs, input, context, (row, result) -> {
                if (result.size() != 1) {
                    throw new IllegalStateException("map: the function returned " + result.size()
                            + " rows for input row " + row + " of " + input.origin()
                            + "; map expects exactly one (use flat_map for zero or more)");
                }
                outputs.add(checkRow(result.getFirst(), row));
            });
            return written(outputs, input, context);
        };
    }

    /**
     * Returns the transform of {@code flat_map}: each row becomes zero or more rows.
     *
     * @param function the row function
     * @param kwargs its keyword arguments
     * @return the transform
     */
    static BlockTransform flatMap(RowFunction function, KeywordArguments kwargs) {
        return (input, context) -> {
            List<Map<String, Object>> outputs = new ArrayList<>(input.rows());
            callPerRow(function, kwargs, input, context, (row, result) -> {
                for (Map<String, Object> output : result) {
                    outputs.add(checkRow(output, row));
                }
            });
            return written(outputs, input, context);
        };
    }

    /**
     * Returns the transform of {@code filter}: keeps the rows for which the function returns a non-empty list,
     * unchanged and with the input's schema.
     *
     * @param function the row function, a predicate
     * @param kwargs its keyword arguments
     * @return the transform
     */
    static BlockTransform filter(RowFunction function, KeywordArguments kwargs) {
        return (input, context) -> {
            int[] kept = new int[input.rows()];
            int[] count = {0};
            callPerRow(function, kwargs, input, context, (row, result) -> {
                if (!result.isEmpty()) {
                    kept[count[0]++] = row;
                }
            });
            if (count[0] == 0) {
                return List.of();
            }
            if (count[0] == input.rows()) {
                return List.of(new Block(whole(input, context), input.origin()));
            }
            return List.of(new Block(selected(input, kept, count[0], context), input.origin()));
        };
    }

    /** What to do with one row's result. */
    @FunctionalInterface
    private interface RowResult {
        void accept(int row, List<Map<String, Object>> result);
    }

    private static void callPerRow(RowFunction function, KeywordArguments kwargs, Block input, TaskContext context,
            RowResult consumer) throws Exception {
        RowCodec.RowReader reader = RowCodec.reader(input.root());
        Map<String, Object> arguments = kwargs.values();
        long userNanos = 0;
        try {
            for (int row = 0; row < input.rows(); row++) {
                Map<String, Object> values = reader.read(row);
                long start = System.nanoTime();
                List<Map<String, Object>> result = function.apply(values, arguments);
                userNanos += System.nanoTime() - start;
                if (result == null) {
                    throw new IllegalStateException("the row function returned null instead of a list of rows for "
                            + "input row " + row + " of " + input.origin());
                }
                consumer.accept(row, result);
            }
        } finally {
            context.addUserFunctionTime(userNanos);
        }
    }

    private static Map<String, Object> checkRow(Map<String, Object> output, int row) {
        if (output == null) {
            throw new IllegalStateException("the row function returned a null row for input row " + row);
        }
        return output;
    }

    private static List<Block> written(List<Map<String, Object>> outputs, Block input, TaskContext context) {
        if (outputs.isEmpty()) {
            return List.of();
        }
        return List.of(new Block(RowCodec.write(outputs, input.schema(), context.allocator()), input.origin()));
    }

    /** Shares all rows with the input, zero-copy, keeping its schema exactly (metadata included). */
    private static VectorSchemaRoot whole(Block input, TaskContext context) {
        List<FieldVector> vectors = new ArrayList<>();
        for (FieldVector source : input.root().getFieldVectors()) {
            TransferPair pair = source.getTransferPair(context.allocator());
            pair.splitAndTransfer(0, input.rows());
            FieldVector target = (FieldVector) pair.getTo();
            target.setValueCount(input.rows());
            vectors.add(target);
        }
        return new VectorSchemaRoot(input.schema(), vectors, input.rows());
    }

    /** Copies the selected rows column by column into a new batch with the input's schema. */
    private static VectorSchemaRoot selected(Block input, int[] rows, int count, TaskContext context) {
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (FieldVector source : input.root().getFieldVectors()) {
                FieldVector target = source.getField().createVector(context.allocator());
                vectors.add(target);
                target.setInitialCapacity(count);
                target.allocateNew();
                for (int index = 0; index < count; index++) {
                    target.copyFromSafe(rows[index], index, source);
                }
                target.setValueCount(count);
            }
        } catch (RuntimeException | Error failure) {
            vectors.forEach(FieldVector::close);
            throw failure;
        }
        return new VectorSchemaRoot(input.schema(), vectors, count);
    }
}
