package dev.pipetune.engine.sample;

import dev.pipetune.engine.io.csv.CsvWriter;
import dev.pipetune.engine.io.parquet.ParquetCompression;
import dev.pipetune.engine.io.parquet.ParquetWriter;
import dev.pipetune.engine.io.parquet.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes the events: one Parquet file per planned {@link EventFile}, snappy, one row group per planned row group, and
 * the rows of the first file once more as CSV. One slice is in memory at a time; while the calling thread writes it
 * to Parquet, a worker thread writes it to CSV (both only read it), and the slice is closed when both are done.
 */
final class EventsWriter {

    /** The CSV copy's file name. */
    static final String CSV_NAME = "part-00000.csv";

    /** Row groups end by row count ({@link ParquetWriter#endRowGroup()}), never by size. */
    private static final WriteOptions OPTIONS = WriteOptions.defaults(ParquetCompression.SNAPPY)
            .withRowGroupBytes(Long.MAX_VALUE);

    private final EventGenerator generator;
    private final BufferAllocator allocator;
    private final ProgressTracker progress;
    private final ExecutorService csvThread;

    /**
     * Creates a writer.
     *
     * @param generator the values
     * @param allocator where slices are allocated
     * @param progress counts the rows written
     * @param csvThread runs the CSV writes, one at a time
     */
    EventsWriter(EventGenerator generator, BufferAllocator allocator, ProgressTracker progress,
            ExecutorService csvThread) {
        this.generator = generator;
        this.allocator = allocator;
        this.progress = progress;
        this.csvThread = csvThread;
    }

    /**
     * Writes the files.
     *
     * @param files the planned files
     * @param parquetFolder where the Parquet files go
     * @param csvFolder where the CSV file goes
     * @return the Parquet files written, with their sizes
     * @throws IOException if a file cannot be written
     * @throws InterruptedException if the thread is interrupted between slices
     */
    List<WrittenFile> write(List<EventFile> files, Path parquetFolder, Path csvFolder)
            throws IOException, InterruptedException {
        List<WrittenFile> written = new ArrayList<>();
        for (EventFile file : files) {
            Path path = parquetFolder.resolve(file.name());
            CsvWriter csv = file.index() == 0 ? CsvWriter.create(csvFolder.resolve(CSV_NAME), EventSchema.SCHEMA)
                    : null;
            try (ParquetWriter parquet = ParquetWriter.create(path, EventSchema.SCHEMA, OPTIONS)) {
                writeFile(file, parquet, csv);
                if (csv != null) {
                    csv.commit();
                }
            } finally {
                if (csv != null) {
                    csv.close();
                }
            }
            written.add(new WrittenFile(path, file.rows(), Files.size(path)));
        }
        return written;
    }

    private void writeFile(EventFile file, ParquetWriter parquet, CsvWriter csv)
            throws IOException, InterruptedException {
        try {
            for (List<EventSlice> rowGroup : file.rowGroups()) {
                for (EventSlice slice : rowGroup) {
                    if (Thread.interrupted()) {
                        throw new InterruptedException("sample data generation was interrupted");
                    }
                    try (VectorSchemaRoot batch = generator.generate(slice, allocator)) {
                        writeSlice(batch, parquet, csv);
                    }
                    progress.addRows(slice.rows());
                }
                parquet.endRowGroup();
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            parquet.abort();
            throw e;
        }
    }

    /** Writes a slice to Parquet here and to CSV on the worker; returns once both are done with it. */
    private void writeSlice(VectorSchemaRoot batch, ParquetWriter parquet, CsvWriter csv) throws IOException {
        if (csv == null) {
            parquet.write(batch);
            return;
        }
        Future<Void> csvWrite = csvThread.submit(() -> {
            csv.write(batch);
            return null;
        });
        try {
            parquet.write(batch);
        } catch (IOException | RuntimeException | Error e) {
            try {
                awaitUninterruptibly(csvWrite);
            } catch (ExecutionException csvFailure) {
                e.addSuppressed(csvFailure.getCause());
            }
            throw e;
        }
        try {
            awaitUninterruptibly(csvWrite);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException("writing the CSV file failed", cause);
        }
    }

    /**
     * Waits for a task even when interrupted (the batch it reads must not be closed before it ends), then restores
     * the interrupt, which the next slice reports.
     */
    private static void awaitUninterruptibly(Future<Void> task) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    task.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
