package dev.pipetune.engine.io.parquet;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Measures the reader and writer on a W1 file from {@code shared/workloads/gen_data.py} (not a unit test).
 *
 * <p>Usage: {@code ParquetBenchmark FILE [RUNS [read-only [COLUMN,...]]]}. Reads the W1 columns [id, user_id,
 * category, value, qty] and the W2 columns [category, value, qty] (or only the listed columns) of every row group on
 * one thread and reports rows per CPU-second (first run, median and best) for the bulk decoders; unless
 * {@code read-only} is given, then reads W1 with parquet-java's ColumnReader alone and writes the W1 batches with
 * snappy and reports the writer's rate.
 */
public final class ParquetBenchmark {

    private static final List<String> W1_COLUMNS = List.of("id", "user_id", "category", "value", "qty");
    private static final List<String> W2_COLUMNS = List.of("category", "value", "qty");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ParquetBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param arguments the file, and optionally the number of runs (default 5)
     * @throws IOException when reading or writing fails
     */
    public static void main(String[] arguments) throws IOException {
        Path file = Path.of(arguments[0]);
        int runs = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 5;
        try (BufferAllocator allocator = new RootAllocator()) {
            if (arguments.length > 3) {
                List<String> columns = List.of(arguments[3].split(","));
                report("read " + columns, measureRead(file, DecodeMode.FASTEST, columns, runs, allocator));
                return;
            }
            report("read W1 (bulk decoders)", measureRead(file, DecodeMode.FASTEST, W1_COLUMNS, runs, allocator));
            report("read W2 (bulk decoders)", measureRead(file, DecodeMode.FASTEST, W2_COLUMNS, runs, allocator));
            if (arguments.length > 2 && arguments[2].equals("read-only")) {
                return;
            }
            report("read (ColumnReader only)", measureRead(file, DecodeMode.COLUMN_READER_ONLY, W1_COLUMNS, runs,
                    allocator));
            report("write (snappy)", measureWrite(file, runs, allocator));
        }
    }

    private record Run(long rows, double cpuSeconds, double wallSeconds, double processCpuSeconds) {
    }

    private static List<Run> measureRead(Path file, DecodeMode mode, List<String> columns, int runs,
            BufferAllocator allocator) throws IOException {
        List<Run> results = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            long cpu = THREADS.getCurrentThreadCpuTime();
            long process = OS.getProcessCpuTime();
            long wall = System.nanoTime();
            long rows = 0;
            try (ParquetReader reader = ParquetReader.open(file, mode)) {
                for (int group = 0; group < reader.rowGroups().size(); group++) {
                    try (VectorSchemaRoot batch = reader.readRowGroup(group, columns, allocator)) {
                        rows += batch.getRowCount();
                    }
                }
            }
            results.add(new Run(rows, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9,
                    (System.nanoTime() - wall) / 1e9, (OS.getProcessCpuTime() - process) / 1e9));
        }
        return results;
    }

    private static List<Run> measureWrite(Path file, int runs, BufferAllocator allocator) throws IOException {
        List<VectorSchemaRoot> batches;
        try (ParquetReader reader = ParquetReader.open(file)) {
            List<Integer> groups = new ArrayList<>();
            for (int group = 0; group < reader.rowGroups().size(); group++) {
                groups.add(group);
            }
            batches = reader.read(groups, W1_COLUMNS, allocator);
        }
        Path target = Files.createTempFile("pipetune-benchmark", ".parquet");
        List<Run> results = new ArrayList<>();
        try {
            for (int run = 0; run < runs; run++) {
                long cpu = THREADS.getCurrentThreadCpuTime();
                long process = OS.getProcessCpuTime();
                long wall = System.nanoTime();
                long rows = 0;
                try (ParquetWriter writer = ParquetWriter.create(target, batches.getFirst().getSchema(),
                        WriteOptions.defaults(ParquetCompression.SNAPPY))) {
                    for (VectorSchemaRoot batch : batches) {
                        writer.write(batch);
                        rows += batch.getRowCount();
                    }
                }
                results.add(new Run(rows, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9,
                        (System.nanoTime() - wall) / 1e9, (OS.getProcessCpuTime() - process) / 1e9));
            }
            System.out.printf("written file: %,d bytes%n", Files.size(target));
        } finally {
            batches.forEach(VectorSchemaRoot::close);
            Files.deleteIfExists(target);
        }
        return results;
    }

    private static void report(String name, List<Run> runs) {
        Run first = runs.getFirst();
        double[] cpu = runs.stream().mapToDouble(Run::cpuSeconds).sorted().toArray();
        double[] wall = runs.stream().mapToDouble(Run::wallSeconds).sorted().toArray();
        double medianCpu = cpu[cpu.length / 2];
        double medianWall = wall[wall.length / 2];
        double medianProcess = runs.stream().mapToDouble(Run::processCpuSeconds).sorted().toArray()[runs.size() / 2];
        System.out.printf("%-24s rows %,d | first: %.3f s thread CPU (%.3f s process), %.3f s wall,"
                        + " %,.0f rows/CPU-s | median of %d: %.3f s thread CPU (%.3f s process), %.3f s wall,"
                        + " %,.0f rows/thread-CPU-s, %,.0f rows/process-CPU-s | best: %,.0f rows/thread-CPU-s%n",
                name, first.rows(), first.cpuSeconds(), first.processCpuSeconds(), first.wallSeconds(),
                first.rows() / first.cpuSeconds(), runs.size(), medianCpu, medianProcess, medianWall,
                first.rows() / medianCpu, first.rows() / medianProcess, first.rows() / cpu[0]);
    }
}
