package dev.pipetune.profiler.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipetune.engine.execution.OperatorMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing and reading {@code .ptrec} files: what goes in comes out, and bad files fail clearly. */
class RecordingFilesTest {

    @TempDir
    Path folder;

    @Test
    void aWrittenRecordingReadsBackEqual() throws IOException {
        Recording recording = Fixtures.recording();
        Path file = folder.resolve("run.ptrec");

        RecordingFiles.write(recording, file);
        Recording read = RecordingFiles.read(file);

        assertThat(read).isEqualTo(recording);
        assertThat(read.samples().values("cpu.total").orElseThrow()).containsExactly(50.5, Double.NaN, 75.25,
                Double.NaN);
        assertThat(read.samples().values("gpu.0.utilization").orElseThrow()).containsExactly(Double.NaN, Double.NaN,
                99.0, Double.NaN);
        assertThat(read.samples().metric("process.rss").orElseThrow().unit()).isEqualTo(MetricKey.UNIT_BYTES);
        assertThat(read.progress().get(1).operators()).isEmpty();
        assertThat(read.operator("Write(out)").orElseThrow().taskP50Millis()).isNaN();
        assertThat(read.run().start()).isEqualTo(Fixtures.START);
        assertThat(read.pipeline().text()).contains("caf\u00e9 \u2013 \u65e5\u672c");
    }

    @Test
    void aRecordingWithoutSamplesOrProgressReadsBackEqual() throws IOException {
        Recording full = Fixtures.recording();
        Recording empty = new Recording(Recording.FORMAT_VERSION, false, full.pipeline(), full.environment(),
                new RunInfo(Fixtures.START, 0, RunInfo.RunOutcome.INCOMPLETE, "", 1, 0, 1), SampleTable.empty(),
                List.of(), List.of(), List.of());
        Path file = folder.resolve("empty.ptrec");

        RecordingFiles.write(empty, file);

        assertThat(RecordingFiles.read(file)).isEqualTo(empty);
    }

    @Test
    void longSeriesSpanSeveralArrowBatches() throws IOException {
        SampleTable.Builder samples = new SampleTable.Builder();
        for (int row = 0; row < 20_000; row++) {
            samples.add(row * 250L, row % 3 == 0 ? Fixtures.values(Fixtures.RSS, (double) row)
                    : Fixtures.values(Fixtures.RSS, (double) row, Fixtures.CPU, row / 7.0));
        }
        Recording full = Fixtures.recording();
        List<ProgressSnapshot> progress = new ArrayList<>();
        for (int snapshot = 0; snapshot < 5_000; snapshot++) {
            progress.add(new ProgressSnapshot(snapshot * 250L, full.finalOperators(), snapshot, snapshot * 2L));
        }
        Recording recording = new Recording(Recording.FORMAT_VERSION, true, full.pipeline(), full.environment(),
                full.run(), samples.build(), progress, full.events(), full.finalOperators());
        Path file = folder.resolve("long.ptrec");

        RecordingFiles.write(recording, file);

        assertThat(RecordingFiles.read(file)).isEqualTo(recording);
    }

    @Test
    void writingReplacesTheFileAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path file = folder.resolve("run.ptrec");
        Recording first = Fixtures.recording();
        RecordingFiles.write(first, file);
        Recording full = Fixtures.recording();
        Recording second = new Recording(Recording.FORMAT_VERSION, false, full.pipeline(), full.environment(),
                new RunInfo(Fixtures.START, 42, RunInfo.RunOutcome.INCOMPLETE, "", 1, 0, 1), full.samples(),
                full.progress(), full.events(), full.finalOperators());

        RecordingFiles.write(second, file);

