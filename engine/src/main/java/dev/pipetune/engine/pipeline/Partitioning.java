package dev.pipetune.engine.pipeline;

/**
 * How a read step takes column values from the folders its files lie in, as Ray Data's {@code partitioning}
 * argument does.
 */
public enum Partitioning {
    /**
     * Hive style, Ray's default for {@code read_parquet}, {@code read_csv} and {@code read_json}: every folder named
     * {@code key=value} on a file's path gives its rows a string column {@code key} holding the URL-decoded
     * {@code value}.
     */
    HIVE("hive"),
    /** No columns from folder names; Ray's {@code partitioning=None}, its default for {@code read_binary_files}. */
    NONE("none");

    private final String fileName;

    Partitioning(String fileName) {
        this.fileName = fileName;
    }

    /** Returns the name used in pipeline files ({@code null} also means {@link #NONE}). */
    public String fileName() {
        return fileName;
    }

    /**
     * Returns what a read step of the given kind uses when its file says nothing, as Ray Data's defaults are.
     *
     * @param kind a read step's kind
     * @return {@link #NONE} for {@code read_binary_files}, else {@link #HIVE}
     */
    public static Partitioning defaultFor(StepKind kind) {
        return kind == StepKind.READ_BINARY_FILES ? NONE : HIVE;
    }
}
