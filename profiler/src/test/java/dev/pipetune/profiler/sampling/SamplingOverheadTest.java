package dev.pipetune.profiler.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.profiler.gpu.GpuMetricsSource;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The sampling thread's CPU time at 4 Hz with every standard sampler stays under 1 % of one core. Measures for
 * {@code -Dpipetune.sampling.overheadSeconds} seconds (3 by default; 20 for the performance notes) and prints the
 * result to the test's output.
 */
class SamplingOverheadTest {

    private static final double BUDGET_SHARE_OF_ONE_CORE = 0.01;
    private static final int WARM_UP_TICKS = 40;

    @Test
    void theSamplingThreadUsesUnderOnePercentOfOneCoreAtFourHertz() throws InterruptedException {
        long seconds = Long.getLong("pipetune.sampling.overheadSeconds", 3);
        AtomicLong values = new AtomicLong();
        try (GpuMetricsSource gpus = GpuMetricsSource.open();
                SamplingScheduler scheduler = new SamplingScheduler(StandardSamplers.create(gpus, () -> 0),
                        SamplingScheduler.DEFAULT_HERTZ, (time, tick) -> values.addAndGet(tick.size()))) {
            for (int tick = 0; tick < WARM_UP_TICKS; tick++) {
                scheduler.sampleOnce();
            }
            long warmTicks = scheduler.ticks();
            long start = System.nanoTime();
            scheduler.start();
            Thread.sleep(Duration.ofSeconds(seconds));
            scheduler.close();
            double wall = (System.nanoTime() - start) / 1e9;
            double cpu = scheduler.samplingThreadCpuTime().toNanos() / 1e9;
            long ticks = scheduler.ticks() - warmTicks;
            double share = cpu / wall;
            System.out.printf(Locale.ROOT, "sampling overhead: %d ticks in %.1f s, sampler thread %.4f CPU-s = %.3f %% "
                    + "of one core, %.0f us per tick, %d values in all (GPUs: %s)%n", ticks, wall, cpu, share * 100,
                    cpu / Math.max(1, ticks) * 1e6, values.get(), gpus);

            assertThat(ticks).as("ticks at 4 Hz").isBetween(seconds * 4 - 4, seconds * 4 + 2);
            assertThat(share).as("share of one core").isLessThan(BUDGET_SHARE_OF_ONE_CORE);
        }
    }
}