        assertThat(RecordingFiles.read(file)).isEqualTo(second);
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void readersNeverSeeAHalfWrittenFile() throws Exception {
        Path file = folder.resolve("busy.ptrec");
        Recording recording = Fixtures.recording();
        RecordingFiles.write(recording, file);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                for (int round = 0; round < 40; round++) {
                    RecordingFiles.write(recording, file);
                }
            } catch (Throwable thrown) {
                failure.compareAndSet(null, thrown);
            } finally {
                writing.set(false);
            }
        });
        int reads = 0;
        while (writing.get() || reads == 0) {
            assertThat(RecordingFiles.read(file)).isEqualTo(recording);
            reads++;
        }
        writer.join();

        assertThat(failure.get()).isNull();
        assertThat(reads).isPositive();
    }

    @Test
    void aFailedWriteLeavesNoTemporaryFile() throws IOException {
        Path occupied = Files.createDirectories(folder.resolve("occupied.ptrec"));
        Files.writeString(occupied.resolve("keep.txt"), "a folder cannot be replaced by a file");

        assertThatThrownBy(() -> RecordingFiles.write(Fixtures.recording(), occupied)).isInstanceOf(IOException.class);

        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(occupied);
        }
    }

    @Test
    void aPipelineNameWithAFolderIsRefusedBeforeWriting() throws IOException {
        Path file = folder.resolve("run.ptrec");
        RecordingFiles.write(Fixtures.recording(), file);
        Recording full = Fixtures.recording();
        Recording unwritable = new Recording(Recording.FORMAT_VERSION, true,
                new PipelineSource("../escape.yaml", "x", List.of()), full.environment(), full.run(), full.samples(),
                full.progress(), full.events(), full.finalOperators());

        assertThatThrownBy(() -> RecordingFiles.write(unwritable, file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("../escape.yaml");

        assertThat(RecordingFiles.read(file)).isEqualTo(Fixtures.recording());
    }

    @Test
    void theFileIsAZipWithTheDocumentedEntries() throws IOException {
        Path file = folder.resolve("run.ptrec");
        RecordingFiles.write(Fixtures.recording(), file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertThat(zip.stream().map(ZipEntry::getName)).containsExactly("manifest.json", "pipeline/etl.yaml",
                    "run.json", "samples.arrows", "progress.arrows");
            String manifest = new String(zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(manifest).contains("\"format\" : \"pipetune-recording\"").contains("\"format_version\" : 1")
                    .contains("\"complete\" : true").contains("\"pipetune_version\" : \"0.1.0-SNAPSHOT\"");
        }
    }

    @Test
    void everyOperatorCounterHasAColumn() {
        List<String> counters = Arrays.stream(OperatorMetrics.class.getRecordComponents())
                .map(component -> component.getName()).filter(name -> !name.equals("name")).toList();

        assertThat(OperatorField.values()).as("a new OperatorMetrics counter needs a column in the recording format")
                .hasSameSizeAs(counters);
    }

    @Test
    void garbageIsNotARecording() throws IOException {
        Path file = Files.write(folder.resolve("garbage.ptrec"), "this is not a zip archive at all".getBytes(
                StandardCharsets.UTF_8));

        assertThatThrownBy(() -> RecordingFiles.read(file)).isInstanceOf(RecordingFormatException.class)
                .hasMessageStartingWith(file + ": not a pipetune recording: not a zip archive")
                .satisfies(thrown -> assertThat(((RecordingFormatException) thrown).file()).isEqualTo(file));
    }

    @Test
    void aTruncatedFileFailsClearly() throws IOException {
        Path file = folder.resolve("run.ptrec");
        RecordingFiles.write(Fixtures.recording(), file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> RecordingFiles.read(file)).isInstanceOf(RecordingFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("truncated");
    }

    @Test
    void aMissingEntryIsNamed() throws IOException {
        Path file = rewrite("missing.ptrec", entries -> {
            entries.remove("progress.arrows");
            return entries;
        });

        assertThatThrownBy(() -> RecordingFiles.read(file)).isInstanceOf(RecordingFormatException.class)
                .hasMessage(file + ": no entry progress.arrows: not a complete pipetune recording");
    }

    @Test
    void aZipThatIsNotARecordingSaysSo() throws IOException {
        Path file = folder.resolve("other.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("hello".getBytes(StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> RecordingFiles.read(file)).isInstanceOf(RecordingFormatException.class)
                .hasMessage(file + ": no entry manifest.json: not a complete pipetune recording");
    }

    @Test
    void malformedJsonNamesTheEntryAndThePlace() throws IOException {
        Path file = rewrite("json.ptrec", entries -> {
            entries.put("run.json", "{\"pipeline\": {\"file_name\": \"etl.yaml\",\n  oops}".getBytes(
                    StandardCharsets.UTF_8));
            return entries;
        });

        assertThatThrownBy(() -> RecordingFiles.read(file)).isInstanceOf(RecordingFormatException.class)
                .hasMessageStartingWith(file + ": run.json: malformed JSON").hasMessageContaining("line 2");
    }

    @Test
    void aMissingOrWrongFieldIsNamed() throws IOException {
        Path missing = rewrite("field.ptrec", entries -> replace(entries, "run.json", "\"start\"", "\"begin\""));
        assertThatThrownBy(() -> RecordingFiles.read(missing)).isInstanceOf(RecordingFormatException.class)
                .hasMessage(missing + ": run.json: run.start: missing");

        Path wrong = rewrite("kind.ptrec", entries -> replace(entries, "run.json", "\"TASK_RETRIED\"", "\"EXPLODED\""));
        assertThatThrownBy(() -> RecordingFiles.read(wrong)).isInstanceOf(RecordingFormatException.class)
                .hasMessage(wrong + ": run.json: events[2].kind: unknown value 'EXPLODED'");
    }

    @Test
    void aNewerFormatVersionIsRefused() throws IOException {
        Path file = rewrite("future.ptrec", entries -> replace(entries, "manifest.json", "\"format_version\" : 1",
                "\"format_version\" : 7"));

        assertThatThrownBy(() -> RecordingFiles.read(file)).isInstanceOf(RecordingFormatException.class)
                .hasMessage(file + ": written in recording format version 7 by a newer pipetune (0.1.0-SNAPSHOT);"
                        + " this pipetune reads versions up to 1");
    }

    @Test
    void corruptArrowDataNamesTheEntry() throws IOException {
        Path file = rewrite("arrow.ptrec", entries -> {
            byte[] samples = entries.get("samples.arrows");
            entries.put("samples.arrows", Arrays.copyOf(samples, samples.length / 3));
            return entries;
        });

        assertThatThrownBy(() -> RecordingFiles.read(file)).isInstanceOf(RecordingFormatException.class)
                .hasMessageStartingWith(file + ": samples.arrows: ");
    }

    @Test
    void aMissingFileIsNoSuchFile() {
        Path file = folder.resolve("absent.ptrec");

        assertThatThrownBy(() -> RecordingFiles.read(file)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(file.toString());
    }

    /** Writes the fixture, then rewrites its entries through {@code change}. */
    private Path rewrite(String name, UnaryOperator<Map<String, byte[]>> change) throws IOException {
        Path original = folder.resolve("original-" + name);
        RecordingFiles.write(Fixtures.recording(), original);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(original.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
            }
        }
        Path file = folder.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : change.apply(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
            }
        }
        return file;
    }

    private static Map<String, byte[]> replace(Map<String, byte[]> entries, String entry, String from, String to) {
        String text = new String(entries.get(entry), StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        entries.put(entry, text.replace(from, to).getBytes(StandardCharsets.UTF_8));
        return entries;
    }
}
