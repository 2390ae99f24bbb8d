package dev.pipetune.engine.expression.evaluation;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code coalesce(a, b, ...)}: each row takes its first non-null argument. Arguments after the one that completes
 * every row are not evaluated, and, as in SQL, an argument that fails over the whole batch is evaluated again over
 * only the rows the earlier ones left null.
 *
 * @param arguments the arguments, of {@code type}
 * @param type the result type
 */
record CoalesceNode(List<Node> arguments, ArrowType type) implements Node {

    @Override
    public Value evaluate(EvaluationContext context) {
        int rowCount = context.rowCount();
        int[] choice = new int[rowCount];
        Arrays.fill(choice, Gather.NONE);
        int undecided = rowCount;
        List<VectorValue> values = new ArrayList<>();
        try {
            for (Node argument : arguments) {
                if (undecided == 0) {
                    break;
                }
                VectorValue value = evaluate(argument, choice, undecided, context);
                values.add(value);
                MemorySegment validity = Vectors.validity(value.vector(), rowCount);
                int index = values.size() - 1;
                for (int row = 0; row < rowCount; row++) {
                    if (choice[row] == Gather.NONE && Bits.get(validity, row)) {
                        choice[row] = index;
                        undecided--;
                    }
                }
            }
            List<FieldVector> vectors = values.stream().map(VectorValue::vector).toList();
            return VectorValue.owned(Gather.choose(vectors, choice, type, context));
        } finally {
            values.forEach(VectorValue::close);
        }
    }

    /**
     * An argument's values for every row: evaluated over the whole batch, or, when that fails, over only the rows no
     * earlier argument completed, as SQL evaluates {@code coalesce(n, cast(s as bigint))}.
     */
    private VectorValue evaluate(Node argument, int[] choice, int undecided, EvaluationContext context) {
        try {
            return Branches.asVector(argument.evaluate(context), type, context);
        } catch (ExpressionEvaluationException failure) {
            if (undecided == context.rowCount()) {
                throw failure;
            }
            int[] rows = RowSubsets.rowsChoosing(choice, Gather.NONE);
            return VectorValue.owned(RowSubsets.spread(RowSubsets.evaluateOn(argument, rows, context), type, rows,
                    context));
        }
    }
}
