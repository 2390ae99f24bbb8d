package dev.pipetune.engine.expression.evaluation;

import dev.pipetune.engine.block.Segments;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code x [not] like pattern}.
 *
 * @param value a utf8 operand
 * @param pattern a utf8 operand
 * @param negated true for {@code not like}
 * @param compiled the pattern compiled once when it is a constant, else null (compiled per row)
 */
record LikeNode(Node value, Node pattern, boolean negated, LikePattern compiled) implements Node {

    @Override
    public ArrowType type() {
        return Types.BOOLEAN;
    }

    @Override
    public Value evaluate(EvaluationContext context) {
        int rowCount = context.rowCount();
        try (Value input = value.evaluate(context); Value patterns = pattern.evaluate(context)) {
            StringArgument strings = StringArgument.of(input, rowCount);
            StringArgument patternStrings = StringArgument.of(patterns, rowCount);
            FieldVector result = Vectors.create(Types.BOOLEAN, context.allocator(), rowCount);
            MemorySegment values = Vectors.data(result);
            MemorySegment validity = Vectors.validity(result, rowCount);
            for (int row = 0; row < rowCount; row++) {
                if (strings.isNull(row) || patternStrings.isNull(row)) {
                    continue;
                }
                LikePattern matcher = compiled != null ? compiled : new LikePattern(new String(patternStrings.data()
                        .asSlice(patternStrings.start(row), patternStrings.end(row) - patternStrings.start(row))
                        .toArray(Segments.BYTE), StandardCharsets.UTF_8));
                Bits.set(validity, row);
                if (matcher.matches(strings.data(), strings.start(row), strings.end(row)) != negated) {
                    Bits.set(values, row);
                }
            }
            result.setValueCount(rowCount);
            return VectorValue.owned(result);
        }
    }
}
