package dev.pipetune.engine.io.parquet;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/** A caller asked for a column that the file does not have. The message lists the columns it does have. */
public final class UnknownColumnException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String column;
    private final List<String> availableColumns;

    /**
     * Creates an exception.
     *
     * @param file the file
     * @param column the requested column
     * @param availableColumns the file's top-level columns, in schema order
     */
    public UnknownColumnException(Path file, String column, List<String> availableColumns) {
        super(requireNonNull(file, "file") + ": no column '" + requireNonNull(column, "column")
                + "'; available columns: " + String.join(", ", availableColumns));
        this.file = file;
        this.column = column;
        this.availableColumns = List.copyOf(availableColumns);
    }

    /**
     * Returns the file.
     *
     * @return the file's path
     */
    public Path file() {
        return file;
    }

    /**
     * Returns the column that was asked for.
     *
     * @return the missing column's name
     */
    public String column() {
        return column;
    }

    /**
     * Returns the columns the file has.
     *
     * @return the top-level column names, in schema order
     */
    public List<String> availableColumns() {
        return availableColumns;
    }
}
