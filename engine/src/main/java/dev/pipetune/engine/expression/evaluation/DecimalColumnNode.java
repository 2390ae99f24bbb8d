package dev.pipetune.engine.expression.evaluation;

import dev.pipetune.engine.block.DecimalDoubles;
import java.util.Objects;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A decimal column read as float64, as pyarrow reads a decimal that meets floating-point numbers: expressions compute
 * with decimals as doubles (each value the double nearest to it).
 *
 * @param column the decimal column
 */
record DecimalColumnNode(ColumnNode column) implements Node {

    DecimalColumnNode {
        Objects.requireNonNull(column, "column");
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
