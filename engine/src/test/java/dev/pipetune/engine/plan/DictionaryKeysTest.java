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

/** The planner asks for dictionary-encoded keys only when a single string key's groupby directly follows the read. */
class DictionaryKeysTest {

    private static final Optional<Schema> SCHEMA = Optional.of(new Schema(List.of(
            Field.nullable("category", ArrowType.Utf8.INSTANCE),
            Field.nullable("value", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            Field.nullable("qty", new ArrowType.Int(64, true)))));

    private static Set<String> keys(String steps) throws Exception {
        Pipeline pipeline = new PipelineReader().read("pipeline:\n  - read_parquet: {paths: events}\n" + steps,
                PipelineFormat.YAML, "test.yaml", "test");
        return Planner.dictionaryKeys(pipeline, SCHEMA);
    }

    @Test
    void aStringKeyDirectlyAfterTheRead() throws Exception {
        assertThat(keys("  - groupby: {key: category, aggregate: [\"count()\", \"sum(value)\"]}\n"))
                .containsExactly("category");
    }

    @Test
    void notWithAStepInBetweenOtherKeysOrAnAggregatedKey() throws Exception {
        assertThat(keys("  - filter: {expr: \"qty > 3\"}\n  - groupby: {key: category, aggregate: [\"count()\"]}\n"))
                .isEmpty();
        assertThat(keys("  - groupby: {key: qty, aggregate: [\"count()\"]}\n")).isEmpty();
        assertThat(keys("  - groupby: {key: [category, qty], aggregate: [\"count()\"]}\n")).isEmpty();
        assertThat(keys("  - groupby: {key: category, aggregate: [\"count(category)\"]}\n")).isEmpty();
    }
}
