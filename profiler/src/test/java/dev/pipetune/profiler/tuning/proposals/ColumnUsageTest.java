package dev.pipetune.profiler.tuning.proposals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which read columns a pipeline uses, from its real expressions, keys and column selections. */
class ColumnUsageTest {

    private static final List<String> EVENTS = List.of("id", "ts", "user_id", "category", "value", "qty", "flag",
            "text", "x0", "x1");

    @Test
    void writeUsesEveryColumnThatReachesIt() throws Exception {
        assertThat(used("""
                - map_batches: {fn: with_columns, fn_kwargs: {amount: "cast(qty as double) * value"}}
                - filter: {expr: "amount > 100"}
                - write_parquet: {path: out}
                """)).isEqualTo(EVENTS);
    }

    @Test
    void groupbyUsesOnlyItsKeysAndAggregatedColumns() throws Exception {
        assertThat(used("""
                - filter: {expr: "flag and user_id between 10 and 20"}
                - groupby: {key: category, aggregate: ["count() as n", "sum(value) as total", "max(qty)"]}
                - write_parquet: {path: out}
                """)).containsExactly("user_id", "category", "value", "qty", "flag");
    }

    @Test
    void computedColumnsAreNotReadAndSelectionsLimitWhatIsUsed() throws Exception {
        assertThat(used("""
                - map_batches:
                    fn: with_columns
                    fn_kwargs:
                      amount: "cast(qty as double) * value"
                      label: "case when text like 'a%' then upper(category) else 'other' end"
                - filter: {expr: "amount > 100 and label is not null"}
                - select_columns: {cols: [id, amount]}
                - write_parquet: {path: out}
                """)).containsExactly("id", "category", "value", "qty", "text");
    }

    @Test
    void droppedColumnsAreUnusedButJavaFunctionsMayUseAnything() throws Exception {
        assertThat(used("""
                - drop_columns: {cols: [x0, x1, text]}
                - write_csv: {path: out}
                """)).containsExactly("id", "ts", "user_id", "category", "value", "qty", "flag");
        assertThat(used("""
                - map_batches: {fn: "java:com.acme.Score", batch_size: 100}
                - select_columns: {cols: [id]}
                - write_parquet: {path: out}
                """)).isEqualTo(EVENTS);
    }

    private static List<String> used(String steps) throws Exception {
        String yaml = "pipeline:\n  - read_parquet: {paths: data/events}\n" + steps.indent(2);
        Pipeline pipeline = new PipelineReader().read(yaml, PipelineFormat.YAML, "test.yaml", "test");
        return ColumnUsage.usedColumns(pipeline, EVENTS);
    }
}
