package dev.pipetune.engine.benchmark;

import dev.pipetune.engine.function.DocumentFormat;
import dev.pipetune.engine.function.ExtractText;
import dev.pipetune.engine.io.FileListing;
import dev.pipetune.engine.io.ReadOptions;
import dev.pipetune.engine.io.binary.BinaryFilesReader;
import dev.pipetune.engine.io.csv.CsvReader;
import dev.pipetune.engine.io.csv.CsvWriter;
import dev.pipetune.engine.io.json.JsonLinesReader;
import dev.pipetune.engine.io.json.JsonLinesWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Throughput of the text readers and extract_text, run on demand:
 * {@code -Dtest=TextIoBenchmark -Dpipetune.benchmark.data=/tmp/anchor-data} (needs events_csv/ and docs/ there).
 * Prints wall and CPU time per repetition to standard output (target/surefire-reports/*-output.txt).
 */
@EnabledIfSystemProperty(named = "pipetune.benchmark.data", matches = ".+")
class TextIoBenchmark {

    private static final int REPETITIONS = 4;

    private final Path data = Path.of(System.getProperty("pipetune.benchmark.data", "."));

    @Test
    void csvReader() throws IOException {
        Path csv = data.resolve("events_csv/part-00000.csv");
        long size = Files.size(csv);
        for (int repetition = 1; repetition <= REPETITIONS; repetition++) {
            long start = System.nanoTime();
            long cpu = cpuNanos();
            long rows = 0;
            try (RootAllocator allocator = new RootAllocator();
                    CsvReader reader = CsvReader.open(csv, ReadOptions.defaults(), allocator)) {
                rows = drain(reader::next);
            }
            report("csv read", repetition, rows, size, start, cpu);
        }
    }

    @Test
    void csvAndJsonWritersAndJsonReader() throws IOException {
        Path csv = data.resolve("events_csv/part-00000.csv");
        Path folder = Files.createTempDirectory("bench");
        try (RootAllocator allocator = new RootAllocator()) {
            List<VectorSchemaRoot> batches = new ArrayList<>();
            long rows = 0;
            try (CsvReader reader = CsvReader.open(csv, ReadOptions.defaults(), allocator)) {
                Optional<VectorSchemaRoot> batch;
                while ((batch = reader.next()).isPresent() && rows < 500_000) {
                    batches.add(batch.get());
                    rows += batch.get().getRowCount();
                }
                batch.ifPresent(VectorSchemaRoot::close);
                for (int repetition = 1; repetition <= 2; repetition++) {
                    long start = System.nanoTime();
                    long cpu = cpuNanos();
                    try (CsvWriter writer = CsvWriter.create(folder.resolve("out.csv"), reader.schema())) {
                        for (VectorSchemaRoot root : batches) {
                            writer.write(root);
                        }
                        writer.commit();
                    }
                    report("csv write", repetition, rows, Files.size(folder.resolve("out.csv")), start, cpu);
                    start = System.nanoTime();
                    cpu = cpuNanos();
                    try (JsonLinesWriter writer = JsonLinesWriter.create(folder.resolve("out.jsonl"),
                            reader.schema())) {
                        for (VectorSchemaRoot root : batches) {
                            writer.write(root);
                        }
                        writer.commit();
                    }
                    report("json write", repetition, rows, Files.size(folder.resolve("out.jsonl")), start, cpu);
                    start = System.nanoTime();
                    cpu = cpuNanos();
                    try (JsonLinesReader json = JsonLinesReader.open(folder.resolve("out.jsonl"),
                            ReadOptions.defaults(), allocator)) {
                        report("json read", repetition, drain(json::next), Files.size(folder.resolve("out.jsonl")),
                                start, cpu);
                    }
                }
            } finally {
                batches.forEach(VectorSchemaRoot::close);
                Files.deleteIfExists(folder.resolve("out.csv"));
                Files.deleteIfExists(folder.resolve("out.jsonl"));
                Files.deleteIfExists(folder);
            }
        }
    }

    @Test
    void extractText() throws IOException {
        List<Path> files = FileListing.expand(List.of(data.resolve("docs")));
        for (int repetition = 1; repetition <= REPETITIONS * 2; repetition++) {
            try (RootAllocator allocator = new RootAllocator()) {
                List<VectorSchemaRoot> inputs = new ArrayList<>();
                long bytes = 0;
                try (BinaryFilesReader reader = BinaryFilesReader.open(files, 64, true, allocator)) {
                    Optional<VectorSchemaRoot> batch;
                    while ((batch = reader.next()).isPresent()) {
                        inputs.add(batch.get());
                        bytes += batch.get().getVector("bytes").getDataBuffer().writerIndex();
                    }
                }
                long start = System.nanoTime();
                long cpu = cpuNanos();
                for (VectorSchemaRoot input : inputs) {
                    ExtractText.apply(input, DocumentFormat.AUTO, allocator).output().close();
                    input.close();
                }
                report("extract_text", repetition, files.size(), bytes, start, cpu);
            }
        }
    }

    private interface BatchSource {
        Optional<VectorSchemaRoot> next() throws IOException;
    }

    private static long drain(BatchSource source) throws IOException {
        long rows = 0;
        Optional<VectorSchemaRoot> batch;
        while ((batch = source.next()).isPresent()) {
            try (VectorSchemaRoot root = batch.get()) {
                rows += root.getRowCount();
            }
        }
        return rows;
    }

    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static void report(String what, int repetition, long rows, long bytes, long startNanos, long cpuStart) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double cpuSeconds = (cpuNanos() - cpuStart) / 1e9;
        System.out.printf("%-12s rep %d: %,d rows, %.1f MB in %.3f s wall (%.3f s CPU): %,.0f rows/s, %.1f MB/s"
                        + " (per CPU-second: %,.0f rows/s, %.1f MB/s)%n", what, repetition, rows, bytes / 1e6,
                seconds, cpuSeconds, rows / seconds, bytes / 1e6 / seconds, rows / cpuSeconds,
                bytes / 1e6 / cpuSeconds);
    }
}
