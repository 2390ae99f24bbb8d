package dev.pipetune.profiler.export;

import dev.pipetune.engine.pipeline.DataContext;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.ResourceLimits;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The parts of a Ray script around the steps: the docstring, {@code configure_context()} and {@code main()}. */
final class ScriptFrame {

    private static final String INDENT = "    ";

    private ScriptFrame() {
    }

    static String header(Pipeline pipeline, RayExportOptions options, Collection<String> packages,
            boolean placeholders, boolean models) {
        StringBuilder text = new StringBuilder("\"\"\"");
        text.append(pipeline.name().replace("\"\"\"", "'''"));
        if (!pipeline.description().isEmpty()) {
            text.append(": ").append(oneLine(pipeline.description()).replace("\"\"\"", "'''"));
        }
        text.append("\n\nExported by ").append(options.producer()).append(" from ")
                .append(options.source().replace("\"\"\"", "'''")).append(" for Ray Data ").append(options.rayVersion())
                .append(".\nSteps: ").append(IntStream.range(0, pipeline.steps().size())
                        .mapToObj(pipeline::label).collect(Collectors.joining(" -> ")))
                .append(".\n\nRun:   python3 THIS_FILE.py [--base-dir DIR] [--num-cpus N] "
                        + "[--address ADDRESS]")
                .append(models ? " [--model-dir DIR]" : "")
                .append(pipeline.sink().isEmpty() ? " [--result FILE.parquet]" : "")
                .append("\nNeeds: pip install \"ray[data]==").append(options.rayVersion()).append(".*\" pyarrow")
                .append(packages.stream().map(name -> " " + name).collect(Collectors.joining())).append('\n');
        if (placeholders) {
            text.append("\nTODO: this pipeline calls Java user functions; their Python placeholders (marked "
                    + "@java_placeholder)\nmust be ported before the script runs.\n");
        }
        return text.append("\"\"\"\n").toString();
    }

    static String configureContext(DataContext context) {
        StringBuilder code = new StringBuilder("def configure_context():\n");
        code.append(INDENT).append("\"\"\"The pipeline's context as ray.data.DataContext settings.\"\"\"\n");
        code.append(INDENT).append("context = DataContext.get_current()\n");
        code.append(INDENT).append("context.target_max_block_size = ")
                .append(context.targetMaxBlockSize().bytes()).append("  # ")
                .append(context.targetMaxBlockSize()).append('\n');
        code.append(INDENT).append("context.eager_free = ").append(bool(context.eagerFree())).append('\n');
        code.append(INDENT).append("context.enable_progress_bars = ")
                .append(bool(context.enableProgressBars())).append('\n');
        code.append(INDENT).append("context.enable_operator_progress_bars = ")
                .append(bool(context.enableOperatorProgressBars())).append('\n');
        code.append(INDENT).append("context.enable_auto_log_stats = ")
                .append(bool(context.enableAutoLogStats())).append('\n');
        code.append(INDENT).append("context.max_errored_blocks = ").append(context.maxErroredBlocks())
                .append(context.maxErroredBlocks() < 0 ? "  # no limit" : "").append('\n');
        ResourceLimits limits = context.resourceLimits();
        if (limits.equals(ResourceLimits.DETECTED)) {
            code.append(INDENT).append("# resource_limits: detected by Ray from the cluster\n");
        } else {
            List<String> arguments = new ArrayList<>();
            limits.cpu().ifPresent(cpu -> arguments.add("cpu=" + PythonLiterals.resource(cpu)));
            limits.gpu().ifPresent(gpu -> arguments.add("gpu=" + gpu));
            limits.objectStoreMemory().ifPresent(size -> arguments.add("object_store_memory=" + size.bytes()));
            code.append(INDENT).append("context.execution_options.resource_limits = ExecutionResources(")
                    .append(String.join(", ", arguments)).append(")")
                    .append(limits.objectStoreMemory().map(size -> "  # " + size).orElse("")).append('\n');
        }
        return code.toString();
    }

    static String main(boolean collects, boolean placeholders, boolean models) {
        StringBuilder code = new StringBuilder("def main(argv=None):\n");
        code.append(INDENT).append(models ? "global BASE_DIR, MODEL_DIR\n" : "global BASE_DIR\n");
        code.append(INDENT).append("parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])\n");
        code.append(INDENT).append("parser.add_argument(\"--base-dir\", default=BASE_DIR, help=\"the folder "
                + "relative paths resolve against (default: %(default)s)\")\n");
        if (models) {
            code.append(INDENT).append("parser.add_argument(\"--model-dir\", default=MODEL_DIR, help=\"the folder "
                    + "that holds the models pipetune ships (default: %(default)s)\")\n");
        }
        code.append(INDENT).append("parser.add_argument(\"--num-cpus\", type=int, help=\"CPUs of the local "
                + "Ray instance (default: all)\")\n");
        code.append(INDENT).append("parser.add_argument(\"--address\", help=\"a running Ray cluster to join "
                + "(default: start a local one)\")\n");
        if (collects) {
            code.append(INDENT).append("parser.add_argument(\"--result\", help=\"write the rows to this Parquet "
                    + "file (default: print the first 20)\")\n");
        }
        code.append(INDENT).append("args = parser.parse_args(argv)\n");
        code.append(INDENT).append("BASE_DIR = args.base_dir\n");
        if (models) {
            code.append(INDENT).append("MODEL_DIR = args.model_dir\n");
        }
        if (placeholders) {
            code.append(INDENT).append("refuse_placeholders()  # before starting Ray\n");
        }
        code.append(INDENT).append("ray.init(**({\"address\": args.address} if args.address else "
                + "{\"num_cpus\": args.num_cpus}))\n");
        code.append(INDENT).append("try:\n");
        if (collects) {
            code.append(INDENT).append(INDENT).append("table = run()\n");
            code.append(INDENT).append(INDENT).append("if args.result:\n");
            code.append(INDENT).append(INDENT).append(INDENT).append("pq.write_table(table, args.result)\n");
            code.append(INDENT).append(INDENT).append("else:\n");
            code.append(INDENT).append(INDENT).append(INDENT)
                    .append("for row in table.slice(0, 20).to_pylist():\n");
            code.append(INDENT).append(INDENT).append(INDENT).append(INDENT).append("print(row)\n");
            code.append(INDENT).append(INDENT).append("print(f\"{table.num_rows} rows\")\n");
        } else {
            code.append(INDENT).append(INDENT).append("run()\n");
        }
        code.append(INDENT).append("finally:\n");
        code.append(INDENT).append(INDENT).append("ray.shutdown()\n");
        code.append("\n\nif __name__ == \"__main__\":\n").append(INDENT).append("main()\n");
        return code.toString();
    }

    private static String bool(boolean value) {
        return value ? "True" : "False";
    }

    /** Returns text on one line, with runs of whitespace collapsed. */
    static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
