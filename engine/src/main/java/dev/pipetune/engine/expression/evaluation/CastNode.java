package dev.pipetune.engine.expression.evaluation;

import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A conversion, written ({@code cast}) or implied by promotion.
 *
 * @param operand the converted node
 * @param type the target type
 */
record CastNode(Node operand, ArrowType type) implements Node {

    @Override
    public Value evaluate(EvaluationContext context) {
        Value input = operand.evaluate(context);
        Value result;
        try {
            result = CastKernels.cast(input, operand.type(), type, context);
        } catch (RuntimeException failure) {
            input.close();
            throw failure;
        }
        if (result != input) {
            input.close();
        }
        return result;
    }
}
