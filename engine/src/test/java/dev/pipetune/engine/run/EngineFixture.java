package dev.pipetune.engine.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipetune.engine.execution.ExecutionListener;
import dev.pipetune.engine.execution.PipelineRunException;
import dev.pipetune.engine.pipeline.InvalidPipelineException;
import dev.pipetune.engine.pipeline.PathExpander;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.engine.plan.PlanContext;
import dev.pipetune.engine.plan.PlanException;
import dev.pipetune.engine.sample.SampleData;
import dev.pipetune.engine.sample.SampleDataListener;
import dev.pipetune.engine.sample.SampleDataOptions;
import dev.pipetune.engine.udf.FunctionLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;

/** Runs pipeline texts on the embedded engine over generated sample data, for end-to-end tests. */
final class EngineFixture {

    private EngineFixture() {
    }

    static void writeSampleData(Path directory, long rows, int docs) throws IOException, InterruptedException {
        try (RootAllocator allocator = new RootAllocator()) {
            SampleData.write(directory, SampleDataOptions.defaults().withRows(rows).withDocs(docs), allocator,
                    SampleDataListener.none());
        }
    }

    static Pipeline pipeline(String yaml) throws InvalidPipelineException {
        return new PipelineReader().read(yaml, PipelineFormat.YAML, "test.yaml", "test");
    }

    static PlanContext context(Path baseDirectory, int cpus) {
        return new PlanContext(new PathExpander(baseDirectory, Map.of(), baseDirectory),
                FunctionLoader.withPlugins(List.of()), cpus, 0, 8L << 30);
    }

    static RunResult run(String yaml, Path baseDirectory) throws Exception {
        return run(yaml, baseDirectory, ExecutionListener.NONE);
    }

    static RunResult run(String yaml, Path baseDirectory, ExecutionListener listener)
            throws InvalidPipelineException, PlanException, PipelineRunException, InterruptedException {
        return new EmbeddedEngine().start(pipeline(yaml), context(baseDirectory, 2), listener).await();
    }

    /**
     * Reads the rows of a {@code write_json} output folder, each re-serialized canonically (keys in file order, no
     * spaces), files in name order.
     */
    static List<String> jsonRows(Path folder) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    rows.add(json.writeValueAsString(json.readTree(line)));
                }
            }
        }
        return rows;
    }
}
