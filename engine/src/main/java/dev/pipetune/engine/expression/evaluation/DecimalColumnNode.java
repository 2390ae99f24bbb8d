package dev.pipetune.engine.expression.evaluation;

import dev.pipetune.engine.block.DecimalDoubles;
import java.util.Objects;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Decimal values read as float64, as pyarrow reads a decimal that meets floating-point numbers: everywhere but exact
 * decimal arithmetic ({@link DecimalArithmeticNode}), text ({@link DecimalTextNode}) and an expression's result,
 * expressions compute with decimals as doubles (each value the double nearest to it). The compiler looks through this
 * node to {@link #column()} where it keeps decimals exact, unless it is no longer {@link #exact()} (the result of
 * {@code cast(x as float64)}, which asks for doubles).
 *
 * @param column the decimal values: a decimal column, or exact decimal arithmetic over decimal columns
 * @param exact whether the compiler may use {@link #column()} instead of the doubles
 */
record DecimalColumnNode(Node column, boolean exact) implements Node {

    DecimalColumnNode {
        Objects.requireNonNull(column, "column");
        if (!(column.type() instanceof ArrowType.Decimal)) {
            throw new IllegalArgumentException("not decimal values: " + Types.describe(column.type()));
        }
    }

    /**
     * Decimal values that the compiler may keep exact.
     *
     * @param column the decimal values
     */
    DecimalColumnNode(Node column) {
        this(column, true);
    }

    /**
     * The decimal values behind a node that the compiler may keep exact.
     *
     * @param node any node
     * @return the decimal values, or null when the node is not exact decimal values read as doubles
     */
    static Node exactValues(Node node) {
        return node instanceof DecimalColumnNode decimal && decimal.exact() ? decimal.column() : null;
    }

    @Override
    public ArrowType type() {
        return Types.FLOAT64;
    }

    @Override
    public Value evaluate(EvaluationContext context) {
        try (Value decimals = column.evaluate(context)) {
            FieldVector source = ((VectorValue) decimals).vector();
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
