package dev.pipetune.engine.io.json;

import dev.pipetune.engine.io.ColumnLoader;
import dev.pipetune.engine.io.ColumnType;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Sets parsed JSON lists and objects into the list and struct vectors of a column whose {@link JsonType} is nested,
 * at any depth: a list's items go to its data vector after the entries already there, an object's keys to the
 * struct's children (a key the object lacks is null there). One batch's loader; not thread-safe.
 */
final class NestedJsonLoader {

    private final Map<FieldVector, ColumnLoader> scalars = new IdentityHashMap<>();

    /**
     * Sets one value.
     *
     * @param vector the vector (the column's, or a child's)
     * @param index the position in it
     * @param value a parsed value or {@code null}
     * @param type the vector's inferred type ({@code null}: unknown, a utf8 vector)
     * @return {@code false} when the value does not fit the type (the caller reports it)
     */
    boolean set(FieldVector vector, int index, Object value, JsonType type) {
        if (value == null) {
            vector.setNull(index);
            return true;
        }
        return switch (vector) {
            case ListVector list when value instanceof List<?> items && type instanceof JsonType.ListOf listType ->
                    setList(list, index, items, listType.element());
            case StructVector struct when value instanceof Map<?, ?> object
                    && type instanceof JsonType.ObjectOf objectType -> setObject(struct, index, object, objectType);
            case ListVector list -> false;
            case StructVector struct -> false;
            default -> setScalar(vector, index, value, type);
        };
    }

    private boolean setList(ListVector list, int index, List<?> items, JsonType element) {
        int start = list.startNewValue(index);
        FieldVector data = list.getDataVector();
        for (int item = 0; item < items.size(); item++) {
            if (!set(data, start + item, items.get(item), element)) {
                return false;
            }
        }
        list.endValue(index, items.size());
        return true;
    }

    private boolean setObject(StructVector struct, int index, Map<?, ?> object, JsonType.ObjectOf type) {
        if (!type.fields().keySet().containsAll(object.keySet())) {
            return false;
        }
        struct.setIndexDefined(index);
        for (Map.Entry<String, JsonType> field : type.fields().entrySet()) {
            FieldVector child = (FieldVector) struct.getChild(field.getKey());
            if (!set(child, index, object.get(field.getKey()), field.getValue())) {
                return false;
            }
        }
        return true;
    }

    private boolean setScalar(FieldVector vector, int index, Object value, JsonType type) {
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            return false;
        }
        ColumnLoader loader = scalars.computeIfAbsent(vector, scalar -> new ColumnLoader(
                type instanceof JsonType.Scalar known ? known.type() : ColumnType.UTF8, scalar));
        return setScalar(loader, index, value);
    }

    /**
     * Sets a parsed scalar through a column loader.
     *
     * @param loader the column's loader
     * @param index the position
     * @param value a Long, Double, Boolean or String
     * @return {@code false} when the value does not fit the loader's type
     */
    static boolean setScalar(ColumnLoader loader, int index, Object value) {
        return switch (value) {
            case Long number -> loader.setLong(index, number);
            case Double number -> loader.setDouble(index, number);
            case Boolean bool -> loader.setBoolean(index, bool ? 1 : 0);
            case String text -> loader.setJsonString(index, text);
            default -> false;
        };
    }
}
