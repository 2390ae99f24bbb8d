package dev.pipetune.engine.sample;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link SampleData#write} wrote.
 *
 * @param directory the output folder
 * @param eventFiles the Parquet files, in order
 * @param csvFile the CSV copy of the first Parquet file
 * @param manifest the manifest file
 * @param eventBytes the total size of the Parquet files
 * @param csvBytes the size of the CSV file
 * @param docsBytes the total size of the documents
 */
public record SampleDataResult(Path directory, List<Path> eventFiles, Path csvFile, Path manifest, long eventBytes,
        long csvBytes, long docsBytes) {

    /** Copies the list of files. */
    public SampleDataResult {
        eventFiles = List.copyOf(eventFiles);
    }
}
