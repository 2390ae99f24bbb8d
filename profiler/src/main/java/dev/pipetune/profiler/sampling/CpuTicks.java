package dev.pipetune.profiler.sampling;

import java.util.OptionalDouble;
/**
 * CPU use from two readings of tick counters in the order of Linux's {@code /proc/stat} and of OSHI's
 * {@code CentralProcessor.TickType}: user, nice, system, idle, iowait, irq, softirq, steal. Computed as OSHI computes
 * load.
 */
final class CpuTicks {

    private static final double PERCENT = 100.0;
    private static final int IDLE = 3;
    private static final int IO_WAIT = 4;

    private CpuTicks() {
    }

    /**
     * The share of time not idle between two readings: idle and I/O wait count as idle, everything else (user, nice,
     * system, interrupts, steal) as busy.
     *
     * @param previous the earlier reading of one processor's (or the sum of several processors') counters
     * @param current  the later reading
     * @return 0-100, or empty if no time passed between the readings (OSHI served a cached reading) or a counter went
     *         backwards
     */
    static OptionalDouble busyPercent(long[] previous, long[] current) {
        long total = 0;
        long idle = 0;
        int types = Math.min(previous.length, current.length);
        for (int type = 0; type < types; type++) {
            long delta = current[type] - previous[type];
            if (delta < 0) {
                return OptionalDouble.empty();
            }
            total += delta;
            if (type == IDLE || type == IO_WAIT) {
                idle += delta;
            }
        }
        if (total <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.clamp((total - idle) * PERCENT / total, 0.0, PERCENT));
    }

    /**
     * Adds one processor's counters to a running sum.
     *
     * @param sum   the sum so far, as long as {@code ticks} or longer
     * @param ticks one processor's counters
     */
    static void addTo(long[] sum, long[] ticks) {
        for (int type = 0; type < Math.min(sum.length, ticks.length); type++) {
            sum[type] += ticks[type];
        }
    }
}
