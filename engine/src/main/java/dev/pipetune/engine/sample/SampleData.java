package dev.pipetune.engine.sample;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes the bundled sample dataset, the input of the example pipelines and of the anchor workloads, into a folder:
 *
 * <ul>
 *   <li>{@code events/part-NNNNN.parquet}: the events, spread evenly over files of at most 1,250,000 rows, in row
 *       groups of 250,000 rows, snappy; the columns and value distributions of the reference generator
 *       ({@link #eventsSchema()}): {@code id} the global row number, {@code ts} 2024-01-01 plus a uniform time in
 *       366 days, {@code user_id} uniform in [0, 1,000,000), {@code category} one of {@code category_00} to
 *       {@code category_49} with P(i) proportional to 1/sqrt(i+1), {@code value} k/2^20 with k uniform in
 *       [0, 100&middot;2^20), {@code qty} uniform in [1, 10], {@code flag} true with probability 1/2, {@code text} a
 *       slice of 20 to 200 ASCII characters of a word corpus, {@code x0} to {@code x5} uniform in [0, 1); no
 *       nulls;</li>
 *   <li>{@code events_csv/part-00000.csv}: the rows of the first Parquet file as CSV with a header, as
 *       {@link dev.pipetune.engine.io.csv.CsvWriter} writes it;</li>
 *   <li>{@code docs/doc_NNNNN.txt} or {@code .html}: the documents, ASCII, 1 to 20 KiB each (see
 *       {@link DocumentGenerator});</li>
 *   <li>{@code MANIFEST.json}: the parameters, the generator version and the sizes.</li>
 * </ul>
 *
 * <p><b>Determinism.</b> Every value derives from the seed through counter-based streams that are fixed per column
 * and per slice, so the same options give byte-identical files on every run and machine (with the same
 * {@link #GENERATOR_VERSION} and Parquet library). The values are not those of the Python reference generator, so the
 * expected checksums of workloads.md do not apply; the distributions are the same.
 *
 * <p><b>Atomicity.</b> The three folders are written under hidden temporary names beside their final places and
 * swapped in only when everything is written; a failure or an interruption leaves the previous content as it was.
 * An existing {@code events}, {@code events_csv} or {@code docs} folder is replaced only when it holds nothing but
 * files of the names this class writes, otherwise the call fails before writing anything. Each file is also written
 * under a temporary name and renamed. {@code MANIFEST.json} is removed before the swap and written last, so a
 * manifest always describes the data beside it.
 *
 * <p><b>Resources.</b> Events are generated in slices of at most 62,500 rows into vectors from a child of the
 * caller's allocator, one slice at a time, so memory stays bounded whatever the number of rows. While the calling
 * thread writes the Parquet files, one worker thread writes the CSV copy and another the documents.
 */
public final class SampleData {

    /** The version of the generator's output: another version may give other bytes for the same options. */
    public static final int GENERATOR_VERSION = 1;
    /** The folder of the Parquet files. */
    public static final String EVENTS_FOLDER = "events";
    /** The folder of the CSV file. */
    public static final String CSV_FOLDER = "events_csv";
    /** The folder of the documents. */
    public static final String DOCS_FOLDER = "docs";
    /** The manifest's file name. */
    public static final String MANIFEST = Manifest.NAME;

    /** One thread writes the documents, one the CSV copy, while the calling thread writes Parquet. */
    private static final int WORKERS = 2;
    private static final Pattern EVENT_FILE = Pattern.compile("part-\\d{5}\\.parquet");
    private static final Pattern DOCUMENT_FILE = Pattern.compile("doc_\\d{5}\\.(txt|html)");

    private SampleData() {
    }

    /** Returns the schema of the events, in file order (the fields are nullable, as pyarrow writes them). */
    public static Schema eventsSchema() {
        return EventSchema.SCHEMA;
    }

    /**
     * Writes the sample dataset into a folder, creating it if needed.
     *
     * @param directory the output folder
     * @param options how many events and documents, and the seed
     * @param allocator the parent of the allocator the events are generated in (borrowed)
     * @param listener receives the progress, from this thread and the documents' thread, one call at a time
     * @return the files written and their sizes
     * @throws java.nio.file.FileAlreadyExistsException if {@code events}, {@code events_csv} or {@code docs} exists
     *     in the folder and holds files this class does not write; nothing is written then
     * @throws IOException if a file cannot be written; the previous content is left as it was
     * @throws InterruptedException if the thread is interrupted; the previous content is left as it was
     */
    public static SampleDataResult write(Path directory, SampleDataOptions options, BufferAllocator allocator,
            SampleDataListener listener) throws IOException, InterruptedException {
        return write(directory, options, EventLayout.DEFAULT, allocator, listener);
    }

    /**
     * Writes the sample dataset with another layout of the events (for tests: small files and row groups).
     *
     * @param directory the output folder
     * @param options how many events and documents, and the seed
     * @param layout the sizes of files, row groups and slices
     * @param allocator the parent of the allocator the events are generated in (borrowed)
     * @param listener receives the progress
     * @return the files written and their sizes
     * @throws IOException if a file cannot be written or a folder may not be replaced
     * @throws InterruptedException if the thread is interrupted
     */
    static SampleDataResult write(Path directory, SampleDataOptions options, EventLayout layout,
            BufferAllocator allocator, SampleDataListener listener) throws IOException, InterruptedException {
        requireNonNull(directory, "directory");
        requireNonNull(options, "options");
        requireNonNull(layout, "layout");
        requireNonNull(allocator, "allocator");
        requireNonNull(listener, "listener");
        List<EventFile> plan = layout.plan(options.rows());
        Path root = directory.toAbsolutePath();
        Files.createDirectories(root);
        List<StagedFolder> staged = new ArrayList<>();
        try {
            StagedFolder events = stage(staged, root.resolve(EVENTS_FOLDER),
                    name -> EVENT_FILE.matcher(name).matches());
            StagedFolder csv = stage(staged, root.resolve(CSV_FOLDER), EventsWriter.CSV_NAME::equals);
            StagedFolder docs = stage(staged, root.resolve(DOCS_FOLDER), name -> DOCUMENT_FILE.matcher(name).matches());
            ProgressTracker progress = new ProgressTracker(listener, options.rows(), options.docs());
            progress.start();
            Vocabulary vocabulary = Vocabulary.of(options.seed());
            List<WrittenFile> eventFiles;
            long docsBytes;
            try (ExecutorService workers = Executors.newFixedThreadPool(WORKERS,
                    Thread.ofPlatform().name("sample-data-", 0).daemon(true).factory())) {
                DocumentsWriter documents = new DocumentsWriter(new DocumentGenerator(options.seed(), vocabulary),
                        progress);
                Future<Long> docsWritten = workers.submit(() -> documents.write(options.docs(), docs.folder()));
                try {
                    eventFiles = writeEvents(options, plan, vocabulary, allocator, progress, events, csv, workers);
                    docsBytes = docsWritten.get();
                } catch (IOException | InterruptedException | RuntimeException | Error e) {
                    docsWritten.cancel(true);
                    throw e;
                }
            } catch (ExecutionException e) {
                throw rethrow(e.getCause());
            } catch (ClosedByInterruptException e) {
                Thread.interrupted();
                InterruptedException interrupted = new InterruptedException("sample data generation was interrupted");
                interrupted.initCause(e);
                throw interrupted;
            }
            long csvBytes = Files.size(csv.folder().resolve(EventsWriter.CSV_NAME));
            Path manifestFile = root.resolve(MANIFEST);
            Files.deleteIfExists(manifestFile);
            for (StagedFolder folder : staged) {
                folder.publish();
            }
            staged.clear();
            List<WrittenFile> published = eventFiles.stream().map(file -> new WrittenFile(
                    events.target().resolve(file.path().getFileName()), file.rows(), file.bytes())).toList();
            Manifest manifest = new Manifest(options, layout, published, plan.getFirst().rows(), csvBytes, docsBytes);
            manifest.write(manifestFile);
            return new SampleDataResult(root, published.stream().map(WrittenFile::path).toList(),
                    csv.target().resolve(EventsWriter.CSV_NAME), manifestFile, manifest.eventsBytes(), csvBytes,
                    docsBytes);
        } finally {
            staged.forEach(StagedFolder::discard);
        }
    }

    private static StagedFolder stage(List<StagedFolder> staged, Path target,
            Predicate<String> generated) throws IOException {
        StagedFolder folder = StagedFolder.open(target, generated);
        staged.add(folder);
        return folder;
    }

    private static List<WrittenFile> writeEvents(SampleDataOptions options, List<EventFile> plan,
            Vocabulary vocabulary, BufferAllocator allocator, ProgressTracker progress, StagedFolder events,
            StagedFolder csv, ExecutorService workers) throws IOException, InterruptedException {
        try (BufferAllocator child = allocator.newChildAllocator("sample-data", 0, Long.MAX_VALUE)) {
            EventGenerator generator = new EventGenerator(options.seed(), TextCorpus.of(options.seed(), vocabulary));
            return new EventsWriter(generator, child, progress, workers).write(plan, events.folder(), csv.folder());
        }
    }

    private static IOException rethrow(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof UncheckedIOException unchecked) {
            return unchecked.getCause();
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IOException("writing the documents failed", cause);
    }
}
