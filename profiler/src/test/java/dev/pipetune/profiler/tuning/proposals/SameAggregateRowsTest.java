package dev.pipetune.profiler.tuning.proposals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.profiler.tuning.SampleRows;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the aggregation proposal compares a hand-written aggregation's rows with the engine's: key by key in any order,
 * floating point within a relative 1e-9, and never an integer for a floating-point number.
 */
class SameAggregateRowsTest {

    private static final List<SampleRows.Column> COLUMNS = List.of(new SampleRows.Column("category", false),
            new SampleRows.Column("n", true), new SampleRows.Column("total", true));

    @Test
    void rowsAreComparedByKeyInAnyOrderWithAToleranceForFloatingPoint() {
        SampleRows hand = rows(List.of("a", 2L, 0.1 + 0.2), List.of("b", 1L, 5.0), Arrays.asList(null, 3L, 1.0));
        SampleRows engine = rows(Arrays.asList(null, 3L, 1.0), List.of("b", 1L, 5.0), List.of("a", 2L, 0.3));

        assertThat(AggregationFinder.sameRows(hand, engine, List.of("category"))).isTrue();
        assertThat(AggregationFinder.sameRows(hand, rows(List.of("b", 1L, 5.0), List.of("a", 2L, 0.3)),
                List.of("category"))).isFalse();
        assertThat(AggregationFinder.sameRows(hand, rows(List.of("a", 2L, 0.31), List.of("b", 1L, 5.0),
                Arrays.asList(null, 3L, 1.0)), List.of("category"))).isFalse();
    }

    @Test
    void integersMatchOnlyIntegersAndFloatsMatchWithinTheTolerance() {
        assertThat(AggregationFinder.sameValue(3L, 3L)).isTrue();
        assertThat(AggregationFinder.sameValue(3L, 3.0)).isFalse();
        assertThat(AggregationFinder.sameValue(1e12, 1e12 + 1e2)).isTrue();
        assertThat(AggregationFinder.sameValue(1.0, 1.0 + 1e-6)).isFalse();
        assertThat(AggregationFinder.sameValue(Double.NaN, Double.NaN)).isTrue();
        assertThat(AggregationFinder.sameValue(null, null)).isTrue();
        assertThat(AggregationFinder.sameValue(null, 0L)).isFalse();
    }

    @SafeVarargs
    private static SampleRows rows(List<Object>... rows) {
        return new SampleRows(COLUMNS, rows.length, List.of(rows));
    }
}
