package dev.pipetune.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipetune.app.run.MachineResources;
import dev.pipetune.app.run.PeakMemory;
import dev.pipetune.engine.execution.ExecutionEvent;
import dev.pipetune.engine.execution.ExecutionListener;
import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.engine.io.FileListing;
import dev.pipetune.engine.io.Folders;
import dev.pipetune.engine.io.parquet.ParquetReader;
import dev.pipetune.engine.pipeline.PathExpander;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.engine.plan.PlanContext;
import dev.pipetune.engine.run.EmbeddedEngine;
import dev.pipetune.engine.run.RunResult;
import dev.pipetune.engine.udf.FunctionLoader;
import dev.pipetune.profiler.gpu.GpuMetricsSource;
import dev.pipetune.profiler.sampling.SamplingScheduler;
import dev.pipetune.profiler.sampling.StandardSamplers;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pipetune bench}: times the reference workloads W1–W3 (shared/workloads/workloads.md) on the embedded engine
 * the way the reference harness times its peers: several repetitions in this JVM, each from the first read to the
 * last output, with the process's CPU time and peak RSS; one JSON line per repetition on standard output, in the
 * harness's format, and a summary (first repetition and median) on standard error.
 *
 * <p>With {@code --sample-hz N} the profiler's standard samplers (machine, process, JVM and GPU; not Arrow, whose
 * allocator the engine keeps to itself) run at N Hz during each repetition, as they would while profiling; each JSON
 * line then also holds the sampling thread's CPU seconds ({@code sampler_cpu_s}) and ticks ({@code sampler_ticks}),
 * so that the sampling overhead can be compared with {@code --sample-hz 0}. The process's CPU time includes it.
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Time the reference workloads W1-W3 on the embedded engine (JSON lines on stdout).")
public final class BenchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "The reference data (events/ and docs/), e.g. /tmp/anchor-data.")
    private Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "Where outputs go (default: ${DEFAULT-VALUE}).")
    private Path out = Path.of(System.getProperty("java.io.tmpdir"), "pipetune-bench");

    @Option(names = "--workloads", split = ",", paramLabel = "W", description = "w1, w2, w3 (default: all).")
    private List<String> workloads = List.of("w1", "w2", "w3");

    @Option(names = "--reps", paramLabel = "N", description = "Repetitions (default: ${DEFAULT-VALUE}).")
    private int reps = 5;

    @Option(names = "--sample-hz", paramLabel = "N",
            description = "Run the profiler's samplers at N Hz during each repetition and report their CPU time "
                    + "(default: ${DEFAULT-VALUE}, off).")
    private double sampleHertz = 0;

    @Option(names = "--operators",
            description = "After each repetition, print each operator's tasks, wall and CPU seconds and task latency "
                    + "to stderr.")
    private boolean operatorLines;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (!(sampleHertz >= 0 && sampleHertz <= SamplingScheduler.MAXIMUM_HERTZ)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sample-hz must be 0 (off) up to "
                    + SamplingScheduler.MAXIMUM_HERTZ + ", got " + sampleHertz);
        }
        try (GpuMetricsSource gpus = sampleHertz > 0 ? GpuMetricsSource.open()
                : new GpuMetricsSource.Unavailable("sampling is off")) {
            return bench(stdout, stderr, gpus);
        }
    }

    private int bench(PrintWriter stdout, PrintWriter stderr, GpuMetricsSource gpus) throws Exception {
        MachineResources machine = MachineResources.detect();
        for (String workload : workloads) {
            Pipeline pipeline = pipeline(workload);
            List<Double> seconds = new ArrayList<>();
            double samplerCpuSeconds = 0;
            for (int rep = 1; rep <= reps; rep++) {
                Folders.deleteTree(out.resolve(workload));
                PathExpander paths = new PathExpander(Path.of("").toAbsolutePath(), Map.of("ANCHOR_DATA",
                        data.toAbsolutePath().toString(), "ANCHOR_OUT", out.toAbsolutePath().toString()),
                        Path.of(System.getProperty("user.home")));
                try (FunctionLoader functions = FunctionLoader.withPlugins(List.of())) {
                    PlanContext context = new PlanContext(paths, functions, machine.cpus(), machine.gpus(),
                            machine.physicalMemoryBytes());
                    PeakMemory.reset();
                    AtomicInteger ticks = new AtomicInteger();
                    SamplingScheduler sampler = sampleHertz > 0 ? new SamplingScheduler(StandardSamplers.create(gpus),
                            sampleHertz, (time, values) -> ticks.incrementAndGet()) : null;
                    long cpuBefore = processCpuNanos();
                    long start = System.nanoTime();
                    if (sampler != null) {
                        sampler.start();
                    }
                    try (RunResult result = new EmbeddedEngine().start(pipeline, context, ExecutionListener.NONE)
                            .await()) {
                        double elapsed = (System.nanoTime() - start) / 1e9;
                        double cpu = (processCpuNanos() - cpuBefore) / 1e9;
                        if (sampler != null) {
                            sampler.close();
                        }
                        if (result.execution().outcome() != ExecutionEvent.Outcome.SUCCEEDED) {
                            stderr.println("bench: " + workload + " did not succeed");
                            return PipetuneCommand.FAILURE;
                        }
                        seconds.add(elapsed);
                        ObjectNode record = record(workload, rep, elapsed, cpu, result);
                        if (sampler != null) {
                            double samplerCpu = sampler.samplingThreadCpuTime().toNanos() / 1e9;
                            samplerCpuSeconds += samplerCpu;
                            record.put("sampler_cpu_s", Math.round(samplerCpu * 10_000) / 10_000.0);
                            record.put("sampler_ticks", ticks.get());
                        }
                        long written = rowsWritten(out.resolve(workload));
                        if (written >= 0 && written != record.get("rows_out").asLong()) {
                            stderr.println("bench: " + workload + " reported " + record.get("rows_out") + " rows but "
                                    + "its output holds " + written);
                            return PipetuneCommand.FAILURE;
                        }
                        stdout.println(JSON.writeValueAsString(record));
                        if (operatorLines) {
                            printOperators(stderr, result.execution().operators());
                        }
                        stdout.flush();
                    } finally {
                        if (sampler != null) {
                            sampler.close();
                        }
                    }
                }
            }
            List<Double> sorted = seconds.stream().sorted().toList();
            stderr.printf(Locale.ROOT, "pipetune %s: rep 1 %.3fs, median %.3fs over %d reps%n", workload,
                    seconds.getFirst(), sorted.get(sorted.size() / 2), reps);
            if (sampleHertz > 0) {
                double wall = seconds.stream().mapToDouble(Double::doubleValue).sum();
                stderr.printf(Locale.ROOT, "sampling at %s Hz: %.4f CPU-s of the sampling thread over %.1f s "
                        + "(%.3f%% of one core)%n", sampleHertz, samplerCpuSeconds, wall,
                        samplerCpuSeconds / wall * 100);
            }
            stderr.flush();
        }
        return PipetuneCommand.SUCCESS;
    }

    private static void printOperators(PrintWriter stderr, List<OperatorMetrics> operators) {
        for (OperatorMetrics operator : operators) {
            stderr.printf(Locale.ROOT, "  %-32s tasks %4d  wall %.3f s  cpu %.3f s  task p50 %.1f ms  p99 %.1f ms%n",
                    operator.name(), operator.tasksFinished(), operator.wallNanos() / 1e9, operator.cpuNanos() / 1e9,
                    operator.taskP50Millis(), operator.taskP99Millis());
        }
        stderr.flush();
    }

    private ObjectNode record(String workload, int rep, double elapsed, double cpu, RunResult result) {
        List<OperatorMetrics> operators = result.execution().operators();
        OperatorMetrics last = operators.getLast();
        long rowsOut = last.rowsHandled();
        ObjectNode node = JSON.createObjectNode();
        node.put("engine", "pipetune");
        node.put("workload", workload);
        node.put("rep", rep);
        node.put("rows_in", operators.getFirst().rowsOut());
        node.put("rows_out", rowsOut);
        node.put("seconds", Math.round(elapsed * 1000) / 1000.0);
        node.put("proc_cpu_s", Math.round(cpu * 100) / 100.0);
        PeakMemory.peakResidentBytes().ifPresent(bytes -> node.put("peak_rss_mb", bytes >> 20));
        node.put("version", VersionProvider.version());
        return node;
    }

    private static Pipeline pipeline(String workload) throws Exception {
        String resource = "/dev/pipetune/app/bench/" + workload + ".yaml";
        try (InputStream input = BenchCommand.class.getResourceAsStream(resource)) {
            if (input == null) {
                throw new CommandLine.ParameterException(new CommandLine(new BenchCommand()),
                        "unknown workload '" + workload + "'; use w1, w2 or w3");
            }
            String text = new String(input.readAllBytes(), StandardCharsets.UTF_8);
            return new PipelineReader().read(text, PipelineFormat.YAML, workload + ".yaml", workload);
        }
    }

    /** Returns the rows in the Parquet files of an output folder, or -1 if the workload wrote none. */
    private static long rowsWritten(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return -1;
        }
        long rows = 0;
        for (Path file : FileListing.expand(List.of(folder), Set.of("parquet"))) {
            try (ParquetReader reader = ParquetReader.open(file)) {
                rows += reader.rowCount();
            }
        }
        return rows;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
