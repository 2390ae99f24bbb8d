package dev.pipetune.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineReader;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/**
 * The planner asks for dictionary-encoded columns when a groupby directly follows the read (its single string key,
 * and the numeric columns that only min, max and count read), and asks for every string column when each later step
 * keeps them encoded (with_columns, expression filters, and a final write_parquet).
 */
class DictionaryColumnsTest {

    private static final Optional<Schema> SCHEMA = Optional.of(new Schema(List.of(
            Field.nullable("category", ArrowType.Utf8.INSTANCE),
            Field.nullable("value", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            Field.nullable("qty", new ArrowType.Int(64, true)))));

    private static Set<String> columns(String steps) throws Exception {
        Pipeline pipeline = new PipelineReader().read("pipeline:\n  - read_parquet: {paths: events}\n" + steps,
                PipelineFormat.YAML, "test.yaml", "test");
        return Planner.dictionaryColumns(pipeline, SCHEMA);
    }

    @Test
    void aStringKeyDirectlyAfterTheRead() throws Exception {
        assertThat(columns("  - groupby: {key: category, aggregate: [\"count()\", \"sum(value)\"]}\n"))
                .containsExactly("category");
    }

    @Test
    void notOtherKeysOrAnAggregatedKey() throws Exception {
        assertThat(columns("  - groupby: {key: qty, aggregate: [\"count()\"]}\n")).isEmpty();
        assertThat(columns("  - groupby: {key: [category, qty], aggregate: [\"count()\"]}\n")).isEmpty();
        assertThat(columns("  - groupby: {key: category, aggregate: [\"count(category)\"]}\n")).isEmpty();
    }

    @Test
    void numericColumnsThatOnlyMinMaxOrCountRead() throws Exception {
        assertThat(columns("  - groupby: {key: category, aggregate: [\"count()\", \"sum(value)\", \"mean(value)\", "
                + "\"max(qty)\"]}\n")).containsExactlyInAnyOrder("category", "qty");
        assertThat(columns("  - groupby: {key: [category, value], aggregate: [\"min(qty)\", \"count(qty)\"]}\n"))
                .containsExactly("qty");
        assertThat(columns("  - groupby: {key: category, aggregate: [\"max(qty)\", \"sum(qty)\"]}\n"))
                .containsExactly("category");
        assertThat(columns("  - groupby: {key: qty, aggregate: [\"max(qty)\"]}\n")).isEmpty();
        assertThat(columns("  - filter: {expr: \"qty > 3\"}\n"
                + "  - groupby: {key: category, aggregate: [\"max(qty)\"]}\n"))
                .containsExactly("category");
    }

    @Test
    void stringColumnsWhenEveryLaterStepKeepsThemEncoded() throws Exception {
        assertThat(columns("  - write_parquet: {path: out}\n")).containsExactly("category");
        assertThat(columns("  - map_batches: {fn: with_columns, fn_kwargs: {up: \"upper(category)\"}}\n"
                + "  - filter: {expr: \"qty > 3\"}\n  - write_parquet: {path: out}\n")).containsExactly("category");
    }

    @Test
    void theStringKeyOfAGroupbyThatOnlyWithColumnsAndFiltersSeparateFromTheRead() throws Exception {
        assertThat(columns("  - filter: {expr: \"qty > 3\"}\n"
                + "  - map_batches: {fn: with_columns, fn_kwargs: {twice: \"value * 2\"}}\n"
                + "  - groupby: {key: category, aggregate: [\"count()\", \"sum(twice)\"]}\n"
                + "  - write_csv: {path: out}\n")).containsExactly("category");
        assertThat(columns("  - filter: {expr: \"qty > 3\"}\n  - groupby: {key: qty, aggregate: [\"count()\"]}\n"))
                .isEmpty();
        assertThat(columns("  - filter: {expr: \"qty > 3\"}\n"
                + "  - groupby: {key: category, aggregate: [\"count(category)\"]}\n")).isEmpty();
        assertThat(columns("  - map_batches: {fn: \"java:com.acme.Scale\"}\n"
                + "  - groupby: {key: category, aggregate: [\"count()\"]}\n")).isEmpty();
    }

    @Test
    void noStringColumnsWhenAStepWouldDecodeThem() throws Exception {
        assertThat(columns("  - map_batches: {fn: \"java:com.acme.Scale\"}\n  - write_parquet: {path: out}\n"))
                .isEmpty();
        assertThat(columns("  - filter: {expr: \"qty > 3\"}\n  - write_csv: {path: out}\n")).isEmpty();
        assertThat(columns("  - filter: {expr: \"qty > 3\"}\n  - show: {}\n")).isEmpty();
        assertThat(columns("  - select_columns: {cols: [category]}\n  - write_parquet: {path: out}\n")).isEmpty();
    }
}
