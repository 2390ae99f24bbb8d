package dev.pipetune.engine.expression.evaluation;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Decimal values converted to strings with all the digits of its scale, as DuckDB and pyarrow write decimals:
 * {@code 1.50}, {@code -0.05}, {@code 100} for a scale of 0. Everywhere else expressions read decimals as doubles
 * ({@link DecimalDoublesNode}), which would write {@code 1.5}.
 *
 * @param decimals the decimal values (128 or 256 bits): a decimal column or exact decimal arithmetic
 */
record DecimalTextNode(Node decimals) implements Node {

    DecimalTextNode {
        Objects.requireNonNull(decimals, "decimals");
        if (!(decimals.type() instanceof ArrowType.Decimal)) {
            throw new IllegalArgumentException("not decimal values: " + Types.describe(decimals.type()));
        }
    }

    @Override
    public ArrowType type() {
        return Types.UTF8;
    }

    @Override
    public Value evaluate(EvaluationContext context) {
        try (Value values = decimals.evaluate(context)) {
            FieldVector source = ((VectorValue) values).vector();
            int rows = context.rowCount();
            MemorySegment validity = Vectors.validity(source, rows);
            Utf8Writer writer = new Utf8Writer(context.allocator(), rows, rows * 8L);
            try {
                for (int row = 0; row < rows; row++) {
                    if (!Bits.get(validity, row)) {
                        writer.appendNull();
                        continue;
                    }
                    BigDecimal value = source instanceof DecimalVector decimal ? decimal.getObject(row)
                            : (BigDecimal) source.getObject(row);
                    writer.append(value.toPlainString().getBytes(StandardCharsets.US_ASCII));
                    writer.endRow();
                }
                return VectorValue.owned(writer.finish());
            } catch (RuntimeException failure) {
                writer.abandon();
                throw failure;
            }
        }
    }
}
