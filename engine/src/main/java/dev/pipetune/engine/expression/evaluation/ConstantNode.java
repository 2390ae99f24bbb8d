package dev.pipetune.engine.expression.evaluation;

import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A constant, from a literal or folded from a subtree without columns.
 *
 * @param value the value in the representation of {@link ScalarValue}, null for SQL null
 * @param type its type
 */
record ConstantNode(Object value, ArrowType type) implements Node {

    @Override
    public Value evaluate(EvaluationContext context) {
        return new ScalarValue(value);
    }
}
