package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.block.Segments.DOUBLE;
import static dev.pipetune.engine.block.Segments.INT;
import static dev.pipetune.engine.block.Segments.LONG;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code least(...)} / {@code greatest(...)}: the smallest or largest non-null argument per row, null if all are
 * null (as DuckDB and pyarrow). NaN is skipped like null unless every non-null argument is NaN, as pyarrow's
 * {@code min_element_wise}/{@code max_element_wise} do; strings order byte-wise.
 *
 * @param arguments the arguments, of {@code type}
 * @param greatest true for {@code greatest}
 * @param type the result type
 */
record ExtremumNode(List<Node> arguments, boolean greatest, ArrowType type) implements Node {

    @Override
    public Value evaluate(EvaluationContext context) {
        int rowCount = context.rowCount();
        List<VectorValue> values = new ArrayList<>(arguments.size());
        try {
            for (Node argument : arguments) {
                values.add(Branches.asVector(argument.evaluate(context), type, context));
            }
            List<FieldVector> vectors = values.stream().map(VectorValue::vector).toList();
            int[] choice = new int[rowCount];
            Arrays.fill(choice, Gather.NONE);
            TypeKind kind = TypeKind.of(type);
            MemorySegment[] data = vectors.stream().map(Vectors::data).toArray(MemorySegment[]::new);
            MemorySegment[] offsets = kind == TypeKind.UTF8
                    ? vectors.stream().map(Vectors::offsets).toArray(MemorySegment[]::new)
                    : null;
            for (int index = 0; index < vectors.size(); index++) {
                MemorySegment validity = Vectors.validity(vectors.get(index), rowCount);
                for (int row = 0; row < rowCount; row++) {
                    if (Bits.get(validity, row)
                            && (choice[row] == Gather.NONE || better(kind, data, offsets, index, choice[row], row))) {
                        choice[row] = index;
                    }
                }
            }
            return VectorValue.owned(Gather.choose(vectors, choice, type, context));
        } finally {
            values.forEach(VectorValue::close);
        }
    }

    private boolean better(TypeKind kind, MemorySegment[] data, MemorySegment[] offsets, int candidate, int best,
            int row) {
        if (kind == TypeKind.FLOAT64) {
            double value = data[candidate].get(DOUBLE, (long) row << 3);
            double current = data[best].get(DOUBLE, (long) row << 3);
            return Double.isNaN(current) ? !Double.isNaN(value) : greatest ? value > current : value < current;
        }
        int order = switch (kind) {
            case INT32, DATE32 -> Integer.compare(data[candidate].get(INT, (long) row << 2),
                    data[best].get(INT, (long) row << 2)) + 1;
            case UTF8 -> ComparisonKernels.order(data[candidate], offsets[candidate].get(INT, (long) row << 2),
                    offsets[candidate].get(INT, ((long) row << 2) + 4), data[best],
                    offsets[best].get(INT, (long) row << 2), offsets[best].get(INT, ((long) row << 2) + 4));
            case BOOLEAN -> Boolean.compare(Bits.get(data[candidate], row), Bits.get(data[best], row)) + 1;
            default -> Long.compare(data[candidate].get(LONG, (long) row << 3),
                    data[best].get(LONG, (long) row << 3)) + 1;
        };
        return greatest ? order == 2 : order == 0;
    }
}
