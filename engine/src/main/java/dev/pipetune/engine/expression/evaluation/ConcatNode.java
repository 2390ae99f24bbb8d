package dev.pipetune.engine.expression.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code a || b} (null if any part is null) or {@code concat(a, ...)} (null parts count as empty).
 *
 * @param parts utf8 operands
 * @param skipNulls true for {@code concat}
 */
record ConcatNode(List<Node> parts, boolean skipNulls) implements Node {

    @Override
    public ArrowType type() {
        return Types.UTF8;
    }

    @Override
    public Value evaluate(EvaluationContext context) {
        List<Value> values = new ArrayList<>(parts.size());
        try {
            for (Node part : parts) {
                values.add(part.evaluate(context));
            }
            return VectorValue.owned(StringKernels.concat(values, skipNulls, context));
        } finally {
            values.forEach(Value::close);
        }
    }
}
