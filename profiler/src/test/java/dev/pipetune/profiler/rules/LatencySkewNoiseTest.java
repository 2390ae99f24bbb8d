package dev.pipetune.profiler.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.profiler.recording.Recording;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Latency skew of tasks that take about a millisecond is noise: the scenario tests saw real sub-millisecond tasks
 * with a 1 ms p99 judged a WARNING ("p99 task latency 1 ms is 9.4x the p50 0 ms").
 */
class LatencySkewNoiseTest {

    /** Evaluates the rule on a healthy run whose every operator has these task latencies. */
    private static RuleResult skew(double p50, double p99) {
        Recording recording = TestRecordings.healthy().operators(time -> List.of(
                new TestRecordings.Op(TestRecordings.READ).progress(time).cpuSeconds(30).latency(p50, p99).build(),
                new TestRecordings.Op(TestRecordings.TRANSFORM).progress(time).cpuSeconds(25).latency(p50, p99)
                        .build(),
                new TestRecordings.Op(TestRecordings.WRITE).progress(time).cpuSeconds(10).latency(p50, p99).build()))
                .build();
        return Rules.load().find("latency-skew").orElseThrow().evaluate(RuleContext.of(recording, Optional.empty()));
    }

    @Test
    void aTailUnderTenMillisecondsIsNotJudged() {
        RuleResult noise = skew(0.1, 1);

        assertThat(noise.severity()).isEqualTo(Severity.NOT_APPLICABLE);
        assertThat(noise.summary()).contains("p99 of at least 10 ms");
    }

    @Test
    void aTailFromTenMillisecondsIsJudgedByItsRatio() {
        assertThat(skew(2, 10).severity()).isEqualTo(Severity.WARNING);
        assertThat(skew(9, 10).severity()).isEqualTo(Severity.OK);
    }
}
