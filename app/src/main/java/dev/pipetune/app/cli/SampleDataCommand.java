package dev.pipetune.app.cli;

import dev.pipetune.engine.sample.SampleData;
import dev.pipetune.engine.sample.SampleDataOptions;
import dev.pipetune.engine.sample.SampleDataResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pipetune sample-data DIR [--rows N] [--docs N] [--seed S]}: writes the events Parquet dataset, its CSV copy
 * and the documents folder that the examples read, deterministically for a seed.
 */
@Command(name = "sample-data",
        mixinStandardHelpOptions = true,
        description = {
            "Write the sample data the examples read: DIR/events (Parquet), DIR/events_csv (CSV copy of the first",
            "file) and DIR/docs (HTML and text documents). The same options always give the same bytes."
        })
public final class SampleDataCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "Where to write, e.g. examples/data.")
    private Path directory;

    @Option(names = "--rows", paramLabel = "N", description = "Event rows (default: ${DEFAULT-VALUE}).")
    private long rows = SampleDataOptions.DEFAULT_ROWS;

    @Option(names = "--docs", paramLabel = "N", description = "Documents (default: ${DEFAULT-VALUE}).")
    private int docs = SampleDataOptions.DEFAULT_DOCS;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    private long seed = SampleDataOptions.DEFAULT_SEED;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SampleDataOptions options;
        try {
            options = SampleDataOptions.defaults().withRows(rows).withDocs(docs).withSeed(seed);
        } catch (IllegalArgumentException invalid) {
            err.println("pipetune sample-data: " + invalid.getMessage());
            return PipetuneCommand.INVALID;
        }
        long start = System.nanoTime();
        try (RootAllocator allocator = new RootAllocator()) {
            SampleDataResult result = SampleData.write(directory, options, allocator, progress -> { });
            out.printf(Locale.ROOT, "wrote %d rows in %d Parquet files (%.1f MB), a CSV copy (%.1f MB) and %d "
                    + "documents (%.1f MB) to %s in %.1fs%n", options.rows(), result.eventFiles().size(),
                    result.eventBytes() / 1e6, result.csvBytes() / 1e6, options.docs(), result.docsBytes() / 1e6,
                    result.directory(), (System.nanoTime() - start) / 1e9);
            return PipetuneCommand.SUCCESS;
        } catch (IOException | IllegalArgumentException failed) {
            err.println("pipetune sample-data: " + failed.getMessage());
            return PipetuneCommand.FAILURE;
        }
    }
}
