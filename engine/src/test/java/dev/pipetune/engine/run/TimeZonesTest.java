package dev.pipetune.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pipetune.engine.execution.ExecutionEvent;
import dev.pipetune.engine.testing.Python;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instants in a named time zone keep it from a pyarrow-written file through a run to the written file, and local-time
 * operations use it, as pyarrow's do: Parquet only stores that the values are UTC, the zone's name travels in the
 * Arrow schema pyarrow stores beside it.
 */
class TimeZonesTest {

    private static final String WRITE = """
            import sys, datetime, pyarrow as pa, pyarrow.parquet as pq
            utc = datetime.timezone.utc
            values = [datetime.datetime(2024, 1, 1, 3, 0, tzinfo=utc), datetime.datetime(2024, 7, 1, 12, 0, tzinfo=utc)]
            pq.write_table(pa.table({'ts': pa.array(values, pa.timestamp('us', tz='America/New_York')),
                                     'at': pa.array(values, pa.timestamp('ms', tz='UTC'))}), sys.argv[1])
            """;
    private static final String READ = """
            import sys, glob, pyarrow.parquet as pq
            table = pq.read_table(sorted(glob.glob(sys.argv[1] + '/*.parquet')))
            print(table.schema.field('ts').type, table.schema.field('at').type)
            print(table.column('local_day').to_pylist())
            print(table.column('text').to_pylist())
            """;

    @TempDir
    Path work;

    @Test
    void aNamedZoneSurvivesTheRunAndGivesLocalDatesAndTexts() throws Exception {
        assumeTrue(Python.hasModules("pyarrow"), "python3 with pyarrow is missing");
        Python.run(WRITE, work.resolve("in.parquet").toString());
        try (RunResult result = EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: in.parquet}
                  - map_batches:
                      fn: with_columns
                      fn_kwargs: {local_day: "cast(ts as date)", text: "cast(ts as string)"}
                  - write_parquet: {path: out}
                """, work)) {
            assertThat(result.execution().outcome()).isEqualTo(ExecutionEvent.Outcome.SUCCEEDED);
        }
        assertThat(Python.run(READ, work.resolve("out").toString()).strip().split("\n")).containsExactly(
                "timestamp[us, tz=America/New_York] timestamp[ms, tz=UTC]",
                "[datetime.date(2023, 12, 31), datetime.date(2024, 7, 1)]",
                "['2023-12-31 22:00:00.000000-0500', '2024-07-01 08:00:00.000000-0400']");
    }
}
