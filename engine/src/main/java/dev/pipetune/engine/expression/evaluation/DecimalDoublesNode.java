package dev.pipetune.engine.expression.evaluation;

import dev.pipetune.engine.block.DecimalDoubles;
import java.util.Objects;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Decimal values read as float64, as pyarrow reads a decimal that meets floating-point numbers: everywhere but exact
 * decimal arithmetic ({@link DecimalArithmeticNode}), text ({@link DecimalTextNode}) and an expression's result,
 * expressions compute with decimals as doubles (each value the double nearest to it). The compiler looks through this
 * node to {@link #decimals()} where it keeps decimals exact, unless it is no longer {@link #exact()} (the result of
 * {@code cast(x as float64)}, which asks for doubles).
 *
 * @param decimals the decimal values: a decimal column, or exact decimal arithmetic over decimal columns
 * @param exact whether the compiler may use {@link #decimals()} instead of the doubles
 */
record DecimalDoublesNode(Node decimals, boolean exact) implements Node {

    DecimalDoublesNode {
        Objects.requireNonNull(decimals, "decimals");
        if (!(decimals.type() instanceof ArrowType.Decimal)) {
            throw new IllegalArgumentException("not decimal values: " + Types.describe(decimals.type()));
        }
    }

    /**
     * Decimal values that the compiler may keep exact.
     *
     * @param decimals the decimal values
     */
    DecimalDoublesNode(Node decimals) {
        this(decimals, true);
    }

    /**
     * The decimal values behind a node that the compiler may keep exact.
     *
     * @param node any node
     * @return the decimal values, or null when the node is not exact decimal values read as doubles
     */
    static Node exactValues(Node node) {
        return node instanceof DecimalDoublesNode decimal && decimal.exact() ? decimal.decimals() : null;
    }

    @Override
    public ArrowType type() {
        return Types.FLOAT64;
    }

    @Override
    public Value evaluate(EvaluationContext context) {
        try (Value values = decimals.evaluate(context)) {
            FieldVector source = ((VectorValue) values).vector();
            int rows = context.rowCount();
            FieldVector result = Vectors.create(Types.FLOAT64, context.allocator(), rows);
            try {
                Bits.copy(Vectors.validity(result, rows), Vectors.validity(source, rows), rows);
                DecimalDoubles.write(source, rows, Vectors.data(result));
                return VectorValue.owned(result);
            } catch (RuntimeException failure) {
                result.close();
                throw failure;
            }
        }
    }
}
