package dev.pipetune.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.NumberFormat;
import org.junit.jupiter.api.Test;

class LiveChartTest {

    @Test
    void axisValuesAreShortButSmallValuesKeepTheirDecimals() {
        NumberFormat format = LiveChart.compactFormat();

        assertThat(format.format(0)).isEqualTo("0");
        assertThat(format.format(0.25)).isEqualTo("0.25");
        assertThat(format.format(950)).isEqualTo("950");
        assertThat(format.format(1_500)).isEqualTo("1.5K");
        assertThat(format.format(12_000_000)).isEqualTo("12M");
        assertThat(format.format(3_200_000_000L)).isEqualTo("3.2G");
    }
}
