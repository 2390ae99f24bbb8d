package dev.pipetune.engine.execution;

import dev.pipetune.engine.block.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes blocks into one file of some format (Parquet, CSV, JSON lines). Stateless and thread-safe. */
public interface FileFormatWriter {

    /** Returns the file name extension, without the dot, such as {@code parquet}. */
    String extension();

    /**
     * Writes blocks, all of the same schema, into a new file; on failure the file may be left behind (the write
     * operator removes its whole temporary folder).
     *
     * @param blocks the rows, borrowed
     * @param file where to write
     * @throws IOException if writing fails
     */
    void write(List<Block> blocks, Path file) throws IOException;
}
