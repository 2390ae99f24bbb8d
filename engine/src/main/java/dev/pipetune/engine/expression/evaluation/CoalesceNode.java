package dev.pipetune.engine.expression.evaluation;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code coalesce(a, b, ...)}: each row takes its first non-null argument. Arguments after the one that completes
 * every row are not evaluated.
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
                VectorValue value = Branches.asVector(argument.evaluate(context), type, context);
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
}
