package dev.pipetune.engine.io.parquet;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** A column's Parquet type cannot be read (or written) faithfully, so the column is rejected instead of guessed. */
public final class UnsupportedParquetTypeException extends ParquetReadException {

    private static final long serialVersionUID = 1L;

    private final String column;

    /**
     * Creates an exception for one column.
     *
     * @param file the file
     * @param column the column's dotted path
     * @param type the column's Parquet type as text
     * @param reason why it is not supported
     */
    public UnsupportedParquetTypeException(Path file, String column, String type, String reason) {
        super(file, "unsupported column '" + requireNonNull(column, "column") + "' of type "
                + requireNonNull(type, "type") + ": " + requireNonNull(reason, "reason"), null);
        this.column = column;
    }

    /**
     * Returns the column that is not supported.
     *
     * @return the column's dotted path
     */
    public String column() {
        return column;
    }
}
