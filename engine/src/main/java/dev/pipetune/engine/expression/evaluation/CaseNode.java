package dev.pipetune.engine.expression.evaluation;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code case when c1 then r1 ... [else e] end}, also {@code if(c, a, b)}: each row takes the result of the first
 * clause whose condition is true (not null, not false).
 *
 * <p>As in SQL, a clause's condition is evaluated only for the rows no earlier clause took, and a result only for the
 * rows that take it, so a guarded cast or product ({@code case when s = 'n/a' then null else cast(s as int64) end})
 * does not fail on the rows its guard keeps out. Every branch is first evaluated for the whole batch, which is
 * cheapest; only when that fails is the case evaluated again clause by clause over the rows each part applies to.
 *
 * @param conditions the bool conditions
 * @param results the results, of {@code type}, one per condition
 * @param otherwise the {@code else} value of {@code type}, or null for none (null rows)
 * @param type the result type
 */
record CaseNode(List<Node> conditions, List<Node> results, Node otherwise, ArrowType type) implements Node {

    @Override
    public Value evaluate(EvaluationContext context) {
        try {
            return evaluateWhole(context);
        } catch (ExpressionEvaluationException failure) {
            return evaluateByRows(context);
        }
    }

    /** Evaluates every condition, and every result some row takes, over the whole batch. */
    private Value evaluateWhole(EvaluationContext context) {
        int rowCount = context.rowCount();
        int[] choice = new int[rowCount];
        Arrays.fill(choice, Gather.NONE);
        boolean[] decided = new boolean[rowCount];
        for (int clause = 0; clause < conditions.size(); clause++) {
            try (Value condition = conditions.get(clause).evaluate(context)) {
                decide(condition, clause, choice, decided, null, rowCount);
            }
        }
        List<Node> branches = branches(choice, decided);
        return VectorValue.owned(Branches.gather(branches, choice, type, context));
    }

    /**
     * Evaluates each condition over the rows still undecided and each result over the rows that took it, each on a
     * copy of those rows of the columns it reads, then puts every row's result in its place.
     */
    private Value evaluateByRows(EvaluationContext context) {
        int rowCount = context.rowCount();
        int[] choice = new int[rowCount];
        Arrays.fill(choice, Gather.NONE);
        boolean[] decided = new boolean[rowCount];
        for (int clause = 0; clause < conditions.size(); clause++) {
            int[] undecided = RowSubsets.rowsChoosing(choice, Gather.NONE);
            if (undecided.length == 0) {
                break;
            }
            try (Value condition = RowSubsets.evaluateOn(conditions.get(clause), undecided, context)) {
                decide(condition, clause, choice, decided, undecided, undecided.length);
            }
        }
        List<Node> branches = branches(choice, decided);
        List<FieldVector> spread = new ArrayList<>(branches.size());
        try {
            for (int branch = 0; branch < branches.size(); branch++) {
                spread.add(spreadBranch(branches.get(branch), branch, choice, context));
            }
            return VectorValue.owned(Gather.choose(spread, choice, type, context));
        } finally {
            spread.forEach(FieldVector::close);
        }
    }

    /** The results as candidates, with the {@code else} value for the undecided rows when there is one. */
    private List<Node> branches(int[] choice, boolean[] decided) {
        List<Node> branches = new ArrayList<>(results);
        if (otherwise != null) {
            for (int row = 0; row < choice.length; row++) {
                if (!decided[row]) {
                    choice[row] = branches.size();
                }
            }
            branches.add(otherwise);
        }
        return branches;
    }

    /** A branch's results as a vector of every row, evaluated over the rows that chose it only. */
    private FieldVector spreadBranch(Node branch, int index, int[] choice, EvaluationContext context) {
        int[] chosen = RowSubsets.rowsChoosing(choice, index);
        if (chosen.length == 0) {
            return Vectors.constant(ScalarValue.NULL, type, context.allocator(), context.rowCount());
        }
        return RowSubsets.spread(RowSubsets.evaluateOn(branch, chosen, context), type, chosen, context);
    }

    /**
     * Lets the rows a condition holds for take its clause, unless an earlier clause took them.
     *
     * @param rows the batch row of each of the condition's rows, or {@code null} when they are the batch's rows
     * @param count the condition's rows
     */
    private static void decide(Value condition, int clause, int[] choice, boolean[] decided, int[] rows, int count) {
        switch (condition) {
            case ScalarValue scalar -> {
                if (!scalar.isNull() && (Boolean) scalar.value()) {
                    for (int index = 0; index < count; index++) {
                        int row = rows == null ? index : rows[index];
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
                MemorySegment validity = Vectors.validity(bits, count);
                for (int index = 0; index < count; index++) {
                    int row = rows == null ? index : rows[index];
                    if (!decided[row] && Bits.get(values, index) && Bits.get(validity, index)) {
                        decided[row] = true;
                        choice[row] = clause;
                    }
                }
            }
        }
    }
}
