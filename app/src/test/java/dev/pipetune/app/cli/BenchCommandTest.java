package dev.pipetune.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipetune bench} on small generated data: one JSON line per repetition, and per-operator lines on demand. */
class BenchCommandTest {

    @TempDir
    Path folder;

    @Test
    void benchPrintsOneRecordPerRepetitionAndOperatorLinesWhenAsked() throws Exception {
        Path data = folder.resolve("data");
        assertThat(CliResult.run("sample-data", data.toString(), "--rows", "20000", "--docs", "5").exitCode())
                .isZero();

        CliResult result = CliResult.run("bench", "--data", data.toString(), "--out", folder.resolve("out").toString(),
                "--workloads", "w2", "--reps", "2", "--operators");

        assertThat(result.exitCode()).as(result.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = result.out().lines().filter(line -> line.startsWith("{")).map(line -> {
            try {
                return json.readTree(line);
            } catch (Exception e) {
                throw new AssertionError(line, e);
            }
        }).toList();
        assertThat(records).extracting(record -> record.get("rep").asInt()).containsExactly(1, 2);
        assertThat(records).allSatisfy(record -> {
            assertThat(record.get("workload").asText()).isEqualTo("w2");
            assertThat(record.get("rows_in").asLong()).isEqualTo(20_000);
            assertThat(record.get("rows_out").asLong()).isEqualTo(50);
        });
        List<String> operatorLines = result.err().lines().filter(line -> line.startsWith("  ")).toList();
        assertThat(operatorLines).hasSize(4);
        assertThat(operatorLines.get(0)).contains("ReadParquet(read_parquet[0])", "tasks", "cpu", "task p50");
        assertThat(operatorLines.get(1)).contains("Aggregate(groupby[1])");
    }
}
