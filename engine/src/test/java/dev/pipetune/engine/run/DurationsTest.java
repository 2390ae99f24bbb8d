package dev.pipetune.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pipetune.engine.testing.Python;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Duration columns, which Parquet stores as plain 64-bit integers and pyarrow tells apart by the Arrow schema it
 * stores beside the file's, read as durations in their unit, keep that type through a run and a written file, and
 * compare by time in {@code min}/{@code max}, as pyarrow (so Ray Data) reads and computes them.
 */
class DurationsTest {

    private static final String WRITE = """
            import sys, pyarrow as pa, pyarrow.parquet as pq
            pq.write_table(pa.table({
                'k': ['a', 'a', 'b', 'b'],
                's': pa.array([5, -3, None, 7], pa.duration('s')),
                'ns': pa.array([10**12, 2, 3, None], pa.duration('ns')),
                'plain': pa.array([1, 2, 3, 4], pa.int64())}), sys.argv[1])
            """;
    @TempDir
    Path work;

    @BeforeEach
    void writeInput() throws Exception {
        assumeTrue(Python.hasModules("pyarrow"), "python3 with pyarrow is missing");
        Python.run(WRITE, work.resolve("in.parquet").toString());
    }

    @Test
    void durationsKeepTheirUnitThroughARunAndAWrittenFile() throws Exception {
        EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: in.parquet}
                  - write_parquet: {path: out}
                """, work).close();

        List<String> lines = Python.run("""
                import sys, glob, pyarrow.parquet as pq
                table = pq.read_table(sorted(glob.glob(sys.argv[1] + '/*.parquet')))
                print(', '.join(str(field.type) for field in table.schema))
                print(table.column('s').cast('int64').to_pylist(), table.column('ns').cast('int64').to_pylist())
                """, work.resolve("out").toString()).strip().lines().toList();
        assertThat(lines).containsExactly("string, duration[s], duration[ns], int64",
                "[5, -3, None, 7] [1000000000000, 2, 3, None]");
    }

    @Test
    void minAndMaxCompareByTimeAndKeepTheUnitAndTextOutputsWriteTheCount() throws Exception {
        EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: in.parquet}
                  - groupby: {key: k, aggregate: ["min(s) as s0", "max(s) as s1", "max(ns) as n1"]}
                  - write_parquet: {path: out}
                """, work).close();
        EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: in.parquet}
                  - write_csv: {path: csv}
                """, work).close();

        List<String> lines = Python.run("""
                import sys, glob, pyarrow.parquet as pq
                table = pq.read_table(sorted(glob.glob(sys.argv[1] + '/*.parquet'))).sort_by('k')
                print(', '.join(str(field.type) for field in table.schema))
                print([table.column(name).cast('int64').to_pylist() for name in ['s0', 's1', 'n1']])
                """, work.resolve("out").toString()).strip().lines().toList();
        assertThat(lines).containsExactly("string, duration[s], duration[s], duration[ns]",
                "[[-3, 7], [5, 7], [1000000000000, 3]]");
        try (var files = Files.list(work.resolve("csv"))) {
            assertThat(Files.readAllLines(files.findFirst().orElseThrow())).containsExactly(
                    "\"k\",\"s\",\"ns\",\"plain\"", "\"a\",5,1000000000000,1", "\"a\",-3,2,2", "\"b\",,3,3",
                    "\"b\",7,,4");
        }
    }

    @Test
    void filesWithDurationsOfTwoUnitsReadTogetherInTheFinerOne() throws Exception {
        Python.run("""
                import sys, pyarrow as pa, pyarrow.parquet as pq
                pq.write_table(pa.table({'d': pa.array([1, None], pa.duration('ms'))}), sys.argv[1] + '/f0.parquet')
                pq.write_table(pa.table({'d': pa.array([7], pa.duration('us'))}), sys.argv[1] + '/f1.parquet')
                """, Files.createDirectories(work.resolve("units")).toString());

        EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: units}
                  - write_parquet: {path: unified}
                """, work).close();

        List<String> lines = Python.run("""
                import sys, glob, pyarrow.parquet as pq
                table = pq.read_table(sorted(glob.glob(sys.argv[1] + '/*.parquet')))
                print(table.schema.field('d').type, sorted(table.column('d').cast('int64').to_pylist(), key=str))
                """, work.resolve("unified").toString()).strip().lines().toList();
        assertThat(lines).containsExactly("duration[us] [1000, 7, None]");
    }
}
