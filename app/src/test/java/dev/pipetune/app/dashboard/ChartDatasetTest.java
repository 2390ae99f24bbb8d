package dev.pipetune.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChartDatasetTest {

    private static ChartData.SeriesData wave(String name, int points) {
        long[] times = new long[points];
        double[] values = new double[points];
        for (int index = 0; index < points; index++) {
            times[index] = 1_000_000L + index * 250L;
            values[index] = 10 + Math.sin(index / 5.0);
        }
        return new ChartData.SeriesData(name, times, values);
    }

    @Test
    void shortSeriesAreShownAsTheyAre() {
        ChartDataset dataset = new ChartDataset(100);
        dataset.show(new ChartData("CPU", "%", List.of(wave("total", 60), wave("core 0", 3))));

        assertThat(dataset.getSeriesCount()).isEqualTo(2);
        assertThat(dataset.getSeriesKey(1)).isEqualTo("core 0");
        assertThat(dataset.getItemCount(0)).isEqualTo(60);
        assertThat(dataset.getXValue(0, 59)).isEqualTo(1_000_000L + 59 * 250L);
        assertThat(dataset.getYValue(1, 2)).isEqualTo(10 + Math.sin(2 / 5.0));
    }

    @Test
    void longSeriesAreThinnedToTheBudgetKeepingSpikesAndTimeOrder() {
        ChartData.SeriesData full = wave("rows/s", 5_000);
        full.values()[1234] = 999;
        full.values()[4321] = -5;
        ChartDataset dataset = new ChartDataset(200);
        dataset.show(new ChartData("Throughput", "rows/s", List.of(full)));

        int kept = dataset.getItemCount(0);
        assertThat(kept).isLessThanOrEqualTo(200).isGreaterThan(100);
        double highest = Double.NEGATIVE_INFINITY;
        double lowest = Double.POSITIVE_INFINITY;
        for (int item = 0; item < kept; item++) {
            highest = Math.max(highest, dataset.getYValue(0, item));
            lowest = Math.min(lowest, dataset.getYValue(0, item));
            if (item > 0) {
                assertThat(dataset.getXValue(0, item)).isGreaterThan(dataset.getXValue(0, item - 1));
            }
        }
        assertThat(highest).isEqualTo(999);
        assertThat(lowest).isEqualTo(-5);
        assertThat(dataset.getXValue(0, 0)).isEqualTo(1_000_000L);
        assertThat(dataset.getXValue(0, kept - 1)).isEqualTo(1_000_000L + 4_999 * 250L);
    }

    @Test
    void showingNewDataNotifiesOnce() {
        ChartDataset dataset = new ChartDataset(50);
        AtomicInteger events = new AtomicInteger();
        dataset.addChangeListener(event -> events.incrementAndGet());

        dataset.show(new ChartData("Memory", "MiB", List.of(wave("RSS", 500), wave("heap", 500))));

        assertThat(events).hasValue(1);
    }

    @Test
    void aBudgetTooSmallToKeepExtremesIsRefused() {
        assertThatThrownBy(() -> new ChartDataset(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("below 4");
    }
}
