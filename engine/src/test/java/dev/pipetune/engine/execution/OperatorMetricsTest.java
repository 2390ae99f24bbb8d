package dev.pipetune.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperatorMetricsTest {

    @Test
    void aWriteOperatorHandlesTheRowsItReceivesOthersTheRowsTheyProduce() {
        assertThat(metrics("Write(write)", 900, 0).rowsHandled()).isEqualTo(900);
        assertThat(metrics("ReadParquet(read)", 0, 1000).rowsHandled()).isEqualTo(1000);
        assertThat(metrics("Filter(keep)", 1000, 250).rowsHandled()).isEqualTo(250);
    }

    private static OperatorMetrics metrics(String name, long rowsIn, long rowsOut) {
        return new OperatorMetrics(name, 1, 0, 1, 1, 1, rowsIn, rowsOut, 0, 0, 1_000_000, 0, 0, 0, 1, 1, 1, 0, 0, 0,
                0, 0, true);
    }
}
