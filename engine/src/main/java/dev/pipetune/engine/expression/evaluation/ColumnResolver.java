package dev.pipetune.engine.expression.evaluation;

import dev.pipetune.engine.expression.ExpressionException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Finds referenced columns in the schema, and explains what is wrong when one is missing or unusable. */
final class ColumnResolver {

    private static final int LISTED_COLUMNS = 30;

    private final Schema schema;
    private final SourceText source;

    ColumnResolver(Schema schema, SourceText source) {
        this.schema = schema;
        this.source = source;
    }

    /**
     * The node reading a column: the column itself, or for a decimal column its values as float64.
     *
     * @param name the column name as referenced
     * @return the node
     * @throws ExpressionException if there is no such column, or its type cannot be used in expressions
     */
    Node resolve(String name) {
        List<Field> fields = schema.getFields();
        for (int index = 0; index < fields.size(); index++) {
            Field field = fields.get(index);
            if (field.getName().equals(name)) {
                if (field.getDictionary() != null) {
                    throw new ExpressionException("column '" + name + "' is dictionary-encoded; expressions need "
                            + "it decoded first", source.positionOfColumn(name));
                }
                if (field.getType() instanceof ArrowType.Decimal) {
                    return new DecimalDoublesNode(new ColumnNode(index, name, field.getType()));
                }
                if (TypeKind.of(field.getType()) == TypeKind.UNSUPPORTED) {
                    throw new ExpressionException("column '" + name + "' has type " + Types.describe(field.getType())
                            + ", which expressions cannot use", source.positionOfColumn(name));
                }
                return new ColumnNode(index, name, field.getType());
            }
        }
        throw new ExpressionException(missing(name), source.positionOfColumn(name));
    }

    private String missing(String name) {
        StringBuilder message = new StringBuilder("unknown column '").append(name).append('\'');
        nearest(name).ifPresent(nearest -> message.append("; did you mean '").append(nearest).append("'?"));
        if (source.isDoubleQuoted(name)) {
            message.append(" (\"").append(name).append("\" in double quotes is a column name; use single quotes for ")
                    .append("strings: '").append(name).append("')");
        }
        List<String> names = schema.getFields().stream().map(Field::getName).toList();
        if (names.isEmpty()) {
            message.append("; the input has no columns");
        } else {
            message.append("; available columns: ").append(names.stream().limit(LISTED_COLUMNS)
                    .collect(Collectors.joining(", ")));
            if (names.size() > LISTED_COLUMNS) {
                message.append(" and ").append(names.size() - LISTED_COLUMNS).append(" more");
            }
        }
        return message.toString();
    }

    /** The column nearest to a misspelt name: same name ignoring case, else within a small edit distance. */
    private Optional<String> nearest(String name) {
        List<String> names = schema.getFields().stream().map(Field::getName).toList();
        for (String candidate : names) {
            if (candidate.equalsIgnoreCase(name)) {
                return Optional.of(candidate);
            }
        }
        int limit = Math.max(1, Math.min(3, name.length() / 3));
        LevenshteinDistance distance = new LevenshteinDistance(limit);
        String lowerCaseName = name.toLowerCase(Locale.ROOT);
        record Candidate(String name, int distance) {
        }
        return names.stream()
                .map(candidate -> new Candidate(candidate,
                        distance.apply(lowerCaseName, candidate.toLowerCase(Locale.ROOT))))
                .filter(candidate -> candidate.distance() >= 0)
                .min(Comparator.comparingInt(Candidate::distance))
                .map(Candidate::name);
    }
}
