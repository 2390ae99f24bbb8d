package dev.pipetune.engine.expression.evaluation;

import dev.pipetune.engine.expression.BuiltinFunction;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A call of a string or numeric builtin function whose operands already have the types its kernel takes (utf8
 * strings, int64 positions and digits, int64 or float64 numbers). {@code coalesce}, {@code if}, {@code least},
 * {@code greatest} and {@code concat} have nodes of their own.
 *
 * @param function the function
 * @param arguments the operands
 * @param type the result type
 */
record FunctionNode(BuiltinFunction function, List<Node> arguments, ArrowType type) implements Node {

    @Override
    public Value evaluate(EvaluationContext context) {
        List<Value> values = new ArrayList<>(arguments.size());
        try {
            for (Node argument : arguments) {
                values.add(argument.evaluate(context));
            }
            return VectorValue.owned(apply(values, context));
        } finally {
            values.forEach(Value::close);
        }
    }

    private FieldVector apply(List<Value> values, EvaluationContext context) {
        boolean integer = TypeKind.of(type) == TypeKind.INT64;
        return switch (function) {
            case UPPER -> withVector(values.getFirst(), context, input -> CaseMapping.changeCase(input, true,
                    context));
            case LOWER -> withVector(values.getFirst(), context, input -> CaseMapping.changeCase(input, false,
                    context));
            case LENGTH -> withVector(values.getFirst(), context, input -> CaseMapping.length(input, context));
            case TRIM -> withVector(values.getFirst(), context, input -> StringKernels.trim(input,
                    StringKernels.TrimSide.BOTH, context));
            case LTRIM -> withVector(values.getFirst(), context, input -> StringKernels.trim(input,
                    StringKernels.TrimSide.LEADING, context));
            case RTRIM -> withVector(values.getFirst(), context, input -> StringKernels.trim(input,
                    StringKernels.TrimSide.TRAILING, context));
            case SUBSTR -> StringKernels.substring(values.get(0), values.get(1),
                    values.size() > 2 ? values.get(2) : null, context);
            case REPLACE -> StringKernels.replace(values.get(0), values.get(1), values.get(2), context);
            case STARTS_WITH -> StringKernels.test(StringKernels.Containment.STARTS_WITH, values.get(0),
                    values.get(1), context);
            case ENDS_WITH -> StringKernels.test(StringKernels.Containment.ENDS_WITH, values.get(0),
                    values.get(1), context);
            case CONTAINS -> StringKernels.test(StringKernels.Containment.CONTAINS, values.get(0), values.get(1),
                    context);
            case ABS -> withVector(values.getFirst(), context, input -> integer
                    ? MathKernels.absInt64(input, context)
                    : MathKernels.float64(function, input, context));
            case ROUND -> withVector(values.getFirst(), context, input -> MathKernels.round(input,
                    values.size() > 1 ? values.get(1) : new ScalarValue(0L), integer, context));
            case FLOOR, CEIL, SQRT, EXP, LN, LOG10 -> withVector(values.getFirst(), context,
                    input -> MathKernels.float64(function, input, context));
            case POW -> withVector(values.get(0), context, base -> withVector(values.get(1), context,
                    exponent -> MathKernels.pow(base, exponent, context)));
            default -> throw new IllegalStateException(function + " is evaluated by a node of its own");
        };
    }

    private interface Kernel {
        FieldVector apply(FieldVector input);
    }

    private FieldVector withVector(Value value, EvaluationContext context, Kernel kernel) {
        ArrowType operandType = switch (function) {
            case ABS, ROUND -> type;
            case FLOOR, CEIL, SQRT, EXP, LN, LOG10, POW -> Types.FLOAT64;
            default -> Types.UTF8;
        };
        VectorValue vector = Vectors.asVector(value, operandType, context);
        try {
            return kernel.apply(vector.vector());
        } finally {
            if (vector != value) {
                vector.close();
            }
        }
    }
}
