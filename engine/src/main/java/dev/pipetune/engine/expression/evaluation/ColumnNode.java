package dev.pipetune.engine.expression.evaluation;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A batch column, borrowed (never closed by the evaluator).
 *
 * @param index the column's position in the compiled schema
 * @param name its name
 * @param type its type
 */
record ColumnNode(int index, String name, ArrowType type) implements Node {

    @Override
    public Value evaluate(EvaluationContext context) {
        if (TypeKind.of(type) == TypeKind.NULL) {
            return ScalarValue.NULL;
        }
        FieldVector vector = index < context.batch().getFieldVectors().size()
                ? context.batch().getVector(index)
                : null;
        if (vector == null || !vector.getName().equals(name)) {
            vector = context.batch().getVector(name);
        }
        if (vector == null) {
            throw new IllegalArgumentException("the batch has no column '" + name
                    + "' although the expression was compiled for a schema with it");
        }
        if (!vector.getField().getType().equals(type)) {
            throw new IllegalArgumentException("column '" + name + "' is " + Types.describe(vector.getField()
                    .getType()) + " in the batch but " + Types.describe(type) + " in the compiled schema");
        }
        if (vector.getValueCount() < context.rowCount()) {
            throw new IllegalArgumentException("column '" + name + "' has " + vector.getValueCount()
                    + " values but the batch has " + context.rowCount() + " rows");
        }
        return new VectorValue(vector, false);
    }
}
