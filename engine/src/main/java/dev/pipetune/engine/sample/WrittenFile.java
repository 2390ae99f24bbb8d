package dev.pipetune.engine.sample;

import java.nio.file.Path;

/**
 * A file the generator wrote.
 *
 * @param path where
 * @param rows its rows (events), or 0 for a document
 * @param bytes its size
 */
record WrittenFile(Path path, long rows, long bytes) {
}
