package dev.pipetune.engine.plan;

import dev.pipetune.engine.block.ColumnWidening;
import dev.pipetune.engine.block.TypeNames;
import dev.pipetune.engine.block.TypePromotion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The columns of an input whose files' schemas differ, as Ray Data combines them (pyarrow's permissive schema
 * unification): every column that some file has, in order of first appearance (or in the order asked), with the type
 * that holds each file's type ({@link TypePromotion}); a file's blocks get nulls for the columns it lacks and its
 * narrower columns widened ({@link #conform}).
 *
 * @param fields the unified columns, in block order
 * @param uniform whether every file has exactly these columns with these types (nothing to conform)
 */
record UnifiedColumns(List<Field> fields, boolean uniform) {

    UnifiedColumns {
        fields = List.copyOf(fields);
    }

    /**
     * Unifies the schemas of an input's files.
     *
     * @param schemas each file's schema, in file order
     * @param files the files, for messages
     * @param wanted the columns asked for, in order; empty for all
     * @return the unified columns: the wanted ones some file has (a wanted column no file has is left out, for the
     *     caller to report), else every column some file has
     * @throws IllegalArgumentException naming the column, both types and both files when two files give a column
     *     types that no type holds both of
     */
    static UnifiedColumns of(List<Schema> schemas, List<Path> files, Optional<List<String>> wanted) {
        Map<String, Field> unified = new LinkedHashMap<>();
        Map<String, Integer> origins = new LinkedHashMap<>();
        wanted.ifPresent(names -> names.forEach(name -> unified.put(name, null)));
        boolean uniform = true;
        for (int index = 0; index < schemas.size(); index++) {
            Schema schema = schemas.get(index);
            int found = 0;
            for (Field field : schema.getFields()) {
                String name = field.getName();
                if (wanted.isPresent() && !unified.containsKey(name)) {
                    continue;
                }
                found++;
                Field known = unified.get(name);
                if (known == null) {
                    unified.put(name, field);
                    origins.put(name, index);
                    uniform &= index == 0;
                    continue;
                }
                if (TypeNames.sameType(field, known)) {
                    continue;
                }
                uniform = false;
                Optional<Field> common = TypePromotion.commonField(known, field);
                if (common.isEmpty()) {
                    throw new IllegalArgumentException("column '" + name + "' is " + TypeNames.describe(field)
                            + " in " + files.get(index) + " but " + TypeNames.describe(known) + " in "
                            + files.get(origins.get(name)) + "; every file must give a column the same type, or "
                            + "types that widen to one (such as int32 and int64, int64 and double, or structs whose "
                            + "common fields do)");
                }
                unified.put(name, common.get());
            }
            uniform &= found == unified.values().stream().filter(field -> field != null).count();
        }
        List<Field> fields = unified.values().stream().filter(field -> field != null).toList();
        return new UnifiedColumns(fields, uniform && fields.size() == unified.size());
    }

    /** Returns the unified columns' names, in block order. */
    List<String> names() {
        return fields.stream().map(Field::getName).toList();
    }

    /** Returns those of the unified columns that a file has, in block order. */
    List<String> namesIn(Schema schema) {
        List<String> present = new ArrayList<>();
        for (Field field : fields) {
            if (schema.getFields().stream().anyMatch(own -> own.getName().equals(field.getName()))) {
                present.add(field.getName());
            }
        }
        return present;
    }

    /**
     * Gives a batch of one file the unified columns: its own, widened where the unified type is wider, and nulls for
     * the ones it lacks; other columns (such as {@code path}) follow unchanged.
     *
     * @param batch a batch read from one of the files; owned by the result from now on
     * @param allocator allocates new columns
     * @return the batch itself when it has the unified columns already, else a new root the caller owns
     */
    VectorSchemaRoot conform(VectorSchemaRoot batch, BufferAllocator allocator) {
        if (uniform) {
            return batch;
        }
        int rows = batch.getRowCount();
        List<FieldVector> vectors = new ArrayList<>();
        List<FieldVector> replaced = new ArrayList<>();
        try {
            for (Field field : fields) {
                FieldVector own = batch.getVector(field.getName());
                if (own == null) {
                    vectors.add(ColumnWidening.nulls(field, rows, allocator));
                } else if (TypeNames.sameType(own.getField(), field)) {
                    vectors.add(own);
                } else {
                    vectors.add(ColumnWidening.conform(own, field, allocator));
                    replaced.add(own);
                }
            }
            for (FieldVector vector : batch.getFieldVectors()) {
                if (!vectors.contains(vector) && !replaced.contains(vector)) {
                    vectors.add(vector);
                }
            }
        } catch (RuntimeException | Error failure) {
            vectors.stream().filter(vector -> !batch.getFieldVectors().contains(vector)).forEach(FieldVector::close);
            batch.close();
            throw failure;
        }
        replaced.forEach(FieldVector::close);
        // The declared fields, not the vectors' own: a list vector may name its element differently ($data$).
        List<Field> declared = new ArrayList<>(fields);
        for (FieldVector extra : vectors.subList(fields.size(), vectors.size())) {
            declared.add(batch.getSchema().getFields().stream().filter(field -> field.getName().equals(
                    extra.getName())).findFirst().orElse(extra.getField()));
        }
        return new VectorSchemaRoot(declared, vectors, rows);
    }
}
