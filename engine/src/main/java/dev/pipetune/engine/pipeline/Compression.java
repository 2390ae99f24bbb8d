package dev.pipetune.engine.pipeline;

/** The codec of the files {@code write_parquet} writes. */
public enum Compression {
    /** Snappy: fast, moderate ratio; Ray's and pyarrow's default. */
    SNAPPY("snappy"),
    /** Gzip: slower, better ratio. */
    GZIP("gzip"),
    /** Zstandard: good ratio at good speed. */
    ZSTD("zstd"),
    /** No compression. */
    NONE("none");

    private final String fileName;

    Compression(String fileName) {
        this.fileName = fileName;
    }

    /** Returns the name used in pipeline files. */
    public String fileName() {
        return fileName;
    }
}
