package dev.pipetune.engine.io;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Thrown when a data file cannot be read: it is malformed, or a value does not fit its column. The message names the
 * file, the 1-based line and, when known, the 1-based column and the column's name, as in
 * {@code data/a.csv, line 12, column 5 (qty): 'x' is not a int64, the type inferred from the first 1000 rows}, or
 * for JSON, where columns are keys, {@code data/a.json, line 3, key 'tags': nested arrays are unsupported ...}.
 */
public final class DataFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final int column;
    private final String columnName;
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param file the file being read
     * @param line the 1-based line where the problem is, or 0 if unknown
     * @param column the 1-based column (field) number, or 0 if unknown or not applicable (JSON)
     * @param columnName the column's name or JSON key, or {@code null} if unknown
     * @param problem what is wrong, without the position
     * @param cause the underlying exception, or {@code null}
     */
    public DataFileException(Path file, long line, int column, String columnName, String problem, Throwable cause) {
        super(describe(requireNonNull(file, "file").toString(), line, column, columnName,
                requireNonNull(problem, "problem")), cause);
        this.file = file.toString();
        this.line = line;
        this.column = column;
        this.columnName = columnName;
        this.problem = problem;
    }

    /**
     * Creates an exception about a whole line.
     *
     * @param file the file being read
     * @param line the 1-based line, or 0 if unknown
     * @param problem what is wrong
     * @return the exception
     */
    public static DataFileException atLine(Path file, long line, String problem) {
        return new DataFileException(file, line, 0, null, problem, null);
    }

    /** Returns the file, as it was named to the reader. */
    public String file() {
        return file;
    }

    /** Returns the 1-based line, or 0 if unknown. */
    public long line() {
        return line;
    }

    /** Returns the 1-based column number, or 0 if unknown or not applicable. */
    public int column() {
        return column;
    }

    /** Returns the column's name, or {@code null} if unknown. */
    public String columnName() {
        return columnName;
    }

    /** Returns what is wrong, without the position. */
    public String problem() {
        return problem;
    }

    private static String describe(String file, long line, int column, String columnName, String problem) {
        StringBuilder message = new StringBuilder(file);
        if (line > 0) {
            message.append(", line ").append(line);
        }
        if (column > 0) {
            message.append(", column ").append(column);
        }
        if (columnName != null) {
            message.append(column > 0 ? " (" + columnName + ")" : ", key '" + columnName + "'");
        }
        return message.append(": ").append(problem).toString();
    }
}
