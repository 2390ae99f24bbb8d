package dev.pipetune.engine.expression.evaluation;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.expression.ExpressionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The built-in {@code with_columns} batch function: adds (or replaces) columns computed by expressions, like
 * Polars' {@code with_columns} and the pipeline file's {@code fn_kwargs: {amount: "value * qty"}}.
 *
 * <p>Guarantees: the output has the input's columns in order (shared zero-copy), each expression's result replacing
 * the same-named column in place or appended at the end, in the map's order; later expressions see the columns
 * computed by earlier ones. The input batch is borrowed: never modified and still valid afterwards (so a failed
 * batch can be retried); the output root is new and owned by the caller. Immutable and thread-safe.
 */
public final class WithColumns {

    /** One output column: its name, where it goes and how it is computed. */
    private record Assignment(String name, int replacedIndex, CompiledExpression expression) {
    }

    private final Schema inputSchema;
    private final Schema outputSchema;
    private final List<Assignment> assignments;

    private WithColumns(Schema inputSchema, Schema outputSchema, List<Assignment> assignments) {
        this.inputSchema = inputSchema;
        this.outputSchema = outputSchema;
        this.assignments = assignments;
    }

    /**
     * Compiles the expressions against the input schema, each against the schema as extended by the ones before it.
     *
     * @param expressions column name to expression text, in order (iteration order of the map is kept)
     * @param inputSchema the schema of the input batches
     * @return the function
     * @throws ExpressionException if an expression does not parse or compile; the message starts with the column
     *     name, the position is in that expression's text
     */
    public static WithColumns compile(Map<String, String> expressions, Schema inputSchema) {
        requireNonNull(expressions, "expressions");
        requireNonNull(inputSchema, "inputSchema");
        List<Field> fields = new ArrayList<>(inputSchema.getFields());
        List<Assignment> assignments = new ArrayList<>();
        for (Map.Entry<String, String> entry : new LinkedHashMap<>(expressions).entrySet()) {
            String name = requireNonNull(entry.getKey(), "column name");
            CompiledExpression expression;
            try {
                expression = CompiledExpression.compile(requireNonNull(entry.getValue(), "expression"),
                        new Schema(fields));
            } catch (ExpressionException failure) {
                throw new ExpressionException(name + ": " + failure.detail(), failure.position());
            }
            int replaced = indexOf(fields, name);
            Field field = expression.resultField(name);
            if (replaced >= 0) {
                fields.set(replaced, field);
            } else {
                fields.add(field);
            }
            assignments.add(new Assignment(name, replaced, expression));
        }
        return new WithColumns(inputSchema, new Schema(fields), List.copyOf(assignments));
    }

    private static int indexOf(List<Field> fields, String name) {
        for (int index = 0; index < fields.size(); index++) {
            if (fields.get(index).getName().equals(name)) {
                return index;
            }
        }
        return -1;
    }

    /**
     * The schema the expressions were compiled against.
     *
     * @return the input schema
     */
    public Schema inputSchema() {
        return inputSchema;
    }

    /**
     * The schema of the results.
     *
     * @return the input fields with the computed ones replaced or appended
     */
    public Schema outputSchema() {
        return outputSchema;
    }

    /**
     * Computes the columns for one batch.
     *
     * @param batch the input; borrowed, never modified
     * @param allocator allocates the output (of the same root allocator as the batch's buffers)
     * @return a new root with {@link #outputSchema()}'s columns and the batch's row count, owned by the caller
     * @throws ExpressionEvaluationException if the data makes an expression fail; nothing is leaked
     */
    public VectorSchemaRoot apply(VectorSchemaRoot batch, BufferAllocator allocator) {
        requireNonNull(batch, "batch");
        requireNonNull(allocator, "allocator");
        int rowCount = batch.getRowCount();
        List<FieldVector> columns = new ArrayList<>();
        try {
            for (FieldVector column : batch.getFieldVectors()) {
                columns.add(Vectors.share(column, column.getName(), allocator, rowCount));
            }
            for (Assignment assignment : assignments) {
                List<Field> fields = columns.stream().map(FieldVector::getField).toList();
                VectorSchemaRoot view = new VectorSchemaRoot(fields, columns, rowCount);
                FieldVector result = assignment.expression().evaluate(view, allocator, assignment.name());
                int index = assignment.replacedIndex();
                if (index >= 0 && index < columns.size() && columns.get(index).getName().equals(assignment.name())) {
                    columns.get(index).close();
                    columns.set(index, result);
                } else {
                    columns.add(result);
                }
            }
        } catch (RuntimeException failure) {
            columns.forEach(FieldVector::close);
            throw failure;
        }
        VectorSchemaRoot result = new VectorSchemaRoot(columns);
        result.setRowCount(rowCount);
        return result;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("with_columns(");
        for (int index = 0; index < assignments.size(); index++) {
            Assignment assignment = assignments.get(index);
            text.append(index == 0 ? "" : ", ").append(assignment.name()).append(" = ")
                    .append(assignment.expression().expression().toSource());
        }
        return text.append(')').toString();
    }
}
