package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.block.Segments.INT;
import static dev.pipetune.engine.block.Segments.LONG;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Builds a column by taking each row from one of several same-typed columns: the shared last step of
 * {@code case}, {@code if}, {@code coalesce}, {@code least} and {@code greatest}.
 */
final class Gather {

    /** The choice of a row that takes no source: the row is null. */
    static final int NONE = -1;

    private Gather() {
    }

    /**
     * Row {@code r} of the result is row {@code r} of {@code sources.get(choice[r])}, or null for {@link #NONE}.
     *
     * @param sources the columns, all of {@code type}; not closed here
     * @param choice per row, the source index or {@link #NONE}
     * @param type the result type
     * @param context the batch
     * @return a new vector
     */
    static FieldVector choose(List<FieldVector> sources, int[] choice, ArrowType type, EvaluationContext context) {
        int rowCount = context.rowCount();
        TypeKind kind = TypeKind.of(type);
        if (kind == TypeKind.NULL) {
            return Vectors.constant(ScalarValue.NULL, type, context.allocator(), rowCount);
        }
        MemorySegment[] validities = sources.stream().map(source -> Vectors.validity(source, rowCount))
                .toArray(MemorySegment[]::new);
        MemorySegment[] data = sources.stream().map(Vectors::data).toArray(MemorySegment[]::new);
        if (kind == TypeKind.UTF8) {
            return chooseStrings(sources, choice, validities, data, context);
        }
        FieldVector result = Vectors.create(type, context.allocator(), rowCount);
        MemorySegment validity = Vectors.validity(result, rowCount);
        MemorySegment out = Vectors.data(result);
        int width = kind.width();
        for (int row = 0; row < rowCount; row++) {
            int source = choice[row];
            if (source == NONE || !Bits.get(validities[source], row)) {
                continue;
            }
            Bits.set(validity, row);
            switch (width) {
                case 0 -> {
                    if (Bits.get(data[source], row)) {
                        Bits.set(out, row);
                    }
                }
                case 4 -> out.set(INT, (long) row << 2, data[source].get(INT, (long) row << 2));
                case 8 -> out.set(LONG, (long) row << 3, data[source].get(LONG, (long) row << 3));
                default -> MemorySegment.copy(data[source], (long) row * width, out, (long) row * width, width);
            }
        }
        result.setValueCount(rowCount);
        return result;
    }

    private static FieldVector chooseStrings(List<FieldVector> sources, int[] choice, MemorySegment[] validities,
            MemorySegment[] data, EvaluationContext context) {
        int rowCount = context.rowCount();
        MemorySegment[] offsets = sources.stream().map(Vectors::offsets).toArray(MemorySegment[]::new);
        Utf8Writer writer = new Utf8Writer(context.allocator(), rowCount, rowCount * 16L);
        try {
            for (int row = 0; row < rowCount; row++) {
                int source = choice[row];
                if (source == NONE || !Bits.get(validities[source], row)) {
                    writer.appendNull();
                    continue;
                }
                int start = offsets[source].get(INT, (long) row << 2);
                int end = offsets[source].get(INT, ((long) row << 2) + 4);
                writer.append(data[source], start, end - start);
                writer.endRow();
            }
            return writer.finish();
        } catch (RuntimeException failure) {
            writer.abandon();
            throw failure;
        }
    }
}
