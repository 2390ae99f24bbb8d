package dev.pipetune.app.run;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipetune.engine.execution.ExecutionEvent;
import dev.pipetune.engine.execution.OperatorMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A finished run's statistics: written as the {@code --stats-json} file (the contract later tools rely on) and
 * printed as a report like Ray's {@code Dataset.stats()} when {@code enable_auto_log_stats} is set.
 *
 * @param pipeline the pipeline's name
 * @param outcome how the run ended
 * @param wallNanos the run's wall time
 * @param rowsOut rows the run delivered (written, shown or collected); 0 for a failed or cancelled run, whose output
 *     is removed ({@code operators} keep what each operator handled)
 * @param peakRssBytes the process's peak resident memory during the run, if known
 * @param operators each operator's final counters
 * @param error why the run failed, for a failed run
 */
public record RunStatistics(String pipeline, String outcome, long wallNanos, long rowsOut, OptionalLong peakRssBytes,
        List<OperatorMetrics> operators, Optional<String> error) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Copies the list and rejects nulls. */
    public RunStatistics {
        requireNonNull(pipeline, "pipeline");
        requireNonNull(outcome, "outcome");
        requireNonNull(peakRssBytes, "peakRssBytes");
        requireNonNull(error, "error");
        operators = List.copyOf(operators);
    }

    /** Statistics of a run that did not fail. */
    public RunStatistics(String pipeline, String outcome, long wallNanos, long rowsOut, OptionalLong peakRssBytes,
            List<OperatorMetrics> operators) {
        this(pipeline, outcome, wallNanos, rowsOut, peakRssBytes, operators, Optional.empty());
    }

    /**
     * The statistics of a run that ended, with the process's peak memory so far.
     *
     * @param pipeline the pipeline's name
     * @param outcome how the run ended
     * @param wallNanos the run's wall time
     * @param operators each operator's final counters, at least one
     * @return the statistics; rows out are what the last operator delivered if the run succeeded, else 0 (a failed or
     *     cancelled run's output is removed)
     */
    public static RunStatistics of(String pipeline, ExecutionEvent.Outcome outcome, long wallNanos,
            List<OperatorMetrics> operators) {
        long rowsOut = outcome == ExecutionEvent.Outcome.SUCCEEDED ? operators.getLast().rowsHandled() : 0;
        return new RunStatistics(pipeline, outcome.name(), wallNanos, rowsOut, PeakMemory.peakResidentBytes(),
                operators);
    }

    /**
     * Returns these statistics with why the run failed.
     *
     * @param message the failure, as the command line reports it
     * @return the statistics, whose JSON holds an {@code error} field
     */
    public RunStatistics withError(String message) {
        return new RunStatistics(pipeline, outcome, wallNanos, rowsOut, peakRssBytes, operators,
                Optional.of(message));
    }

    /** Returns the statistics as the stats JSON document. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("pipeline", pipeline);
        root.put("outcome", outcome);
        error.ifPresent(message -> root.put("error", message));
        root.put("wall_s", wallNanos / 1e9);
        root.put("rows_out", rowsOut);
        if (peakRssBytes.isPresent()) {
            root.put("peak_rss_bytes", peakRssBytes.getAsLong());
        } else {
            root.putNull("peak_rss_bytes");
        }
        ArrayNode list = root.putArray("operators");
        for (OperatorMetrics operator : operators) {
            ObjectNode node = list.addObject();
            node.put("name", operator.name());
            node.put("tasks", operator.tasksFinished());
            node.put("peak_tasks_running", operator.peakTasksRunning());
            node.put("blocks_in", operator.blocksIn());
            node.put("blocks_out", operator.blocksOut());
            node.put("rows_in", operator.rowsIn());
            node.put("rows_out", operator.rowsOut());
            node.put("bytes_in", operator.bytesIn());
            node.put("bytes_out", operator.bytesOut());
            node.put("wall_s", operator.wallNanos() / 1e9);
            node.put("cpu_s", operator.cpuNanos() / 1e9);
            node.put("udf_s", operator.udfNanos() / 1e9);
            node.put("model_s", operator.modelNanos() / 1e9);
            node.put("batching_s", Math.max(0, operator.udfNanos() - operator.modelNanos()) / 1e9);
            node.put("task_p50_ms", operator.taskP50Millis());
            node.put("task_p90_ms", operator.taskP90Millis());
            node.put("task_p99_ms", operator.taskP99Millis());
            node.put("backpressure_s", operator.backpressureNanos() / 1e9);
            node.put("errors", operator.errors());
            node.put("retries", operator.retries());
        }
        return root;
    }

    /**
     * Writes the stats JSON atomically (a temporary file renamed into place).
     *
     * @param file the target file
     * @throws IOException if it cannot be written
     */
    public void writeJson(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
        try {
            JSON.writeValue(temporary.toFile(), toJson());
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Says why a statistics file cannot be written there, before a run starts rather than after it.
     *
     * @param file the file {@code --stats-json} names
     * @return the reason; empty when the file or its folder can be written (a missing folder is created)
     */
    public static Optional<String> unwritable(Path file) {
        Path absolute = file.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return Optional.of("is a folder; give a file name, e.g. " + absolute.resolve("stats.json"));
        }
        if (Files.exists(absolute) && (!Files.isRegularFile(absolute) || !Files.isWritable(absolute))) {
            return Optional.of("exists and cannot be replaced");
        }
        for (Path folder = absolute.getParent(); folder != null; folder = folder.getParent()) {
            if (Files.exists(folder)) {
                return !Files.isDirectory(folder) ? Optional.of(folder + " is not a folder")
                        : !Files.isWritable(folder) ? Optional.of("cannot create files in " + folder)
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Prints the per-operator report.
     *
     * @param out where to print
     */
    public void printReport(PrintWriter out) {
        int number = 1;
        for (OperatorMetrics operator : operators) {
            out.printf(Locale.ROOT, "Operator %d %s: %d tasks executed, %d blocks produced in %.2fs%n", number++,
                    operator.name(), operator.tasksFinished(), operator.blocksOut(), operator.wallNanos() / 1e9);
            out.printf(Locale.ROOT, "* Task latency: %.1fms p50, %.1fms p90, %.1fms p99; peak %d tasks at once%n",
                    operator.taskP50Millis(), operator.taskP90Millis(), operator.taskP99Millis(),
                    operator.peakTasksRunning());
            out.printf(Locale.ROOT, "* CPU time: %.2fs total%s%n", operator.cpuNanos() / 1e9,
                    operator.udfNanos() > 0 ? String.format(Locale.ROOT, ", %.2fs in user functions",
                            operator.udfNanos() / 1e9) : "");
            if (operator.modelNanos() > 0) {
                out.printf(Locale.ROOT, "* Model time: %.2fs in the model, %.2fs preparing batches (tokenize, "
                        + "tensors, Arrow)%n", operator.modelNanos() / 1e9,
                        Math.max(0, operator.udfNanos() - operator.modelNanos()) / 1e9);
            }
            out.printf(Locale.ROOT, "* Rows: %d in, %d out; output %s in %d blocks%n", operator.rowsIn(),
                    operator.rowsOut(), ConsoleProgress.bytes(operator.bytesOut()), operator.blocksOut());
            out.printf(Locale.ROOT, "* Backpressure: %.2fs; errors: %d; retries: %d%n%n",
                    operator.backpressureNanos() / 1e9, operator.errors(), operator.retries());
        }
        out.printf(Locale.ROOT, "Dataset %s: %s in %.2fs, %d rows out%s%n", pipeline, outcome.toLowerCase(Locale.ROOT),
                wallNanos / 1e9, rowsOut, peakRssBytes.isPresent() ? ", peak RSS "
                        + ConsoleProgress.bytes(peakRssBytes.getAsLong()) : "");
        out.flush();
    }
}
