package dev.pipetune.profiler.recording;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Writes and reads recording files ({@code .ptrec}): a zip archive, documented in {@code docs/recording-format.md},
 * with these entries:
 * <ul>
 *   <li>{@value #MANIFEST}: the format's name and version, whether the run ended, when the file was written and by
 *       which pipetune;</li>
 *   <li>{@code pipeline/NAME}: the pipeline file's text, NAME being its file name;</li>
 *   <li>{@value #RUN}: the overrides, how the run went, the environment, the events and the operators' last
 *       counters;</li>
 *   <li>{@value #SAMPLES}: the sampled series, an Arrow IPC stream;</li>
 *   <li>{@value #PROGRESS}: the engine's counters over time, an Arrow IPC stream.</li>
 * </ul>
 *
 * <p>Writing goes to a temporary file in the target's folder, forced to disk, then renamed over the target in one
 * atomic step: a reader sees the old file or the new one, never half of one. Thread-safe (no shared state).
 */
public final class RecordingFiles {

    /** The recording files' usual extension. */
    public static final String EXTENSION = ".ptrec";
    /** The manifest entry. */
    public static final String MANIFEST = "manifest.json";
    /** The entry with the run, environment, events and final counters. */
    public static final String RUN = "run.json";
    /** The entry with the sampled series. */
    public static final String SAMPLES = "samples.arrows";
    /** The entry with the engine's counters over time. */
    public static final String PROGRESS = "progress.arrows";
    /** The folder of the entry with the pipeline file's text. */
    public static final String PIPELINE_FOLDER = "pipeline/";

    private RecordingFiles() {
    }

    /**
     * Writes a recording, atomically replacing any file at {@code file}.
     *
     * @param recording the recording; written in format {@link Recording#FORMAT_VERSION} whatever its own version
     * @param file where to write it; its folder must exist
     * @throws IOException when the file cannot be written (the target is then left as it was)
     * @throws IllegalArgumentException when the pipeline's file name is empty or contains a folder separator
     */
    public static void write(Recording recording, Path file) throws IOException {
        requireNonNull(recording, "recording");
        String pipelineName = recording.pipeline().fileName();
        if (pipelineName.isEmpty() || pipelineName.contains("/") || pipelineName.contains("\\")) {
            throw new IllegalArgumentException("the pipeline's file name must be a plain file name, not '"
                    + pipelineName + "'");
        }
        Path target = requireNonNull(file, "file").toAbsolutePath();
        // Not Files.createTempFile: its owner-only permissions would stay on the renamed file.
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                try (BufferAllocator allocator = new RootAllocator()) {
                    ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(
                            Channels.newOutputStream(channel), 1 << 16));
                    // Checkpoints rewrite the whole file while the run goes: favour speed over size.
                    zip.setLevel(Deflater.BEST_SPEED);
                    writeEntries(recording, zip, allocator);
                    zip.finish();
                    zip.flush();
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException | Error failed) {
            Files.deleteIfExists(temporary);
            throw failed;
        }
    }

    /**
     * Reads a recording file; needs nothing but the file.
     *
     * @param file the file
     * @return the recording, {@link Recording#complete()} false when the run had not ended when it was written
     * @throws RecordingFormatException when the file is not a recording, is truncated or corrupt, misses an entry,
     *     holds malformed JSON or Arrow data, or was written in a newer format version; the message names the file and
     *     the problem
     * @throws NoSuchFileException when there is no such file
     * @throws IOException when the file cannot be read
     */
    public static Recording read(Path file) throws IOException {
        requireNonNull(file, "file");
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such recording file");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException notZip) {
            throw new RecordingFormatException(file, "not a pipetune recording: not a zip archive, or a truncated one ("
                    + notZip.getMessage() + ")", notZip);
        }
        try (zip; BufferAllocator allocator = new RootAllocator()) {
            RecordingJson.Manifest manifest = RecordingJson.readManifest(file, MANIFEST,
                    bytes(file, zip, MANIFEST));
            RecordingJson.RunEntry run = RecordingJson.readRun(file, RUN, bytes(file, zip, RUN));
            String pipelineEntry = PIPELINE_FOLDER + run.pipelineFileName();
            String text = new String(bytes(file, zip, pipelineEntry), StandardCharsets.UTF_8);
            SampleTable samples;
            try (InputStream in = open(file, zip, SAMPLES)) {
                samples = ArrowTables.readSamples(file, SAMPLES, in, allocator);
            }
            List<ProgressSnapshot> progress;
            try (InputStream in = open(file, zip, PROGRESS)) {
                progress = ArrowTables.readProgress(file, PROGRESS, in, allocator);
            }
            return new Recording(manifest.formatVersion(), manifest.complete(),
                    new PipelineSource(run.pipelineFileName(), text, run.overrides()), run.environment(), run.run(),
                    samples, progress, run.events(), run.finalOperators());
        }
    }

    private static void writeEntries(Recording recording, ZipOutputStream zip, BufferAllocator allocator)
            throws IOException {
        zip.putNextEntry(new ZipEntry(MANIFEST));
        zip.write(RecordingJson.writeManifest(new RecordingJson.Manifest(Recording.FORMAT_VERSION,
                recording.complete(), Instant.now(), recording.environment().pipetuneVersion())));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(PIPELINE_FOLDER + recording.pipeline().fileName()));
        zip.write(recording.pipeline().text().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(RUN));
        zip.write(RecordingJson.writeRun(recording));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(SAMPLES));
        ArrowTables.writeSamples(recording.samples(), allocator, zip);
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(PROGRESS));
        ArrowTables.writeProgress(recording.progress(), allocator, zip);
        zip.closeEntry();
    }

    private static InputStream open(Path file, ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new RecordingFormatException(file, "no entry " + name + ": not a complete pipetune recording", null);
        }
        return zip.getInputStream(entry);
    }

    private static byte[] bytes(Path file, ZipFile zip, String name) throws IOException {
        try (InputStream in = open(file, zip, name)) {
            return in.readAllBytes();
        } catch (ZipException | EOFException corrupt) {
            throw new RecordingFormatException(file, name + ": corrupt entry (" + corrupt.getMessage() + ")",
                    corrupt);
        }
    }
}
