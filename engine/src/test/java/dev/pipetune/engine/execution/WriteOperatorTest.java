package dev.pipetune.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pipetune.engine.block.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteOperatorTest {

    /** Writes one id per line. */
    private static final FileFormatWriter LINES = new FileFormatWriter() {
        @Override
        public String extension() {
            return "txt";
        }

        @Override
        public void write(List<Block> blocks, Path file) throws IOException {
            List<String> lines = new ArrayList<>();
            for (Block block : blocks) {
                BigIntVector ids = (BigIntVector) block.root().getVector(0);
                for (int row = 0; row < block.rows(); row++) {
                    lines.add(Long.toString(ids.get(row)));
                }
            }
            Files.write(file, lines);
        }
    };

    private final BufferAllocator allocator = new RootAllocator();
    private final AtomicInteger reads = new AtomicInteger();

    @TempDir
    Path folder;

    @AfterEach
    void closeAllocatorSoLeaksFail() {
        allocator.close();
    }

    @Test
    void writesEveryRowIntoFilesOfBoundedSizeAndReplacesTheOutput() throws Exception {
        Path output = Files.createDirectories(folder.resolve("out"));
        Files.writeString(output.resolve("stale.txt"), "from an earlier run");
        WriteOperator write = new WriteOperator("write", output, LINES, 250, 400, 1, TaskResources.of(0.5, 0), 4, 0,
                failure -> false);
        run(List.of(source(10, 100), write));

        assertThat(output.resolve("stale.txt")).doesNotExist();
        List<Path> files = files(output);
        List<Long> ids = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            assertThat(lines.size()).isLessThanOrEqualTo(400);
            lines.forEach(line -> ids.add(Long.parseLong(line)));
        }
        assertThat(ids).hasSize(1000).doesNotHaveDuplicates();
        assertThat(files).allSatisfy(file -> assertThat(file.getFileName().toString()).matches("part-\\d{5}-.*\\.txt"));
        assertThat(siblingsOf(output)).containsExactly("out");
    }

    @Test
    void unboundedFilesStillGetDistinctNamesSoNoTaskOverwritesAnother() throws Exception {
        Path output = folder.resolve("unbounded");
        WriteOperator write = new WriteOperator("write", output, LINES, 100, Long.MAX_VALUE, 1,
                TaskResources.of(0.5, 0), 4, 0, failure -> false);
        run(List.of(source(10, 100), write));
        List<Path> files = files(output);
        assertThat(files).hasSizeGreaterThan(1);
        long rows = 0;
        for (Path file : files) {
            rows += Files.readAllLines(file).size();
        }
        assertThat(rows).isEqualTo(1000);
    }

    @Test
    void aFailedRunLeavesTheOutputUntouchedAndNoTemporaryFolder() throws Exception {
        Path output = Files.createDirectories(folder.resolve("out"));
        Files.writeString(output.resolve("previous.txt"), "keep me");
        MapOperator failing = MapOperator.taskPool("transform", (block, context) -> {
            if (block.origin().equals("part-7")) {
                throw new IllegalStateException("bad input");
            }
            return List.of(block.slice(0, block.rows(), context.allocator()));
        }, TaskResources.ONE_CPU, Integer.MAX_VALUE, 0, failure -> false, OptionalInt.empty(), 1);
        WriteOperator write = new WriteOperator("write", output, LINES, 1, 1000, 1, TaskResources.of(0.5, 0), 4, 0,
                failure -> false);

        PipelineRunException failure = catchThrowableOfType(PipelineRunException.class,
                () -> run(List.of(source(10, 100), failing, write)));

        assertThat(failure).hasMessageContaining("part-7");
        assertThat(Files.readString(output.resolve("previous.txt"))).isEqualTo("keep me");
        assertThat(files(output)).hasSize(1);
        assertThat(siblingsOf(output)).containsExactly("out");
    }

    private void run(List<PhysicalOperator> operators) throws PipelineRunException {
        try (ExecutionResult result = new StreamingExecutor(operators, new ResourceBudget(2000, 0, 1L << 30), 0,
                ExecutionListener.NONE, allocator).execute()) {
            assertThat(result.results()).isEmpty();
        }
    }

    private SourceOperator source(int tasks, int rows) {
        return new SourceOperator("read", TestBlocks.reads(tasks, rows, reads), TaskResources.of(0.25, 0),
                Integer.MAX_VALUE, 0, failure -> false);
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }

    private List<String> siblingsOf(Path output) throws IOException {
        return files(output.getParent()).stream().map(path -> path.getFileName().toString()).toList();
    }
}
