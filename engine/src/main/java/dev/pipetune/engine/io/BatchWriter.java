package dev.pipetune.engine.io;

import java.io.IOException;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes Arrow batches to one output file, atomically: the data goes to a temporary file in the same folder (its name
 * starts with {@code .}, so {@link FileListing} never lists it) and only {@link #commit()} renames it to the final
 * name. {@link #abort()}, or {@link #close()} without a commit, deletes it, so a failed run never leaves a
 * half-written file behind.
 *
 * <p>Usage: {@code try (BatchWriter writer = ...) { writer.write(batch); ...; writer.commit(); }} &mdash; an exception
 * thrown before {@code commit()} leaves no output. Batches passed to {@link #write} are borrowed: the caller keeps
 * ownership and may close them right after the call. A writer is used by one thread at a time.
 */
public interface BatchWriter extends AutoCloseable {

    /**
     * Appends a batch's rows.
     *
     * @param batch a batch whose schema matches the writer's (borrowed)
     * @throws IllegalArgumentException if the batch's schema does not match
     * @throws IllegalStateException if the writer was already committed, aborted or closed
     * @throws IOException if writing fails
     */
    void write(VectorSchemaRoot batch) throws IOException;

    /**
     * Finishes the file and renames it to its final name, replacing a file of that name.
     *
     * @throws IllegalStateException if the writer was already aborted or closed
     * @throws IOException if finishing or renaming fails; the temporary file is deleted
     */
    void commit() throws IOException;

    /** Deletes the temporary file; does nothing after a commit or a previous abort. Never throws. */
    void abort();

    /** Aborts unless {@link #commit()} succeeded. */
    @Override
    void close();

    /**
     * Checks that a batch has a writer's column names and types, in order.
     *
     * @param expected the writer's schema
     * @param actual the batch's schema
     * @throws IllegalArgumentException naming the first difference
     */
    static void requireSameColumns(Schema expected, Schema actual) {
        List<Field> want = expected.getFields();
        List<Field> got = actual.getFields();
        if (want.size() != got.size()) {
            throw new IllegalArgumentException("the batch has " + got.size() + " columns, the writer's schema "
                    + want.size() + ": " + actual + " vs " + expected);
        }
        for (int column = 0; column < want.size(); column++) {
            Field wanted = want.get(column);
            Field given = got.get(column);
            if (!wanted.getName().equals(given.getName()) || !wanted.getType().equals(given.getType())) {
                throw new IllegalArgumentException("column " + (column + 1) + " of the batch is " + given
                        + ", the writer expects " + wanted);
            }
        }
    }
}
