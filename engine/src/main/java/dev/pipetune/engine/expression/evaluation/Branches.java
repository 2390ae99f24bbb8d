package dev.pipetune.engine.expression.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** Evaluates the candidate nodes of a conditional and gathers each row from the chosen one. */
final class Branches {

    private Branches() {
    }

    /**
     * Evaluates every candidate that some row chose, then gathers.
     *
     * @param candidates nodes of {@code type}
     * @param choice per row, a candidate index or {@link Gather#NONE}
     * @param type the result type
     * @param context the batch
     * @return a new vector
     */
    static FieldVector gather(List<Node> candidates, int[] choice, ArrowType type, EvaluationContext context) {
        boolean[] used = new boolean[candidates.size()];
        for (int chosen : choice) {
            if (chosen != Gather.NONE) {
                used[chosen] = true;
            }
        }
        List<VectorValue> values = new ArrayList<>(candidates.size());
        try {
            List<FieldVector> vectors = new ArrayList<>(candidates.size());
            for (int index = 0; index < candidates.size(); index++) {
                Node candidate = used[index] ? candidates.get(index) : new ConstantNode(null, type);
                VectorValue value = asVector(candidate.evaluate(context), type, context);
                values.add(value);
                vectors.add(value.vector());
            }
            return Gather.choose(vectors, choice, type, context);
        } finally {
            values.forEach(VectorValue::close);
        }
    }

    /** The value as a vector; a scalar is turned into a column and the scalar released. */
    static VectorValue asVector(Value value, ArrowType type, EvaluationContext context) {
        try {
            return Vectors.asVector(value, type, context);
        } catch (RuntimeException failure) {
            value.close();
            throw failure;
        }
    }
}
