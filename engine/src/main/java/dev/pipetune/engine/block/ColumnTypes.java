package dev.pipetune.engine.block;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Compares the column types that two inputs give, so that blocks from different files meet downstream only when their
 * columns agree, and an error names both files otherwise: the planner checks Parquet footers, the aggregate and the
 * write check blocks of files whose schemas were inferred one by one (CSV, JSON lines).
 */
public final class ColumnTypes {

    private ColumnTypes() {
    }

    /**
     * Finds the first of the columns that both schemas have but with different types.
     *
     * @param columns the columns to compare; a column missing from either schema is skipped
     * @param schema one input's schema
     * @param origin that input, for the message
     * @param expected the schema the first input gave
     * @param expectedOrigin the first input, for the message
     * @return the message naming the column, both types and both inputs; empty when the types agree
     */
    public static Optional<String> difference(Collection<String> columns, Schema schema, String origin,
            Schema expected, String expectedOrigin) {
        requireNonNull(columns, "columns");
        for (String column : columns) {
            Optional<Field> actual = field(schema, column);
            Optional<Field> wanted = field(expected, column);
            if (actual.isPresent() && wanted.isPresent() && !TypeNames.sameType(actual.get(), wanted.get())) {
                return Optional.of("column '" + column + "' is " + TypeNames.describe(actual.get()) + " in " + origin
                        + " but " + TypeNames.describe(wanted.get()) + " in " + expectedOrigin
                        + "; every file must give a column the same type");
            }
        }
        return Optional.empty();
    }

    /**
     * Requires a schema to have the expected columns, in the same order, with the same types.
     *
     * @param schema one input's (decoded) schema
     * @param origin that input, for the message
     * @param expected the schema the first input gave
     * @param expectedOrigin the first input, for the message
     * @param rule what requires it, ending the message when the columns differ, e.g. {@code "every file written to
     *     one output must give the same columns"}
     * @throws IllegalArgumentException naming both inputs and the columns, or the first column whose types differ
     */
    public static void requireSame(Schema schema, String origin, Schema expected, String expectedOrigin,
            String rule) {
        List<String> names = schema.getFields().stream().map(Field::getName).toList();
        List<String> wantedNames = expected.getFields().stream().map(Field::getName).toList();
        if (!names.equals(wantedNames)) {
            throw new IllegalArgumentException(origin + " gives the columns " + String.join(", ", names) + " but "
                    + expectedOrigin + " gives " + String.join(", ", wantedNames) + "; " + rule);
        }
        difference(names, schema, origin, expected, expectedOrigin).ifPresent(difference -> {
            throw new IllegalArgumentException(difference);
        });
    }

    private static Optional<Field> field(Schema schema, String column) {
        return schema.getFields().stream().filter(field -> field.getName().equals(column)).findFirst();
    }
}
