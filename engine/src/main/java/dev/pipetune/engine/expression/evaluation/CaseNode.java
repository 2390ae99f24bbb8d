package dev.pipetune.engine.expression.evaluation;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code case when c1 then r1 ... [else e] end}, also {@code if(c, a, b)}: every branch is evaluated for the whole
 * batch, then each row takes the result of the first clause whose condition is true (not null, not false).
 *
 * @param conditions the bool conditions
 * @param results the results, of {@code type}, one per condition
 * @param otherwise the {@code else} value of {@code type}, or null for none (null rows)
 * @param type the result type
 */
record CaseNode(List<Node> conditions, List<Node> results, Node otherwise, ArrowType type) implements Node {

    @Override
    public Value evaluate(EvaluationContext context) {
        int rowCount = context.rowCount();
        int[] choice = new int[rowCount];
        Arrays.fill(choice, Gather.NONE);
        boolean[] decided = new boolean[rowCount];
        for (int clause = 0; clause < conditions.size(); clause++) {
            try (Value condition = conditions.get(clause).evaluate(context)) {
                decide(condition, clause, choice, decided, rowCount);
            }
        }
        List<Node> branches = new ArrayList<>(results);
        if (otherwise != null) {
            for (int row = 0; row < rowCount; row++) {
                if (!decided[row]) {
                    choice[row] = branches.size();
                }
            }
            branches.add(otherwise);
        }
        return VectorValue.owned(Branches.gather(branches, choice, type, context));
    }

    private static void decide(Value condition, int clause, int[] choice, boolean[] decided, int rowCount) {
        switch (condition) {
            case ScalarValue scalar -> {
                if (!scalar.isNull() && (Boolean) scalar.value()) {
                    for (int row = 0; row < rowCount; row++) {
                        if (!decided[row]) {
                            decided[row] = true;
                            choice[row] = clause;
                        }
                    }
                }
            }
            case VectorValue vector -> {
                FieldVector bits = vector.vector();
                MemorySegment values = Vectors.data(bits);
                MemorySegment validity = Vectors.validity(bits, rowCount);
                for (int row = 0; row < rowCount; row++) {
                    if (!decided[row] && Bits.get(values, row) && Bits.get(validity, row)) {
                        decided[row] = true;
                        choice[row] = clause;
                    }
                }
            }
        }
    }
}
