package dev.pipetune.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which units a sample keeps: the expected share, spread evenly, the same every time, at least one. */
class InputSampleTest {

    @Test
    void keepsTheRoundedShareSpreadEvenlyOverTheInput() {
        InputSample quarter = new InputSample(0.25);

        assertThat(quarter.keptIndexes(40)).containsExactly(0, 4, 8, 12, 16, 20, 24, 28, 32, 36);
        assertThat(new InputSample(0.5).keptIndexes(5)).hasSize(3).isSorted().doesNotHaveDuplicates();
        assertThat(new InputSample(0.1).keptCount(40)).isEqualTo(4);
    }

    @Test
    void sameFractionOfTheSameInputKeepsTheSameUnits() {
        List<String> files = IntStream.range(0, 17).mapToObj(index -> "part-" + index).toList();

        assertThat(new InputSample(0.3).select(files)).isEqualTo(new InputSample(0.3).select(files))
                .hasSize(5).isSubsetOf(files);
    }

    @Test
    void keepsAtLeastOneUnitOfANonEmptyInputAndEverythingOfTheWhole() {
        assertThat(new InputSample(0.01).keptIndexes(4)).containsExactly(0);
        assertThat(new InputSample(0.01).keptIndexes(0)).isEmpty();
        assertThat(InputSample.ALL.keptIndexes(3)).containsExactly(0, 1, 2);
        assertThat(InputSample.ALL.select(List.of("a", "b"))).containsExactly("a", "b");
    }

    @Test
    void rejectsFractionsOutsideZeroToOne() {
        assertThatThrownBy(() -> new InputSample(0)).hasMessageContaining("above 0 and at most 1");
        assertThatThrownBy(() -> new InputSample(1.5)).hasMessageContaining("got 1.5");
        assertThatThrownBy(() -> new InputSample(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
