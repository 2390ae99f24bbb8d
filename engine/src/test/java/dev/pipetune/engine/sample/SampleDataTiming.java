package dev.pipetune.engine.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Measures how long the default sample data (1,000,000 events, 2,000 documents) takes to write. Not a test: run
 * {@code main} with an output folder (default: a new temporary folder) and optionally the number of runs.
 */
public final class SampleDataTiming {

    private SampleDataTiming() {
    }

    /**
     * Writes the default sample data and prints the time of each run.
     *
     * @param arguments the output folder and the number of runs, both optional
     * @throws Exception if writing fails
     */
    public static void main(String[] arguments) throws Exception {
        Path out = arguments.length > 0 ? Path.of(arguments[0]) : Files.createTempDirectory("pipetune-sample");
        int runs = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 1;
        SampleDataOptions options = SampleDataOptions.defaults();
        for (int run = 1; run <= runs; run++) {
            try (BufferAllocator allocator = new RootAllocator()) {
                long start = System.nanoTime();
                SampleDataResult result = SampleData.write(out, options, allocator, SampleDataListener.none());
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("run %d: %.2f s for %,d rows and %,d docs into %s: events %,d bytes, csv %,d bytes,"
                        + " docs %,d bytes, peak direct memory %,d bytes%n", run, seconds, options.rows(),
                        options.docs(), result.directory(), result.eventBytes(), result.csvBytes(), result.docsBytes(),
                        allocator.getPeakMemoryAllocation());
            }
        }
    }
}
