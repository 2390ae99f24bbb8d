package dev.pipetune.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.engine.execution.ExecutionListener;
import dev.pipetune.engine.plan.InputSample;
import dev.pipetune.engine.plan.PlanContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with an {@link InputSample} reads the expected share of the input: row groups of {@code read_parquet}
 * (counted over all files), files of {@code read_csv}; the same sample twice reads the same rows.
 */
class SampledInputTest {

    @TempDir
    static Path work;

    /** Ten Parquet files of 1,000 rows (one row group each) and ten CSV files of 1,000 rows. */
    @BeforeAll
    static void writeInputs() throws Exception {
        EngineFixture.writeSampleData(work.resolve("data"), 10_000, 1);
        for (String format : new String[] {"parquet", "csv"}) {
            String yaml = """
                    pipeline:
                      - read_parquet: {paths: data/events, columns: [id, value]}
                      - write_%s: {path: %s, min_rows_per_file: 1000, max_rows_per_file: 1000}
                    """.formatted(format, format);
            EngineFixture.run(yaml, work).close();
        }
        try (var files = Files.list(work.resolve("csv"))) {
            assertThat(files.count()).isEqualTo(10);
        }
    }

    @Test
    void parquetSampleReadsTheShareOfRowGroups() throws Exception {
        assertThat(rowsRead("read_parquet: {paths: parquet}", new InputSample(0.3))).isEqualTo(3_000);
        assertThat(rowsRead("read_parquet: {paths: parquet}", new InputSample(0.01))).isEqualTo(1_000);
        assertThat(rowsRead("read_parquet: {paths: parquet}", InputSample.ALL)).isEqualTo(10_000);
    }

    @Test
    void csvSampleReadsTheShareOfFiles() throws Exception {
        assertThat(rowsRead("read_csv: {paths: csv}", new InputSample(0.5))).isEqualTo(5_000);
    }

    @Test
    void sameSampleReadsTheSameRows() throws Exception {
        String yaml = """
                pipeline:
                  - read_parquet: {paths: parquet}
                  - groupby: {key: id, aggregate: ["count() as n"]}
                """;
        assertThat(sumOfIds(yaml, 0.4)).isEqualTo(sumOfIds(yaml, 0.4)).isNotEqualTo(sumOfIds(yaml, 0.6));
    }

    private static long rowsRead(String read, InputSample sample) throws Exception {
        String yaml = "pipeline:\n  - " + read + "\n  - filter: {expr: \"id >= 0\"}\n";
        PlanContext context = EngineFixture.context(work, 2).withInputSample(sample);
        try (RunResult result = new EmbeddedEngine().start(EngineFixture.pipeline(yaml), context,
                ExecutionListener.NONE).await()) {
            return result.execution().operators().getFirst().rowsOut();
        }
    }

    private static long sumOfIds(String yaml, double fraction) throws Exception {
        PlanContext context = EngineFixture.context(work, 2).withInputSample(new InputSample(fraction));
        try (RunResult result = new EmbeddedEngine().start(EngineFixture.pipeline(yaml), context,
                ExecutionListener.NONE).await()) {
            long sum = 0;
            for (var block : result.execution().results()) {
                var ids = (org.apache.arrow.vector.BigIntVector) block.root().getVector("id");
                for (int row = 0; row < ids.getValueCount(); row++) {
                    sum += ids.get(row);
                }
            }
            return sum;
        }
    }
}
