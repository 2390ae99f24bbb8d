package dev.pipetune.engine.pipeline;

/** The shape in which a user function receives a batch: Arrow vectors, or one row at a time as a map. */
public enum BatchFormat {
    /** Arrow record batches: vectorized, zero-copy. */
    ARROW("arrow"),
    /** A list of rows, each a map from column name to value: convenient and slow. */
    ROWS("rows");

    private final String fileName;

    BatchFormat(String fileName) {
        this.fileName = fileName;
    }

    /** Returns the name used in pipeline files. */
    public String fileName() {
        return fileName;
    }
}
